import Foundation
import SitegenServe

/// A served folder made by the test, with things outside it (and links leading there) that must
/// never be served.
final class StaticSite: @unchecked Sendable {
    let folder = TemporaryFolder()
    let server: HTTPServer
    var root: String { folder.path + "/site" }
    var port: Int { server.port }

    /// Bytes that exist only outside the root (or in bookkeeping): no response may contain them.
    static let secrets = ["TOP-SECRET-OUTSIDE", "MANIFEST-SECRET", "BOOKKEEPING-SECRET", "root:x:0:0"]

    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]

    init(limits: HTTPServer.Limits = HTTPServer.Limits(), events: BuildEvents? = nil) throws {
        try folder.write("secret.txt", "TOP-SECRET-OUTSIDE\n")
        try folder.write(".sitegen/site/manifest", "MANIFEST-SECRET\n")
        try folder.write("site/index.html", "<!doctype html><html><body><p>home page</p></body></html>\n")
        try folder.write("site/404.html", "<!doctype html><html><body><p>custom not found page</p></body></html>\n")
        try folder.write("site/awards/a1/index.html", "<!doctype html><html><body><p>award a1</p></BODY></html>\n")
        try folder.write("site/awards/a1.json", "{\"id\": \"a1\"}\n")
        try folder.write("site/badges/b1.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n")
        try folder.write("site/sitemap.xml", "<?xml version=\"1.0\"?><urlset/>\n")
        try folder.write("site/assets/style.css", "body { color: #222 }\n")
        try folder.write("site/assets/badge.js", "console.log(1)\n")
        try folder.write("site/.well-known/did.json", "{\"id\": \"did:web:x\"}\n")
        try folder.write("site/.sitegen/x", "BOOKKEEPING-SECRET\n")
        try folder.write("site/noindex/readme.txt", "a folder without index.html\n")
        try folder.write("site/with space/é.html", "<p>space</p>\n")
        try Data(Self.png).write(to: URL(fileURLWithPath: folder.path + "/site/badges/b1.png"))
        let links = FileManager.default
        let root = folder.path + "/site"
        try links.createSymbolicLink(atPath: root + "/escape", withDestinationPath: "..")
        try links.createSymbolicLink(atPath: root + "/secret-link.txt", withDestinationPath: folder.path + "/secret.txt")
        try links.createSymbolicLink(atPath: root + "/etc", withDestinationPath: "/etc")
        try links.createSymbolicLink(atPath: root + "/inside-link.json", withDestinationPath: "awards/a1.json")
        guard let files = PreviewFiles(root: root) else { throw TestClient.Failure(description: "no root") }
        let responder = PreviewResponder(files: files, events: events)
        server = try HTTPServer(address: "127.0.0.1", port: 0, limits: limits)
        server.start { responder.respond(to: $0) }
    }

    deinit { server.stop() }

    func client() throws -> TestClient { try TestClient(port: port) }

    /// One request on a fresh connection.
    func get(_ target: String, method: String = "GET", headers: [String: String] = [:]) throws -> TestClient.Response {
        try client().request(target, method: method, headers: headers)
    }
}
