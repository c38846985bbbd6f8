import Testing
import SitegenWrite

struct ManifestTests {
    @Test func roundTrips() {
        let manifest = Manifest(entries: ["index.html": "abc", "awards/x/index.html": "", "ja/awards/é/index.html": "k"])
        #expect(Manifest(parsing: manifest.serialized()) == manifest)
        #expect(Manifest(parsing: Array("not a manifest\n".utf8)) == nil)
        #expect(Manifest(parsing: manifest.serialized() + Array("k\t../etc/passwd\n".utf8)) == nil)
    }

    @Test(arguments: [("index.html", true), ("awards/a1/index.html", true), ("a/.well-known/x", true), ("a/..b", true),
                      ("", false), ("/etc/passwd", false), ("a/../b", false), ("./a", false), ("a//b", false), ("a/", false),
                      (".sitegen-manifest", false), ("x/.sitegen-staging/1", false), ("a\u{0}b", false)])
    func outputPathsAreSafe(_ path: String, _ safe: Bool) {
        #expect(OutputPath.isSafe(path) == safe)
    }
}
