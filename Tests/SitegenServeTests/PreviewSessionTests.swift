import Foundation
import Testing
import Sitegen
import SitegenModel
import SitegenSignature
@testable import SitegenServe

/// `sitegen serve` end to end on a copy of the sample site: built into the preview folder, served
/// with the live-reload script, rebuilt on an edit, errors kept off the served pages.
@Suite(.serialized) struct PreviewSessionTests {
    static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// A session over a copy of the sample content, on a free port.
    static func session(in folder: TemporaryFolder, copyingThemes: Bool = false) throws -> PreviewSession {
        let content = folder.path + "/Content"
        try FileManager.default.copyItem(atPath: repositoryRoot + "/Content", toPath: content)
        if copyingThemes { try FileManager.default.copyItem(atPath: repositoryRoot + "/Themes", toPath: folder.path + "/Themes") }
        var options = BuildOptions()
        options.contentDirectory = content
        options.themesDirectory = copyingThemes ? folder.path + "/Themes" : repositoryRoot + "/Themes"
        options.outputDirectory = folder.path + "/Output"
        options.date = Day(year: 2026, month: 11, day: 21)
        options.secret = Array("serve-secret-serve-secret-serve-secret".utf8)
        options.signingKey = try Ed25519.PrivateKey(seed: (0..<32).map { 0x33 &+ UInt8($0) })
        options.jobs = 2
        var configuration = PreviewSession.Configuration(options: options)
        configuration.port = 0
        let session = try PreviewSession(configuration)
        session.start()
        guard session.waitForBuilds(1, timeout: 120) else { throw TestClient.Failure(description: "the first build did not finish") }
        return session
    }

    @Test func servesThePreviewWithTheScriptWhileTheFilesAndTheOutputHaveNone() throws {
        let folder = TemporaryFolder()
        let session = try Self.session(in: folder)
        defer { session.stop() }
        #expect(session.baseURL == "http://127.0.0.1:\(session.port)/")
        #expect(session.previewDirectory == folder.path + "/.sitegen/Output/preview")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/Output"), "serve wrote into the output folder")

        let client = try TestClient(port: session.port)
        let home = try client.request("/")
        #expect(home.status == 200 && home.header("content-type") == "text/html; charset=utf-8")
        #expect(home.text.contains("<script src=\"/__sitegen/live.js\" data-sitegen-generation=\"1\"></script></body>"))
        // The pages name the server's own address.
        #expect(home.text.contains("http://127.0.0.1:\(session.port)/"))
        let script = try client.request("/__sitegen/live.js")
        #expect(script.status == 200 && script.text.contains("EventSource(\"/__sitegen/events\")"))
        #expect(try client.request("/__sitegen/other").status == 404)
        // JSON is served as it is on disk: nothing added.
        let did = try client.request("/.well-known/did.json")
        let onDisk = try Data(contentsOf: URL(fileURLWithPath: session.previewDirectory + "/.well-known/did.json"))
        #expect(did.status == 200 && did.body == [UInt8](onDisk))
        // The preview's own bookkeeping, beside it, is out of reach.
        #expect(FileManager.default.fileExists(atPath: folder.path + "/.sitegen/Output/.sitegen/preview/manifest"))
        #expect(try client.request("/../.sitegen/preview/manifest").status == 400)

        // The script is added at serve time only: no file the build wrote carries it.
        let enumerator = try #require(FileManager.default.enumerator(atPath: session.previewDirectory))
        var pages = 0
        for case let path as String in enumerator where path.hasSuffix(".html") {
            pages += 1
            let bytes = try String(contentsOfFile: session.previewDirectory + "/" + path, encoding: .utf8)
            #expect(!bytes.contains("__sitegen"), "\(path)")
        }
        #expect(pages > 100)
    }

