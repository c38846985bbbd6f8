import Foundation
import Testing
@testable import Sitegen
import SitegenDigest
import SitegenModel
import SitegenWrite

/// End to end: the sample site and small sites built into temporary folders, bytes read back.
@Suite(.serialized)
struct SiteBuildTests {
    @Test func sampleSiteFollowsTheURLLayout() throws {
        let folder = TemporaryFolder()
        let report = SiteBuild.run(SampleSite.options(output: folder.sub("out")))
        #expect(report.succeeded, "\(report.diagnostics.sorted)")
        let files = readTree(folder.sub("out"))
        let content = try #require(SampleSite.content())
        for path in ["index.html", "404.html", "sitemap.xml", "robots.txt", "assets/style.css",
                     "issuers/contoso.json", "issuers/contoso/index.html", "ja/index.html", "zh-Hant/index.html"] {
            #expect(files[path] != nil, "missing \(path)")
        }
        for badge in content.badges where badge.status != .legacy {
            if files["badges/\(badge.id).json"] == nil { continue } // sole-requirement exams are left out
            #expect(files["badges/\(badge.id)/index.html"] != nil)
            #expect(files["fr/badges/\(badge.id)/index.html"] != nil)
        }
        // The assertions: `awards/<id>.json`, not the files in an award's folder.
        let awards = files.keys.filter { $0.hasPrefix("awards/") && $0.hasSuffix(".json") && $0.split(separator: "/").count == 2 }
        #expect(awards.count > 50)
        for assertion in awards {
            let id = String(assertion.dropFirst("awards/".count).dropLast(".json".count))
            #expect(files["awards/\(id)/index.html"] != nil)
            #expect(files["ko/awards/\(id)/index.html"] != nil)
            let text = String(decoding: files[assertion]!, as: UTF8.self)
            if !text.contains("\"revoked\": true") {
                #expect(files["awards/\(id)/embed.html"] != nil)
                #expect(files["awards/\(id)/oembed.json"] != nil)
                #expect(files["awards/\(id)/badge.png"] != nil || files["awards/\(id)/badge.svg"] != nil)
            } else {
                #expect(files["awards/\(id)/embed.html"] == nil)
                #expect(files["awards/\(id)/badge.png"] == nil && files["awards/\(id)/badge.svg"] == nil)
            }
        }
    }

    @Test func nothingPrivateOrUnpublishedLeavesATrace() throws {
        let folder = TemporaryFolder()
        let report = SiteBuild.run(SampleSite.options(output: folder.sub("out")))
        #expect(report.succeeded)
        let files = readTree(folder.sub("out"))
        let content = try #require(SampleSite.content())
        var forbidden: [String] = []
        var unpublishedAwards = 0
        for holder in content.holders {
            forbidden.append(holder.email)
            forbidden.append(holder.email.lowercased())
            if holder.visibility == .private {
                forbidden.append("holders/\(holder.id)")
                forbidden += holder.name.entries.map(\.text)
            }
            for award in holder.awards where holder.visibility == .private || award.visibility == .private
                || award.status == .declined || (award.status == .pending && !holder.autoAccept) {
                forbidden.append(award.id)
                unpublishedAwards += 1
            }
        }
        #expect(unpublishedAwards >= 5, "the sample must exercise privacy")
        for needle in Set(forbidden) {
            let hits = files.filter { $0.value.contains(needle) }.map(\.key)
            #expect(hits.isEmpty, "'\(needle)' found in \(hits.prefix(3))")
        }
        #expect(!files.keys.contains { $0.contains("@") })
    }

