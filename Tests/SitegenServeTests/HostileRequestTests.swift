import Dispatch
import Foundation
import Testing
@testable import SitegenServe

/// Nothing outside the preview root is ever served, and no client can stop the server from
/// serving the others: malformed, oversized, half-sent and very many requests.
@Suite struct HostileRequestTests {
    /// Each target tries to reach a file outside the root, a link leading out, or sitegen's
    /// bookkeeping. Every one must be answered 400 or 404, and no answer may hold a secret.
    static let traversals = [
        "/../secret.txt", "/../../../../../../etc/passwd", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt",
        "/.%2e/secret.txt", "/%2e./secret.txt", "/awards/../../secret.txt", "/awards/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt", "/..%2Fsecret.txt", "/..\\secret.txt", "/..%5csecret.txt",
        "/%5c..%5csecret.txt", "/%2e%2e%5c%2e%2e%5csecret.txt", "/secret.txt%00.html", "/index.html%00",
        "/escape/secret.txt", "/escape/.sitegen/site/manifest", "/secret-link.txt", "/etc/passwd",
        "/.sitegen/x", "/%2esitegen/x", "/../.sitegen/site/manifest", "//etc/passwd", "/awards//../../secret.txt",
        "/%252e%252e/secret.txt", "/awards/./../../secret.txt", "/%c0%ae%c0%ae/secret.txt", "/%ff/secret.txt",
        "/.", "/..", "/%", "/%zz/secret.txt", "/%2", "/secret.txt", "/__sitegen/../secret.txt",
        "/a%2f..%2f..%2fsecret.txt", "/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/awards/a1/%2e%2e/%2e%2e/%2e%2e/secret.txt",
    ]

    @Test func traversalAndMalformedPathsAreRefused() throws {
        let site = try StaticSite()
        #expect(Self.traversals.count >= 20)
        let client = try site.client()
        for target in Self.traversals {
            let response = try client.request(target)
            #expect(response.status == 400 || response.status == 404, "\(target) → \(response.status)")
            for secret in StaticSite.secrets {
                #expect(!response.text.contains(secret), "\(target) served \(secret)")
            }
        }
        // The keep-alive connection survived all of them.
        #expect(try client.request("/").status == 200)
    }

    /// The path rules themselves, without a socket: what each refusal is.
    @Test func requestPathRules() throws {
        func parsed(_ target: String) -> Result<RequestPath, RequestPath.Rejection> { RequestPath.parse(target) }
        #expect(try parsed("/a/b%20c/").get() == RequestPath(segments: ["a", "b c"], endsWithSlash: true))
        #expect(try parsed("/").get() == RequestPath(segments: [], endsWithSlash: true))
        #expect(try parsed("/x?y=/../z").get() == RequestPath(segments: ["x"], endsWithSlash: false))
        // Decoded once: a doubly encoded dot is a literal `%2e`, a file name like any other.
        #expect(try parsed("/%252e%252e").get() == RequestPath(segments: ["%2e%2e"], endsWithSlash: false))
        for target in ["/%2e%2e", "/a/%2E", "/..", "/a%2fb", "/a%5Cb", "/a\\b", "/a%00", "/a%0a", "/a//b", "/%c3", "/%g0", "/a%7f"] {
            guard case .failure(.malformed) = parsed(target) else {
                Issue.record("\(target) was not refused as malformed")
                continue
            }
        }
        #expect(parsed("/.sitegen/manifest") == .failure(.hidden))
    }

