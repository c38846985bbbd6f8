import Foundation
import Testing
import SitegenDigest
import SitegenSource
@testable import SitegenWrite
@testable import Sitegen

struct ManifestTests {
    /// A unit's paths come back exactly from its set line, however the id sits in them.
    @Test(arguments: [
        (["awards/a1.json", "awards/a1/index.html", "ja/awards/a1/index.html"], "a1"),
        (["x/aaa/aa.json"], "aa"),
        (["holders/h/index.html", "h/h/h"], "h"),
        (["assets/*.css", "awards/a1/x"], "a1"),
        (["robots.txt", "assets/style.css"], ""),
        ([], "a1"),
    ])
    func pathSetsExpandToTheirPaths(_ paths: [String], _ id: String) {
        let line = PathSet.line(for: paths, id: id)
        let expanded = line.withUnsafeBufferPointer { line in
            Array(id.utf8).withUnsafeBufferPointer { PathSet.paths(line, id: $0) }
        }
        #expect(expanded == paths)
        #expect(line.first == (id.isEmpty || paths.contains { $0.contains("*") } ? PathSet.literal : PathSet.template))
    }

    @Test func readsWhatTheComposerWrites() throws {
        let record = BuildRecord(fingerprint: "f00d", files: 7, pages: 3, diagnostics: [
            .warning("tab\tline\nback\\slash", at: SourceLocation(file: "Content/odd\tname.yaml", line: 4, column: 2)),
            .warning("no place", at: nil),
        ])
        var composer = ManifestComposer(record: record, previousSets: 0, expectedUnits: 2)
        let key = Digest128(first: 1, second: 2)
        composer.add(UnitName(kind: "award", id: "a1"), key: key, set: PathSet.line(for: ["awards/a1.json", "awards/a1/index.html"], id: "a1"))
        composer.add(UnitName(kind: "shared"), key: key, set: PathSet.line(for: ["robots.txt"], id: ""))
        let manifest = try #require(Manifest(parsing: composer.bytes()))
        #expect(manifest.record == record)
        #expect(manifest.unitCount == 2)
        let award = try #require(manifest.unit(named: UnitName(kind: "award", id: "a1")))
        #expect(manifest.paths(of: award) == ["awards/a1.json", "awards/a1/index.html"])
        #expect(manifest.unit(award, hasKey: key))
        #expect(!manifest.unit(award, hasKey: Digest128(first: 1, second: 3)))
        #expect(manifest.unit(named: UnitName(kind: "award", id: "a2")) == nil)
        #expect(manifest.unit(named: UnitName(kind: "holder", id: "a1")) == nil)
        #expect(manifest.paths(of: try #require(manifest.unit(named: UnitName(kind: "shared")))) == ["robots.txt"])
    }

    /// A no-change rebuild replays the report of the build it stands for, counted problems
    /// included: past the limit, warnings are recorded as counts per kind and file.
    @Test func aRecordReplaysTheBoundedReport() throws {
        var report = Diagnostics(limit: 1)
        for line in 1...4 {
            report.warning("award 'a\(line)' of legacy badge 'old' skipped", at: SourceLocation(file: "Content/holders.json", line: line, column: 3))
        }
        report.warning("no place", at: nil)
        let record = BuildRecord(fingerprint: "f", files: 1, pages: 1, report: report)
        var composer = ManifestComposer(record: record, previousSets: 0, expectedUnits: 0)
        let parsed = try #require(Manifest(parsing: composer.bytes())?.record)
        #expect(parsed == record)
        var original: [String] = [], replayed: [String] = []
        report.report { original.append($0) }
        parsed.report.report { replayed.append($0) }
        #expect(replayed == original)
        #expect(parsed.report.warningCount == 5)
        #expect(original.contains { $0.contains("and 3 more warnings like") })
    }

    @Test func refusesWhatIsNotAManifest() {
        let header = Array(Manifest.header.utf8)
        #expect(Manifest(parsing: Array("not a manifest\n".utf8)) == nil)
        #expect(Manifest(parsing: header + Array("k\tno-set\n".utf8)) == nil)
        #expect(Manifest(parsing: header + Array("k\taward:a\t0\n".utf8)) == nil, "a set number with no set")
        #expect(Manifest(parsing: header + Array("k\taward:../x\t0\n=robots.txt\n".utf8)) == nil)
        #expect(Manifest(parsing: header + Array("k\taward:a\t0\n=robots.txt\n".utf8)) != nil)
    }