    @Test func flippingAHolderToPrivateRemovesAllTheirFiles() throws {
        let folder = TemporaryFolder()
        let content = try SampleSite.copy(to: folder.path)
        let output = folder.sub("out")
        #expect(SiteBuild.run(SampleSite.options(output: output, content: content)).succeeded)
        let holderFile = content + "/holders/yuki-tanaka.yaml"
        let before = readTree(output)
        #expect(before.keys.contains { $0.hasPrefix("holders/yuki-tanaka/") })
        let text = try String(contentsOfFile: holderFile, encoding: .utf8)
        try ("visibility: private\n" + text.replacingOccurrences(of: "visibility: public\n", with: ""))
            .write(toFile: holderFile, atomically: true, encoding: .utf8)
        let report = SiteBuild.run(SampleSite.options(output: output, content: content))
        #expect(report.succeeded, "\(report.diagnostics.sorted)")
        let after = readTree(output)
        #expect(!after.keys.contains { $0.contains("holders/yuki-tanaka") })
        for (path, bytes) in after {
            #expect(!bytes.contains("yuki-tanaka"), "\(path) still names the holder")
        }
        #expect((report.files?.removed ?? 0) > 0)
    }

    @Test func aContentErrorLeavesTheOutputByteIdentical() throws {
        let folder = TemporaryFolder()
        let content = try SampleSite.copy(to: folder.path)
        let output = folder.sub("out")
        #expect(SiteBuild.run(SampleSite.options(output: output, content: content)).succeeded)
        let before = readTree(output)
        let dates = modificationDates(output)
        try "name: Broken\nemail: broken@example.org\nvisibilty: private\n".write(toFile: content + "/holders/broken.yaml", atomically: true, encoding: .utf8)
        let report = SiteBuild.run(SampleSite.options(output: output, content: content))
        #expect(!report.succeeded)
        #expect(report.diagnostics.sorted.map(\.description).contains { $0.contains("holders/broken.yaml:3:1: error: unknown key 'visibilty'") })
        let unchanged = readTree(output) == before
        #expect(unchanged, "the output bytes changed")
        let sameDates = modificationDates(output) == dates
        #expect(sameDates, "modification dates changed")
    }

    @Test func aForeignFileSurvivesAndAForeignFolderIsRefused() throws {
        let folder = TemporaryFolder()
        let output = folder.sub("out")
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        try "mine".write(toFile: output + "/CNAME", atomically: true, encoding: .utf8)
        let refused = SiteBuild.run(SampleSite.options(output: output))
        #expect(!refused.succeeded)
        #expect(refused.diagnostics.sorted.first?.description.contains("was not made by sitegen") == true)
        #expect(readTree(output).keys.sorted() == ["CNAME"])
        var forced = SampleSite.options(output: output)
        forced.force = true
        #expect(SiteBuild.run(forced).succeeded)
        try "later".write(toFile: output + "/awards/notes.txt", atomically: true, encoding: .utf8)
        #expect(SiteBuild.run(SampleSite.options(output: output)).succeeded)
        #expect(readTree(output)["CNAME"] == Array("mine".utf8))
        #expect(readTree(output)["awards/notes.txt"] == Array("later".utf8))
    }

    @Test func outputIsIdenticalWhateverTheJobCountAndARebuildRewritesNothing() throws {
        let folder = TemporaryFolder()
        let one = SiteBuild.run(SampleSite.options(output: folder.sub("one"), jobs: 1))
        let four = SiteBuild.run(SampleSite.options(output: folder.sub("four"), jobs: 4))
        #expect(one.succeeded && four.succeeded)
        let tree = readTree(folder.sub("one"))
        let identical = tree == readTree(folder.sub("four"))
        #expect(identical, "--jobs 1 and --jobs 4 differ")
        let dates = modificationDates(folder.sub("one"))
        let again = SiteBuild.run(SampleSite.options(output: folder.sub("one"), jobs: 3))
        #expect(again.files?.written == 0)
        #expect(again.files?.removed == 0)
        let same = readTree(folder.sub("one")) == tree
        #expect(same)
        let changed = modificationDates(folder.sub("one")).filter { dates[$0.key] != $0.value }.map(\.key)
        #expect(changed.isEmpty, "rewritten: \(changed.prefix(5))")
    }