    @Test func anEditShowsWithinTwoSecondsAndABrokenEditKeepsTheLastGoodBuild() throws {
        let folder = TemporaryFolder()
        let session = try Self.session(in: folder, copyingThemes: true)
        defer { session.stop() }
        let holder = folder.path + "/Content/holders/yuki-tanaka.yaml"
        let original = try String(contentsOfFile: holder, encoding: .utf8)
        let events = try TestClient(port: session.port, receiveTimeout: 10)
        try events.send("GET /__sitegen/events HTTP/1.1\r\nHost: x\r\n\r\n")
        let opened = try events.readUntil("}\n\n")
        #expect(opened.hasPrefix("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"))
        #expect(opened.hasSuffix("retry: 1000\n\nevent: build\ndata: {\"generation\":1,\"errors\":null}\n\n"))

        // An edit: the next fetch after the rebuild shows it, within 2 s of saving.
        let edited = original.replacingOccurrences(of: "name: 田中 由紀", with: "name: Yuki Edited-Name")
        #expect(edited != original)
        let saved = Date()
        try edited.write(toFile: holder, atomically: true, encoding: .utf8)
        let page = try TestClient(port: session.port)
        var shown = false
        while !shown && Date().timeIntervalSince(saved) < 2 {
            shown = try page.request("/holders/yuki-tanaka/").text.contains("Yuki Edited-Name")
            if !shown { Thread.sleep(forTimeInterval: 0.02) }
        }
        #expect(shown, "the edit did not show within 2 s")
        #expect(try events.readUntil("}\n\n").contains("{\"generation\":2,\"errors\":null}"))

        // A broken edit: the errors go to the open pages, the last good build stays served.
        try (edited + "awards: [unclosed\n").write(toFile: holder, atomically: true, encoding: .utf8)
        let broken = try events.readUntil("}\n\n")
        #expect(broken.contains("\"generation\":2,\"errors\":\"") && broken.contains("yuki-tanaka.yaml") && broken.contains("error"))
        let still = try page.request("/holders/yuki-tanaka/")
        #expect(still.status == 200 && still.text.contains("Yuki Edited-Name"))

        // Fixed: the errors are gone and the new build is served.
        try original.write(toFile: holder, atomically: true, encoding: .utf8)
        #expect(try events.readUntil("}\n\n").contains("{\"generation\":3,\"errors\":null}"))
        #expect(try page.request("/holders/yuki-tanaka/").text.contains("田中 由紀"))

        // The themes are watched too.
        let stylesheet = folder.path + "/Themes/default/assets/style.css"
        let css = try String(contentsOfFile: stylesheet, encoding: .utf8)
        try (css + "\n.serve-test-marker { color: red }\n").write(toFile: stylesheet, atomically: true, encoding: .utf8)
        #expect(try events.readUntil("}\n\n").contains("{\"generation\":4,\"errors\":null}"))
        let home = try page.request("/").text
        let link = try #require(home.range(of: #"/assets/style[^"]*\.css"#, options: .regularExpression))
        #expect(try page.request(String(home[link])).text.contains(".serve-test-marker"))
    }

    /// The first build fails: nothing to serve yet, so every page is the server's own 404 page,
    /// which still carries the script (and so the overlay).
    @Test func aFirstBuildWithErrorsServesAnOverlayPage() throws {
        let folder = TemporaryFolder()
        let content = folder.path + "/Content"
        try FileManager.default.copyItem(atPath: Self.repositoryRoot + "/Content", toPath: content)
        try "title: [broken\n".write(toFile: content + "/site.yaml", atomically: true, encoding: .utf8)
        var options = BuildOptions()
        options.contentDirectory = content
        options.themesDirectory = Self.repositoryRoot + "/Themes"
        options.outputDirectory = folder.path + "/Output"
        options.secret = Array("serve-secret-serve-secret-serve-secret".utf8)
        var configuration = PreviewSession.Configuration(options: options)
        configuration.port = 0
        let logged = Failures()
        configuration.log = { logged.add($0) }
        let session = try PreviewSession(configuration)
        session.start()
        defer { session.stop() }
        #expect(session.waitForBuilds(1, timeout: 60))
        #expect(session.events.current.errors?.contains("site.yaml") == true)
        #expect(logged.all.contains { $0.contains("site.yaml") && $0.contains("error") })
        let response = try TestClient(port: session.port).request("/")
        #expect(response.status == 404 && response.text.contains("/__sitegen/live.js"))
    }
}
