import Foundation
import Testing
@testable import Sitegen
import SitegenModel

/// The golden site (`Fixtures/golden/Content`: two locales, a revoked, an expired and a retired
/// badge, a legacy one, SVG and PNG artwork, evidence, alignment, a private holder and a pending
/// award) built and compared, file for file and byte for byte, with its checked-in output
/// (`Fixtures/golden/Output`). After an intended change, regenerate it and review the diff like
/// code:
///
///     Scripts/update-golden.sh        # SITEGEN_UPDATE_GOLDEN=1 swift test --filter GoldenPagesTests
@Suite struct GoldenPagesTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/golden")
    static var expected: String { folder.appendingPathComponent("Output").path }

    static func options(output: String) -> BuildOptions {
        var options = BuildOptions()
        options.contentDirectory = folder.appendingPathComponent("Content").path
        options.themesDirectory = FixtureSite.themesDirectory
        options.outputDirectory = output
        options.date = Day(year: 2026, month: 11, day: 21)
        options.secret = Array("golden-secret-golden-secret-golden".utf8)
        options.signingKey = TestSigningKeys.golden
        options.jobs = 2
        return options
    }

    @Test func theGoldenSiteBuildsToItsCheckedInBytes() throws {
        let folder = TemporaryFolder()
        let output = folder.sub("out")
        let report = SiteBuild.run(Self.options(output: output))
        #expect(report.succeeded, "\(report.diagnostics.sorted)")
        let built = readTree(output)
        if ProcessInfo.processInfo.environment["SITEGEN_UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.removeItem(atPath: Self.expected)
            for (path, bytes) in built {
                let url = URL(fileURLWithPath: Self.expected + "/" + path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url)
            }
            print("GoldenPagesTests: wrote \(built.count) files to \(Self.expected)")
            return
        }
        let expected = readTree(Self.expected)
        #expect(expected.count > 50, "no golden output at \(Self.expected): run Scripts/update-golden.sh")
        let missing = Set(expected.keys).subtracting(built.keys).sorted()
        let extra = Set(built.keys).subtracting(expected.keys).sorted()
        #expect(missing.isEmpty, "not built: \(missing.prefix(10))")
        #expect(extra.isEmpty, "built but not golden: \(extra.prefix(10))")
        let differing = expected.keys.sorted().filter { built[$0] != nil && built[$0] != expected[$0] }
        for path in differing.prefix(5) {
            Issue.record("\(path) differs from the golden copy: \(Self.firstDifference(built[path]!, expected[path]!))")
        }
        #expect(differing.isEmpty, "\(differing.count) files differ: \(differing.prefix(10))")
    }

    /// The first line that differs, both ways, for a readable failure.
    static func firstDifference(_ built: [UInt8], _ expected: [UInt8]) -> String {
        let builtLines = built.split(separator: 0x0A, omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: 0x0A, omittingEmptySubsequences: false)
        for index in 0..<max(builtLines.count, expectedLines.count) {
            let got = index < builtLines.count ? String(decoding: builtLines[index], as: UTF8.self) : "<end>"
            let want = index < expectedLines.count ? String(decoding: expectedLines[index], as: UTF8.self) : "<end>"
            if got != want { return "line \(index + 1): built \(got.prefix(200)) — golden \(want.prefix(200))" }
        }
        return "same lines, different bytes"
    }
}