    @Test func theUnionOfShardsIsTheWholeSite() throws {
        let folder = TemporaryFolder()
        #expect(SiteBuild.run(SampleSite.options(output: folder.sub("whole"))).succeeded)
        var union: [String: [UInt8]] = [:]
        for index in 1...3 {
            var options = SampleSite.options(output: folder.sub("shard\(index)"))
            options.shard = Shard(index: index, count: 3)
            let report = SiteBuild.run(options)
            #expect(report.succeeded)
            #expect((report.files?.written ?? 0) > 0, "shard \(index) is empty")
            for (path, bytes) in readTree(folder.sub("shard\(index)")) {
                #expect(union[path] == nil, "\(path) is in two shards")
                union[path] = bytes
            }
        }
        let whole = readTree(folder.sub("whole"))
        #expect(Set(union.keys) == Set(whole.keys))
        let identical = union == whole
        #expect(identical, "the shards' bytes differ from the whole build")
    }

    /// A build killed half-way (files staged, never committed) leaves the previous site as it
    /// was, and the next build repairs everything, including files only the killed build made.
    /// What a build killed after staging leaves: a pending list naming the sample's home page
    /// and an orphan page, the home page half-written, the orphan written; no commit, no abort.
    static func buildKilledAfterStaging(into output: String) throws {
        let killed = OutputWriter(directory: output, force: false)
        try killed.open()
        let units = [OutputWriter.Unit(name: UnitName(kind: "pages"), key: Digest128(first: 1, second: 1)),
                     OutputWriter.Unit(name: UnitName(kind: "orphan"), key: Digest128(first: 1, second: 1))]
        #expect(killed.changedUnits(units) == [0, 1])
        try killed.begin(paths: [["index.html"], ["orphan/index.html"]])
        try killed.stage("index.html", bytes: Array("half-written".utf8))
        try killed.stage("orphan/index.html", bytes: Array("orphan".utf8))
    }

    @Test func aKilledBuildLeavesThePreviousSiteAndTheNextBuildRepairsIt() throws {
        let folder = TemporaryFolder()
        let output = folder.sub("out")
        #expect(SiteBuild.run(SampleSite.options(output: output)).succeeded)
        let before = readTree(output)
        try Self.buildKilledAfterStaging(into: output)
        // Killed here: no commit, no abort. Every previous file is still served as it was; the
        // only new file is one no page links to yet, and the pending list owns it.
        let afterKill = readTree(output)
        let previousServing = before.allSatisfy { afterKill[$0.key] == $0.value }
        #expect(previousServing)
        #expect(Set(afterKill.keys).subtracting(before.keys) == ["orphan/index.html"])
        let pending = try #require(FileManager.default.contents(atPath: StateFolder(output: output).pending))
        #expect(String(decoding: pending, as: UTF8.self).contains("=orphan/index.html\n"))

        let report = SiteBuild.run(SampleSite.options(output: output))
        #expect(report.succeeded)
        let repaired = readTree(output)
        #expect(!repaired.keys.contains { $0.contains("sitegen-tmp") || $0.hasPrefix("orphan") || $0.contains("sitegen") })
        #expect(!FileManager.default.fileExists(atPath: StateFolder(output: output).pending))
        #expect(SiteBuild.run(SampleSite.options(output: folder.sub("fresh"))).succeeded)
        let same = repaired == readTree(folder.sub("fresh"))
        #expect(same, "the repaired site differs from a fresh build")
    }

    /// A first build killed before it wrote its manifest leaves files and a pending list only:
    /// the next build (no `--force`) takes the folder as sitegen's and repairs it to a fresh build.
    @Test func aKilledFirstBuildIsRepairedByTheNextWithoutForce() throws {
        let folder = TemporaryFolder()
        let output = folder.sub("out")
        try Self.buildKilledAfterStaging(into: output)
        // Killed here: no manifest yet, only the pending list.
        #expect(!FileManager.default.fileExists(atPath: StateFolder(output: output).manifest))

        let report = SiteBuild.run(SampleSite.options(output: output))
        #expect(report.succeeded, "\(report.diagnostics.sorted)")
        #expect(SiteBuild.run(SampleSite.options(output: folder.sub("fresh"))).succeeded)
        let same = readTree(output) == readTree(folder.sub("fresh"))
        #expect(same, "the repaired site differs from a fresh build")
        #expect(!FileManager.default.fileExists(atPath: StateFolder(output: output).pending))
    }

