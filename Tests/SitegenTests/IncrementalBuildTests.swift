import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import Sitegen
import SitegenModel
import SitegenWrite

/// Rebuilds: the input fingerprint that ends a build with no change at once, the unit keys that
/// render only what changed, and the manifest that says what sitegen owns.
@Suite(.serialized)
struct IncrementalBuildTests {
    /// Nothing changed: the build stops after the fingerprint, touches nothing, and reports and
    /// warns exactly as the build that made the output did.
    @Test func aRebuildWithNoChangeEndsAtTheFingerprint() throws {
        let folder = TemporaryFolder()
        let output = folder.sub("out")
        let first = SiteBuild.run(SampleSite.options(output: output))
        #expect(first.succeeded)
        #expect(first.diagnostics.warningCount > 0, "the sample must warn, to show warnings are said again")
        let identities = fileIdentities(output)
        let again = SiteBuild.run(SampleSite.options(output: output, jobs: 3))
        #expect(again.succeeded)
        #expect(again.times.steps.map(\.name) == ["fingerprint"])
        let files = try #require(first.files)
        #expect(again.files == OutputWriter.Summary(written: 0, unchanged: files.written + files.unchanged, removed: 0))
        #expect(again.pages == first.pages)
        #expect(again.diagnostics.all.map(\.description) == first.diagnostics.all.map(\.description))
        #expect(again.diagnostics.summary == first.diagnostics.summary)
        let untouched = fileIdentities(output) == identities
        #expect(untouched, "a file was touched")
    }

    /// Any one input that can change the output defeats the fingerprint: content bytes, an image,
    /// a theme file, the date, the secret, the base URL. The build after each runs in full, and
    /// the one after that stops at the fingerprint again.
    @Test func everyInputDefeatsTheFingerprint() throws {
        let folder = TemporaryFolder()
        let content = try SampleSite.copy(to: folder.path)
        let themes = folder.sub("Themes")
        try FileManager.default.copyItem(atPath: FixtureSite.themesDirectory, toPath: themes)
        let output = folder.sub("out")
        var options = SampleSite.options(output: output, content: content)
        options.themesDirectory = themes
        #expect(SiteBuild.run(options).succeeded)

        func append(_ text: String, to path: String) throws {
            let handle = try #require(FileHandle(forWritingAtPath: path))
            handle.seekToEndOfFile()
            handle.write(Data(text.utf8))
            handle.closeFile()
        }
        let changes: [(String, () throws -> Void, (Int) -> Bool)] = [
            // A comment changes the bytes but not the content: everything runs, nothing is written.
            ("content bytes", { try append("# a comment\n", to: content + "/holders/yuki-tanaka.yaml") }, { $0 == 0 }),
            ("an image", { try append("<!-- redrawn -->\n", to: content + "/images/cloud-admin-core.svg") }, { $0 > 0 }),
            ("a theme file", { try append("/* tweak */\n", to: themes + "/default/assets/style.css") }, { $0 > 0 }),
            ("the date", { options.date = Day(year: 2030, month: 1, day: 1) }, { $0 > 0 }),
            ("the secret", { options.secret = Array("another-secret-another-secret-another".utf8) }, { $0 > 0 }),
            ("the base URL", { options.baseURL = "http://127.0.0.1:8000/" }, { $0 > 0 }),
            // What shows or carries the key: the DID document, credentials, status list, baked
            // images and award pages.
            ("the signing key", { options.signingKey = TestSigningKeys.other }, { $0 > 1 }),
        ]
        for (name, change, expectWritten) in changes {
            try change()
            let report = SiteBuild.run(options)
            #expect(report.succeeded, "\(name): \(report.diagnostics.sorted)")
            #expect(report.times.steps.contains { $0.name == "load" }, "\(name) did not defeat the fingerprint")
            #expect(expectWritten(report.files?.written ?? -1), "\(name): \(String(describing: report.files))")
            let again = SiteBuild.run(options)
            #expect(again.times.steps.map(\.name) == ["fingerprint"], "after \(name)")
        }
        var fresh = options
        fresh.outputDirectory = folder.sub("fresh")
        #expect(SiteBuild.run(fresh).succeeded)
        let same = readTree(output) == readTree(fresh.outputDirectory)
        #expect(same, "the rebuilt site differs from a fresh build")
    }