    /// Version 1: every file owned, no unit comparable; an unsafe path makes it foreign.
    @Test func readsVersion1Manifests() throws {
        let v1 = Array((Manifest.version1Header + "abc\tindex.html\n\tawards/x/index.html\n").utf8)
        let manifest = try #require(Manifest(parsing: v1))
        #expect(manifest.isLegacy)
        #expect(manifest.legacyPaths == ["index.html", "awards/x/index.html"])
        #expect(Manifest(parsing: v1 + Array("k\t../etc/passwd\n".utf8)) == nil)
    }

    @Test(arguments: [("index.html", true), ("awards/a1/index.html", true), ("a/.well-known/x", true), ("a/..b", true),
                      ("", false), ("/etc/passwd", false), ("a/../b", false), ("./a", false), ("a//b", false), ("a/", false),
                      (".sitegen-manifest", false), ("x/.sitegen-staging/1", false), ("a\u{0}b", false), ("a\tb", false),
                      ("a\nb", false)])
    func outputPathsAreSafe(_ path: String, _ safe: Bool) {
        #expect(OutputPath.isSafe(path) == safe)
    }
}

struct OutputWriterTests {
    static func unit(_ id: String, _ key: UInt64) -> OutputWriter.Unit {
        OutputWriter.Unit(name: UnitName(kind: "page", id: id), key: Digest128(first: key, second: 0))
    }

    /// A build that fails after staging leaves nothing behind: new files and their folders go,
    /// changed files keep their old bytes.
    @Test func abortRestoresThePreviousState() throws {
        let folder = TemporaryFolder()
        let first = OutputWriter(directory: folder.path, force: false)
        try first.open()
        #expect(first.changedUnits([Self.unit("a", 1)]) == [0])
        try first.begin(paths: [["a.html"]])
        try first.stage("a.html", bytes: Array("old".utf8))
        try first.commit(record: nil)
        let failed = OutputWriter(directory: folder.path, force: false)
        try failed.open()
        #expect(failed.changedUnits([Self.unit("a", 2), Self.unit("b", 2)]) == [0, 1])
        try failed.begin(paths: [["a.html"], ["new/deep/b.html"]])
        try failed.stage("a.html", bytes: Array("new".utf8))
        try failed.stage("new/deep/b.html", bytes: Array("b".utf8))
        failed.abort()
        let tree = readTree(folder.path)
        #expect(tree == ["a.html": Array("old".utf8)])
        #expect(!FileManager.default.fileExists(atPath: folder.sub("new")))
    }

    /// Unchanged units are neither rendered nor listed again; a changed unit's files that it no
    /// longer has, and the files of units that are gone, are removed.
    @Test func keepsUnchangedUnitsAndRemovesWhatIsGone() throws {
        let folder = TemporaryFolder()
        let first = OutputWriter(directory: folder.path, force: false)
        try first.open()
        _ = first.changedUnits([Self.unit("a", 1), Self.unit("b", 1), Self.unit("c", 1)])
        try first.begin(paths: [["a/index.html"], ["b/index.html", "b/extra.json"], ["c/index.html"]])
        for path in ["a/index.html", "b/index.html", "b/extra.json", "c/index.html"] { try first.stage(path, bytes: Array(path.utf8)) }
        try first.commit(record: nil)

        let second = OutputWriter(directory: folder.path, force: false)
        try second.open()
        #expect(second.changedUnits([Self.unit("a", 1), Self.unit("b", 2)]) == [1])
        try second.begin(paths: [["b/index.html"]])
        try second.stage("b/index.html", bytes: Array("b again".utf8))
        try second.commit(record: nil)
        #expect(second.summary == OutputWriter.Summary(written: 1, unchanged: 1, removed: 2))
        let tree = readTree(folder.path)
        #expect(tree == ["a/index.html": Array("a/index.html".utf8), "b/index.html": Array("b again".utf8)])
        #expect(!FileManager.default.fileExists(atPath: folder.sub("c")))
    }
}