    /// The pending list names the folder it was made for: a folder put in its place later (same
    /// path, another folder) with someone else's files is still refused, and nothing is deleted.
    @Test func aPendingListOfAReplacedFolderOwnsNothing() throws {
        let folder = TemporaryFolder()
        let output = folder.sub("out")
        let killed = OutputWriter(directory: output, force: false)
        try killed.open()
        #expect(killed.changedUnits([OutputWriter.Unit(name: UnitName(kind: "pages"), key: Digest128(first: 1, second: 1))]) == [0])
        try killed.begin(paths: [["index.html"]])
        try killed.stage("index.html", bytes: Array("half-written".utf8))
        // Made while the old folder still exists, so it cannot get the old folder's inode back.
        try FileManager.default.moveItem(atPath: output, toPath: folder.sub("old"))
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: false)
        try FileManager.default.removeItem(atPath: folder.sub("old"))
        try Data("mine".utf8).write(to: URL(fileURLWithPath: output + "/index.html"))

        let report = SiteBuild.run(SampleSite.options(output: output))
        #expect(!report.succeeded)
        #expect(report.diagnostics.sorted.contains { "\($0)".contains("not made by sitegen") })
        let tree = readTree(output)
        #expect(Array(tree.keys) == ["index.html"])
        #expect(tree["index.html"] == Array("mine".utf8))
    }
}

/// Issue 12: the web root holds exactly the published files. Warnings name private holders (a
/// shared email, a legacy award); they stay in sitegen's state folder, never in the output.
@Suite(.serialized)
struct WebRootPrivacyTests {
    @Test func noBytesOfAPrivateEarnerOrAWarningAnywhereInTheOutput() throws {
        let folder = TemporaryFolder()
        let content = try SampleSite.copy(to: folder.path)
        // Shares a public holder's email: the duplicate-account warning names this file.
        try """
        name: Quentin Privateperson
        email: alex.morgan@example.com
        visibility: private
        awards:
          - badge: cloud-fundamentals
            issued_on: 2025-01-02

        """.write(toFile: content + "/holders/quentin-secret-holder.yaml", atomically: true, encoding: .utf8)
        // A private holder with an award of a legacy badge: the skipped-award warning names it.
        try """
        name: Rosalind Hiddenname
        email: rosalind.hidden@example.net
        visibility: private
        awards:
          - badge: server-admin-2012
            issued_on: 2011-06-30

        """.write(toFile: content + "/holders/rosalind-legacy-holder.yaml", atomically: true, encoding: .utf8)
        let output = folder.sub("out")
        let options = SampleSite.options(output: output, content: content)
        let report = SiteBuild.run(options)
        #expect(report.succeeded, "\(report.diagnostics.sorted)")
        let warnings = report.diagnostics.all.filter { $0.severity == .warning }
        #expect(warnings.contains { $0.location?.file.contains("quentin-secret-holder") == true || $0.message.contains("quentin-secret-holder") })
        #expect(warnings.contains { $0.location?.file.contains("rosalind-legacy-holder") == true || $0.message.contains("rosalind-legacy-holder") })

        // A rebuild that changes nothing takes its warnings from the state folder, not the output.
        let again = SiteBuild.run(options)
        #expect(again.times.steps.map(\.name) == ["fingerprint"])
        #expect(again.diagnostics.all.map(\.description) == report.diagnostics.all.map(\.description))

        let files = readTree(output)
        var needles = ["quentin-secret-holder", "Quentin", "Privateperson", "rosalind-legacy-holder", "Rosalind", "Hiddenname",
                       "rosalind.hidden@example.net", "alex.morgan@example.com", "sitegen-manifest", "@fingerprint", "@diagnostic"]
        needles += warnings.map(\.message)
        for needle in needles {
            let hits = files.filter { $0.value.contains(needle) }.map(\.key)
            #expect(hits.isEmpty, "'\(needle)' found in \(hits.prefix(3))")
        }
        // Dotfiles included: the DID document's `.well-known/` is the only one, and the files are
        // exactly the ones the build publishes.
        #expect(files.keys.filter { $0.split(separator: "/").contains { $0.hasPrefix(".") } } == [".well-known/did.json"])
        let (renderer, _) = SiteBuild.renderer(options)
        let site = try #require(renderer)
        var published = Set<String>()
        for unit in site.units() { for job in site.jobs(of: unit) { published.insert(site.path(of: job)) } }
        #expect(Set(files.keys) == published)
        #expect(FileManager.default.fileExists(atPath: StateFolder(output: output).manifest))
    }