    /// A renamed holder: exactly the files whose bytes change are written (their award pages,
    /// embeds, profiles, the pages of the badges that list them), the rest keep their inode and
    /// modification time, and the result is byte for byte a fresh build.
    @Test func aRenamedHolderRewritesOnlyTheFilesThatShowTheName() throws {
        let folder = TemporaryFolder()
        let content = try SampleSite.copy(to: folder.path)
        let output = folder.sub("out")
        #expect(SiteBuild.run(SampleSite.options(output: output, content: content)).succeeded)
        let before = readTree(output)
        let identities = fileIdentities(output)
        let file = content + "/holders/yuki-tanaka.yaml"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacingOccurrences(of: "name: 田中 由紀\n", with: "name: 田中 由紀子\n").write(toFile: file, atomically: true, encoding: .utf8)

        let report = SiteBuild.run(SampleSite.options(output: output, content: content))
        #expect(report.succeeded)
        #expect(SiteBuild.run(SampleSite.options(output: folder.sub("fresh"), content: content)).succeeded)
        let fresh = readTree(folder.sub("fresh"))
        let after = readTree(output)
        let same = after == fresh
        #expect(same, "the rebuilt site differs from a fresh build")
        let differing = Set(fresh.keys.filter { before[$0] != fresh[$0] })
        let touched = Set(fileIdentities(output).filter { identities[$0.key] != $0.value }.keys)
        #expect(touched == differing)
        #expect(report.files?.written == differing.count)
        #expect(report.files?.removed == 0)

        let holder = try #require(SampleSite.content(content)?.holders.first { $0.id == "yuki-tanaka" })
        let awards = holder.awards.map(\.id)
        #expect(differing.contains { $0.hasPrefix("holders/yuki-tanaka/") })
        #expect(differing.contains { path in awards.contains { path.hasPrefix("awards/\($0)/") } })
        for path in differing {
            let ownFile = path.contains("holders/yuki-tanaka/") || awards.contains { path.contains("awards/\($0)/") }
            #expect(ownFile || path.contains("badges/"), "\(path) should not change")
        }
    }

    /// Revoking an award removes the files a revoked award has no more (baked image, embed,
    /// oEmbed); its page, assertion and credential stay, changed.
    @Test func aChangedUnitLosesTheFilesItNoLongerHas() throws {
        let folder = TemporaryFolder()
        let content = try SampleSite.copy(to: folder.path)
        let output = folder.sub("out")
        #expect(SiteBuild.run(SampleSite.options(output: output, content: content)).succeeded)
        let holder = try #require(SampleSite.content(content)?.holders.first { $0.id == "yuki-tanaka" })
        let award = try #require(holder.awards.last).id
        #expect(FileManager.default.fileExists(atPath: output + "/awards/\(award)/embed.html"))
        let file = content + "/holders/yuki-tanaka.yaml"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacingOccurrences(of: "  issued_on: 2026-03-10\n", with: "  issued_on: 2026-03-10\n  revoked: Issued in error\n")
            .write(toFile: file, atomically: true, encoding: .utf8)

        let report = SiteBuild.run(SampleSite.options(output: output, content: content))
        #expect(report.succeeded, "\(report.diagnostics.sorted)")
        let files = readTree(output)
        #expect(!files.keys.contains { $0.hasPrefix("awards/\(award)/") && !$0.hasSuffix("index.html") && !$0.hasSuffix("credential.json") })
        #expect(files["awards/\(award)/credential.json"] != nil)
        #expect(files["awards/\(award)/index.html"] != nil)
        #expect(files["awards/\(award).json"].map { $0.contains("\"revoked\": true") } == true)
        #expect((report.files?.removed ?? 0) >= 3)
        #expect(SiteBuild.run(SampleSite.options(output: folder.sub("fresh"), content: content)).succeeded)
        let same = files == readTree(folder.sub("fresh"))
        #expect(same)
    }

