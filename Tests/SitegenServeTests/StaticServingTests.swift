import Foundation
import Testing
@testable import SitegenServe

/// The preview server as a static host over real sockets: files, types, folders, 404s, HEAD and
/// conditional requests.
@Suite struct StaticServingTests {
    @Test func pagesAndContentTypes() throws {
        let site = try StaticSite()
        let expected: [(String, String, String?)] = [
            ("/", "text/html; charset=utf-8", nil),
            ("/index.html", "text/html; charset=utf-8", nil),
            ("/awards/a1/", "text/html; charset=utf-8", nil),
            ("/awards/a1.json", "application/json", "*"),
            ("/badges/b1.svg", "image/svg+xml", "*"),
            ("/badges/b1.png", "image/png", "*"),
            ("/sitemap.xml", "application/xml", nil),
            ("/assets/style.css", "text/css; charset=utf-8", nil),
            ("/assets/badge.js", "text/javascript; charset=utf-8", nil),
            ("/.well-known/did.json", "application/json", "*"),
            ("/inside-link.json", "application/json", "*"),
        ]
        let client = try site.client()
        for (path, type, cors) in expected {
            let response = try client.request(path)
            #expect(response.status == 200, "\(path)")
            #expect(response.header("content-type") == type, "\(path)")
            #expect(response.header("access-control-allow-origin") == cors, "\(path)")
            let file = path.hasSuffix("/") ? path + "index.html" : path
            let onDisk = try [UInt8](Data(contentsOf: URL(fileURLWithPath: site.root + file)))
            #expect(response.body == onDisk, "\(path): the body is not the file")
        }
        // Percent-encoded names are decoded once.
        let spaced = try client.request("/with%20space/%C3%A9.html")
        #expect(spaced.status == 200 && spaced.text == "<p>space</p>\n")
    }

    @Test func folderWithoutSlashIsRedirected() throws {
        let site = try StaticSite()
        let response = try site.get("/awards/a1?ref=x")
        #expect(response.status == 301)
        #expect(response.header("location") == "/awards/a1/?ref=x")
        let encoded = try site.get("/with%20space")
        #expect(encoded.status == 301 && encoded.header("location") == "/with%20space/")
        // A folder with no index.html is not listed.
        let bare = try site.get("/noindex/")
        #expect(bare.status == 404 && bare.text.contains("custom not found page"))
    }

    @Test func missesGetTheSite404PageWithStatus404() throws {
        let site = try StaticSite()
        for path in ["/nope", "/awards/zz/", "/index.html/", "/awards/a1.json/x"] {
            let response = try site.get(path)
            #expect(response.status == 404, "\(path)")
            #expect(response.header("content-type") == "text/html; charset=utf-8")
            #expect(response.text.contains("custom not found page"), "\(path)")
        }
        try FileManager.default.removeItem(atPath: site.root + "/404.html")
        let plain = try site.get("/nope")
        #expect(plain.status == 404 && plain.header("content-type") == "text/plain; charset=utf-8")
    }

    @Test func headHasTheHeadOfGetAndNoBody() throws {
        let site = try StaticSite()
        let client = try site.client()
        let head = try client.request("/awards/a1.json", method: "HEAD")
        let get = try client.request("/awards/a1.json")
        #expect(head.status == 200 && head.body.isEmpty)
        #expect(head.header("content-length") == String(get.body.count))
        #expect(head.header("etag") == get.header("etag") && head.header("content-type") == get.header("content-type"))
        // The connection is still in step: the next response is the right one.
        #expect(try client.request("/sitemap.xml").header("content-type") == "application/xml")
        #expect(try client.request("/", method: "POST").status == 405)
    }

    @Test func etagAndIfNoneMatch() throws {
        let site = try StaticSite()
        let client = try site.client()
        let first = try client.request("/awards/a1/")
        let etag = try #require(first.header("etag"))
        #expect(etag.hasPrefix("\"") && etag.hasSuffix("\""))
        let again = try client.request("/awards/a1/", headers: ["If-None-Match": etag])
        #expect(again.status == 304 && again.body.isEmpty && again.header("etag") == etag)
        #expect(try client.request("/awards/a1/", headers: ["If-None-Match": "\"other\", W/\(etag)"]).status == 304)
        #expect(try client.request("/awards/a1/", headers: ["If-None-Match": "\"other\""]).status == 200)
        // A rewritten file (as the build writes: a new file renamed into place) has a new tag.
        try site.folder.write("site/awards/a1/next.html", "<p>changed</p>\n")
        #expect(rename(site.root + "/awards/a1/next.html", site.root + "/awards/a1/index.html") == 0)
        let changed = try client.request("/awards/a1/", headers: ["If-None-Match": etag])
        #expect(changed.status == 200 && changed.text == "<p>changed</p>\n" && changed.header("etag") != etag)
    }

    @Test func keepAliveServesManyRequestsOnOneConnectionAndCloseIsHonoured() throws {
        let site = try StaticSite()
        let client = try site.client()
        for _ in 0..<20 { #expect(try client.request("/awards/a1.json").status == 200) }
        // Two requests sent at once (pipelined) get two responses in order.
        try client.send("GET /sitemap.xml HTTP/1.1\r\nHost: x\r\n\r\nGET /badges/b1.svg HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(try client.readResponse().header("content-type") == "application/xml")
        #expect(try client.readResponse().header("content-type") == "image/svg+xml")
        let closing = try client.request("/", headers: ["Connection": "close"])
        #expect(closing.status == 200 && closing.header("connection") == "close")
        #expect(client.isClosedByServer())
        // HTTP/1.0 closes unless asked to keep the connection.
        let old = try site.client()
        try old.send("GET / HTTP/1.0\r\n\r\n")
        #expect(try old.readResponse().status == 200)
        #expect(old.isClosedByServer())
    }

    @Test func aBusyPortIsAnErrorAndAStoppedServerFreesItsPort() throws {
        let site = try StaticSite()
        #expect(throws: (any Error).self) { try HTTPServer(address: "127.0.0.1", port: site.port) }
        #expect(throws: (any Error).self) { try HTTPServer(address: "localhost:80", port: 0) }
        let unstarted = try HTTPServer(address: "127.0.0.1", port: 0)
        let port = unstarted.port
        unstarted.stop()
        let again = try HTTPServer(address: "127.0.0.1", port: port)
        again.stop()
    }
}