    /// A web root that an earlier version kept its bookkeeping in is taken over once: the
    /// bookkeeping moves to the state folder, the root keeps only published files, nothing is
    /// rewritten, and the next build short-circuits.
    @Test func anOutputFolderWithInRootBookkeepingIsTakenOverOnce() throws {
        let folder = TemporaryFolder()
        let output = folder.sub("out")
        #expect(SiteBuild.run(SampleSite.options(output: output)).succeeded)
        let state = StateFolder(output: output)
        let published = readTree(output)
        // As 0.4 left it: the manifest in the root (without the output line), a stale staging folder.
        let manifest = try #require(FileManager.default.contents(atPath: state.manifest))
        let lines = String(decoding: manifest, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        try lines.filter { !$0.hasPrefix("@output ") }.joined(separator: "\n")
            .write(toFile: output + "/.sitegen-manifest", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: output + "/.sitegen-staging", withIntermediateDirectories: true)
        try "x".write(toFile: output + "/.sitegen-staging/0", atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: state.path)
        let identities = fileIdentities(output)

        let report = SiteBuild.run(SampleSite.options(output: output))
        #expect(report.succeeded)
        #expect(report.files?.written == 0)
        #expect(readTree(output) == published)
        #expect(fileIdentities(output).filter { identities[$0.key] != $0.value }.isEmpty)
        #expect(FileManager.default.fileExists(atPath: state.manifest))
        #expect(SiteBuild.run(SampleSite.options(output: output)).times.steps.map(\.name) == ["fingerprint"])
    }

    /// The state describes one folder: an output folder emptied by hand is rebuilt whole (not
    /// trusted to hold what the manifest says), and one replaced by a foreign folder is refused.
    @Test func theStateFollowsTheFolderItDescribes() throws {
        let folder = TemporaryFolder()
        let output = folder.sub("out")
        #expect(SiteBuild.run(SampleSite.options(output: output)).succeeded)
        let published = readTree(output)
        for name in try FileManager.default.contentsOfDirectory(atPath: output) {
            try FileManager.default.removeItem(atPath: output + "/" + name)
        }
        let rebuilt = SiteBuild.run(SampleSite.options(output: output))
        #expect(rebuilt.succeeded)
        #expect(readTree(output) == published)

        // Moved away (so the new folder cannot reuse its inode) and replaced by someone's own.
        try FileManager.default.moveItem(atPath: output, toPath: folder.sub("moved"))
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        try "mine".write(toFile: output + "/notes.txt", atomically: true, encoding: .utf8)
        let refused = SiteBuild.run(SampleSite.options(output: output))
        #expect(!refused.succeeded)
        #expect(refused.diagnostics.all.contains { $0.message.contains("not made by sitegen") })
        #expect(readTree(output) == ["notes.txt": Array("mine".utf8)])
    }
}