    /// An output folder an older sitegen made (manifest version 1) is taken over: every file it
    /// lists is owned, files it lists that the site no longer has are removed, nothing else is,
    /// no unchanged file is rewritten, and the manifest becomes version 2.
    @Test func aVersion1ManifestIsReadAndReplaced() throws {
        let folder = TemporaryFolder()
        let output = folder.sub("out")
        #expect(SiteBuild.run(SampleSite.options(output: output)).succeeded)
        var files = Array(readTree(output).keys)
        try FileManager.default.createDirectory(atPath: output + "/awards/withdrawn", withIntermediateDirectories: true)
        try "old".write(toFile: output + "/awards/withdrawn/index.html", atomically: true, encoding: .utf8)
        try "mine".write(toFile: output + "/notes.txt", atomically: true, encoding: .utf8)
        files.append("awards/withdrawn/index.html")
        let version1 = "# sitegen manifest v1: files this tool wrote here; do not edit\n"
            + files.sorted().map { "0123456789abcdef0123456789abcdef\t\($0)\n" }.joined()
        try version1.write(toFile: output + "/.sitegen-manifest", atomically: true, encoding: .utf8)
        let identities = fileIdentities(output)

        let report = SiteBuild.run(SampleSite.options(output: output))
        #expect(report.succeeded, "\(report.diagnostics.sorted)")
        #expect(report.files?.written == 0)
        #expect(report.files?.removed == 1)
        #expect(!FileManager.default.fileExists(atPath: output + "/awards/withdrawn"))
        #expect(FileManager.default.fileExists(atPath: output + "/notes.txt"))
        let rewritten = fileIdentities(output).filter { identities[$0.key] != $0.value }.map(\.key)
        #expect(rewritten.isEmpty, "rewritten: \(rewritten.prefix(5))")
        #expect(!FileManager.default.fileExists(atPath: output + "/.sitegen-manifest"))
        let manifest = try #require(FileManager.default.contents(atPath: StateFolder(output: output).manifest))
        #expect(manifest.starts(with: Data(Manifest.header.utf8)))
        #expect(SiteBuild.run(SampleSite.options(output: output)).times.steps.map(\.name) == ["fingerprint"])
    }

    /// A shard's record never stands for another shard's: built into one folder in turn, each
    /// shard runs in full and leaves its own slice, and a whole build after them gives the whole
    /// site.
    @Test func aShardNeverTakesAnotherShardsBuildForItsOwn() throws {
        let folder = TemporaryFolder()
        let shared = folder.sub("shared")
        func shard(_ index: Int, into output: String) -> SiteBuild.Report {
            var options = SampleSite.options(output: output)
            options.shard = Shard(index: index, count: 2)
            return SiteBuild.run(options)
        }
        #expect(shard(1, into: shared).succeeded)
        let second = shard(2, into: shared)
        #expect(second.succeeded)
        #expect(second.times.steps.contains { $0.name == "load" })
        #expect(shard(2, into: folder.sub("alone")).succeeded)
        let sameSlice = readTree(shared) == readTree(folder.sub("alone"))
        #expect(sameSlice, "shard 2 in a folder shard 1 used differs from shard 2 alone")
        #expect(shard(2, into: shared).times.steps.map(\.name) == ["fingerprint"])

        let whole = SiteBuild.run(SampleSite.options(output: shared))
        #expect(whole.succeeded)
        #expect(whole.times.steps.contains { $0.name == "load" })
        #expect(SiteBuild.run(SampleSite.options(output: folder.sub("whole"))).succeeded)
        let same = readTree(shared) == readTree(folder.sub("whole"))
        #expect(same)
    }
}

/// Each file's inode and modification time: a file written in place or renamed into place
/// changes one of them.
func fileIdentities(_ root: String) -> [String: [Int]] {
    var identities: [String: [Int]] = [:]
    guard let enumerator = FileManager.default.enumerator(atPath: root) else { return identities }
    for case let relative as String in enumerator {
        var info = stat()
        guard stat(root + "/" + relative, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
        #if os(Linux)
        identities[relative] = [Int(info.st_ino), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec)]
        #else
        identities[relative] = [Int(info.st_ino), Int(info.st_mtimespec.tv_sec), Int(info.st_mtimespec.tv_nsec)]
        #endif
    }
    return identities
}
