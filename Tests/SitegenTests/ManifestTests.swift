import Testing
import SitegenWrite
@testable import Sitegen

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

import Foundation

struct OutputWriterTests {
    /// A build that fails after staging leaves nothing behind: new files and their folders go,
    /// changed files keep their old bytes.
    @Test func abortRestoresThePreviousState() throws {
        let folder = TemporaryFolder()
        let first = OutputWriter(directory: folder.path, force: false)
        try first.begin(plannedPaths: ["a.html"])
        try first.stage("a.html", key: "1", bytes: Array("old".utf8))
        try first.commit()
        let failed = OutputWriter(directory: folder.path, force: false)
        try failed.begin(plannedPaths: ["a.html", "new/deep/b.html"])
        try failed.stage("a.html", key: "2", bytes: Array("new".utf8))
        try failed.stage("new/deep/b.html", key: "2", bytes: Array("b".utf8))
        failed.abort()
        let tree = readTree(folder.path).filter { !$0.key.hasPrefix(".sitegen") }
        #expect(tree == ["a.html": Array("old".utf8)])
        #expect(!FileManager.default.fileExists(atPath: folder.sub("new")))
    }
}