    /// Bad request lines and heads get their 4xx/5xx and a closed connection; the server goes on.
    @Test func malformedRequestsAreAnsweredAndTheServerGoesOn() throws {
        let site = try StaticSite()
        let cases: [(String, Int)] = [
            ("GARBAGE\r\n\r\n", 400),
            ("GET /\r\n\r\n", 400),
            ("GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505),
            ("GET / FTP/1.1\r\nHost: x\r\n\r\n", 400),
            ("GET index.html HTTP/1.1\r\nHost: x\r\n\r\n", 400),
            ("GET http://example.org/ HTTP/1.1\r\nHost: x\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\n\r\n", 400),
            ("GET  / HTTP/1.1\r\nHost: x\r\n\r\n", 400),
            ("G(T / HTTP/1.1\r\nHost: x\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost x\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello", 413),
            ("GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 501),
            ("\u{01}\u{02}\u{03}\u{7f} \u{00} HTTP/1.1\r\n\r\n", 400),
        ]
        for (request, status) in cases {
            let client = try site.client()
            try client.send(request)
            let response = try client.readResponse()
            #expect(response.status == status, "\(request.debugDescription) → \(response.status)")
            #expect(client.isClosedByServer(), "\(request.debugDescription): the connection stayed open")
        }
        #expect(try site.get("/").status == 200)
    }

    /// 200 connections open at once, 50 requests each on its own connection, every answer right.
    @Test func twoHundredConcurrentConnectionsOfFiftyRequests() throws {
        let site = try StaticSite()
        let paths = ["/", "/awards/a1.json", "/badges/b1.svg", "/badges/b1.png", "/sitemap.xml", "/nope", "/awards/a1"]
        var answers: [String: (Int, Int)] = [:]
        let probe = try site.client()
        for path in paths {
            let response = try probe.request(path)
            answers[path] = (response.status, response.body.count)
        }
        let expected = answers
        let connections = 200, requests = 50
        let failures = Failures()
        let allConnected = DispatchGroup()
        let go = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        for worker in 0..<connections {
            allConnected.enter()
            done.enter()
            let thread = Thread {
                defer { done.leave() }
                var client: TestClient?
                do { client = try TestClient(port: site.port, receiveTimeout: 20) } catch { failures.add("connect \(worker): \(error)") }
                allConnected.leave()
                go.wait()
                guard let client else { return }
                for index in 0..<requests {
                    let path = paths[(worker + index) % paths.count]
                    do {
                        let response = try client.request(path)
                        if response.status != expected[path]!.0 || response.body.count != expected[path]!.1 {
                            failures.add("\(path): \(response.status), \(response.body.count) bytes")
                        }
                    } catch {
                        failures.add("connection \(worker), request \(index): \(error)")
                        return
                    }
                }
            }
            thread.stackSize = 256 * 1024
            thread.start()
        }
        #expect(allConnected.wait(timeout: .now() + 30) == .success)
        for _ in 0..<connections { go.signal() }
        #expect(done.wait(timeout: .now() + 60) == .success, "the requests did not finish in a minute")
        #expect(failures.all.isEmpty, "\(failures.all.count) failures, first: \(failures.all.prefix(5))")
    }

    /// A head larger than the limit, a garbage line and half-sent requests (more of them than
    /// there are workers) do not keep others from being served, at once.
    @Test func slowAndOversizedClientsDoNotBlockOthers() throws {
        var limits = HTTPServer.Limits()
        limits.workers = 2
        limits.headTimeout = 1.5
        let site = try StaticSite(limits: limits)
        var halfSent: [TestClient] = []
        for _ in 0..<20 {
            let client = try site.client()
            try client.send("GET /awards/a1.json HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            halfSent.append(client)
        }
        let silent = try site.client()  // connected, never sends a byte
        let oversized = try site.client()
        try? oversized.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "a", count: 40_000) + "\r\n\r\n")
        let garbage = try site.client()
        try garbage.send("\u{16}\u{03}\u{01}\u{02}\u{00}\u{01}\u{00}\u{01}\u{fc}\u{03}\u{03}\r\n\r\n")

        let started = Date()
        let other = try site.client()
        for _ in 0..<10 { #expect(try other.request("/sitemap.xml").status == 200) }
        #expect(Date().timeIntervalSince(started) < 1, "others waited for the slow clients")
        // The oversized head is refused (431) or, when the server closed on unread bytes, reset.
        if let response = try? oversized.readResponse() { #expect(response.status == 431) }
        #expect((try? garbage.readResponse())?.status == 400)

        // The half-sent requests and the silent connection are dropped once their time is up.
        Thread.sleep(forTimeInterval: 2)
        #expect(silent.isClosedByServer())
        for client in halfSent.prefix(3) {
            let response = try? client.readResponse()
            #expect(response == nil || response?.status == 408)
        }
        #expect(try site.get("/").status == 200)
    }
}

final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ failure: String) { lock.lock(); list.append(failure); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return list }
}
