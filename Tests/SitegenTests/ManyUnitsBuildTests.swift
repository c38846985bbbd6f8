import Foundation
import Testing
@testable import Sitegen
import SitegenDigest
import SitegenModel
import SitegenSource

/// A site with enough units that the steps before rendering split their work over threads
/// (derived award ids, plan output, path sets, the lookup of units in the previous manifest):
/// whatever the split, the files and the manifest are those of one thread.
@Suite(.serialized)
struct ManyUnitsBuildTests {
    static let holderCount = 1300

    /// Holders with one or two awards of b1 and no award ids, so every id is derived; one
    /// holder in 97 is private, so the parts of the plan differ in size.
    static func content(renaming renamed: Int? = nil) -> InMemoryFileSystem {
        let holders = (0..<holderCount).map { index in
            let name = index == renamed ? "Renamed Holder \(index)" : "Holder \(index)"
            let visibility = index % 97 == 5 ? "private" : "public"
            let second = index % 3 == 0 ? #", {"badge": "b1", "issued_on": "2023-01-0\#(index % 9 + 1)"}"# : ""
            return #"{"id": "h\#(index)", "name": "\#(name)", "email": "h\#(index)@example.org", "visibility": "\#(visibility)", "awards": [{"badge": "b1", "issued_on": "2024-05-01"}\#(second)]}"#
        }
        return FixtureSite.fileSystem(["Content/holders/h1.yaml": nil,
                                       "Content/holders.json": "[\n" + holders.joined(separator: ",\n") + "\n]\n"])
    }

    static func options(_ fileSystem: InMemoryFileSystem, output: String, jobs: Int) -> BuildOptions {
        var options = FixtureSite.options(fileSystem)
        options.outputDirectory = output
        options.date = Day(year: 2026, month: 11, day: 21)
        options.jobs = jobs
        return options
    }

    @Test func derivedIDsAreTheHashOfHolderBadgeAndDate() throws {
        let fileSystem = Self.content()
        let (tree, _) = ContentLoader(fileSystem: fileSystem, root: "Content").load()
        let content = try #require(ContentDecoder(fileSystem: fileSystem, root: "Content").decode(tree).0)
        var checked = 0
        for holder in content.holders {
            for award in holder.awards {
                let message = Array("sitegen-award\u{0}\(holder.id)\u{0}\(award.badge.id)\u{0}\(award.issuedOn)".utf8)
                #expect(award.id == hexString(SHA256.hash(message).prefix(10)), "\(holder.id)")
                checked += 1
            }
        }
        #expect(checked > Self.holderCount)
    }

    @Test func oneThreadAndManyMakeTheSameFilesAndAFreshBuildEqualsARebuild() throws {
        let folder = TemporaryFolder()
        let one = SiteBuild.run(Self.options(Self.content(), output: folder.sub("one"), jobs: 1))
        let three = SiteBuild.run(Self.options(Self.content(), output: folder.sub("three"), jobs: 3))
        #expect(one.succeeded && three.succeeded, "\(three.diagnostics.sorted)")
        #expect((one.files?.written ?? 0) > 5 * Self.holderCount)
        #expect(one.pages == three.pages)
        let tree = readTree(folder.sub("one"))
        let identical = tree == readTree(folder.sub("three"))
        #expect(identical, "--jobs 1 and --jobs 3 differ")

        // One holder renamed: the rebuild writes that holder's files and the pages listing them,
        // and its output, manifest included, is a fresh build's.
        let renamed = Self.content(renaming: 700)
        let rebuild = SiteBuild.run(Self.options(renamed, output: folder.sub("three"), jobs: 3))
        #expect(rebuild.succeeded)
        #expect((rebuild.files?.written ?? 0) > 0 && (rebuild.files?.written ?? 0) < 20, "\(String(describing: rebuild.files))")
        let fresh = SiteBuild.run(Self.options(renamed, output: folder.sub("fresh"), jobs: 1))
        #expect(fresh.succeeded)
        let same = readTree(folder.sub("three")) == readTree(folder.sub("fresh"))
        #expect(same, "the rebuilt site differs from a fresh build")
    }

    /// Validation runs alongside the plan: its problems come first, and when it fails, problems
    /// found meanwhile (a missing theme here) are not reported, as when they came after it.
    @Test func validationProblemsComeFirstAndAloneWhenItFails() {
        let folder = TemporaryFolder()
        var failing = Self.options(FixtureSite.fileSystem([
            "Content/holders/h2.yaml": "name: Bo\nemail: ann@example.org\nawards:\n  - badge: b9\n    issued_on: 2024-05-01\n",
        ]), output: folder.sub("out"), jobs: 2)
        failing.themeName = "missing"
        let report = SiteBuild.run(failing)
        #expect(!report.succeeded)
        #expect(report.diagnostics.all.map(\.description) == [
            "Content/holders/h2.yaml:1:1: warning: holder 'h2' has the same email as holder 'h1' (Content/holders/h1.yaml:1:1): one person with two records?",
            "Content/holders/h2.yaml:4:12: error: unknown badge 'b9'; did you mean 'b1'?",
        ])
        #expect(!FileManager.default.fileExists(atPath: folder.sub("out")))

        var warned = failing
        warned.fileSystem = FixtureSite.fileSystem(["Content/holders/h2.yaml": "name: Bo\nemail: ann@example.org\n"])
        let second = SiteBuild.run(warned)
        #expect(report.times.steps.contains { $0.name == "validate (alongside)" })
        #expect(second.diagnostics.all.map(\.description).first?.contains("has the same email") == true)
        #expect(second.diagnostics.all.map(\.description).dropFirst().contains { $0.contains("missing") })
    }
}
