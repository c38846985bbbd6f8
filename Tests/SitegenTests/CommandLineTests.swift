import Foundation
import Testing
@testable import Sitegen
import SitegenSignature

struct CommandLineTests {
    @Test func optionsParse() throws {
        guard case .run(let build) = CommandLineInterface.parse(
            ["build", "--content", "C", "--output=O", "--base-url", "http://127.0.0.1:8000", "--date", "2024-05-01",
             "--jobs", "3", "--shard", "2/4", "--force", "--quiet", "--theme", "t", "--themes", "T"]) else {
            Issue.record("build did not parse")
            return
        }
        #expect(build.command == .build && build.quiet)
        #expect(build.options.contentDirectory == "C" && build.options.outputDirectory == "O")
        #expect(build.options.baseURL == "http://127.0.0.1:8000/")
        #expect(build.options.date?.description == "2024-05-01")
        #expect(build.options.jobs == 3 && build.options.force)
        #expect(build.options.shard == Shard(index: 2, count: 4))
        #expect(build.options.themeName == "t" && build.options.themesDirectory == "T")
        guard case .run(let snippets) = CommandLineInterface.parse(["snippets", "--format", "csv", "a1", "bob"]) else {
            Issue.record("snippets did not parse")
            return
        }
        #expect(snippets.format == .csv && snippets.ids == ["a1", "bob"])
        guard case .run(let did) = CommandLineInterface.parse(["did", "--content", "C", "--base-url", "https://x.example/a", "--format=json"]) else {
            Issue.record("did did not parse")
            return
        }
        #expect(did.command == .did && did.format == .json && did.options.contentDirectory == "C")
        #expect(did.options.baseURL == "https://x.example/a/")
    }

    @Test(arguments: [["build", "--jobs", "0"], ["build", "--date", "2024-02-30"], ["build", "--base-url", "ftp://x"],
                      ["check", "--output", "x"], ["build", "--shard", "5/4"], ["publish"], [], ["build", "--content"],
                      ["snippets", "--format", "xml"], ["build", "stray"], ["did", "--format", "csv"], ["did", "--output", "O"],
                      ["did", "stray"], ["build", "--base-url", "https://bücher.example/"], ["did", "--base-url", "https://a.example//b/"]])
    func usageErrors(_ arguments: [String]) {
        guard case .usage = CommandLineInterface.parse(arguments) else {
            Issue.record("\(arguments) should be a usage error")
            return
        }
    }

    @Test func helpAndVersion() {
        guard case .message(let version) = CommandLineInterface.parse(["--version"]),
              case .message(let help) = CommandLineInterface.parse(["build", "--help"]) else {
            Issue.record("no help or version")
            return
        }
        #expect(version == CommandLineInterface.versionLine)
        #expect(version.hasPrefix("sitegen \(CommandLineInterface.version) (commit "))
        #expect(help.contains("--base-url") && help.contains("SITEGEN_SIGNING_KEY"))
        guard case .message(let usage) = CommandLineInterface.parse(["--help"]),
              case .message(let didHelp) = CommandLineInterface.parse(["did", "--help"]) else {
            Issue.record("no help for did")
            return
        }
        #expect(usage.contains("sitegen did "))
        #expect(didHelp.hasPrefix("usage: sitegen did") && didHelp.contains("--format"))
    }

    /// The executable maps outcomes to exit statuses 0, 1, 2 and keeps stdout for output.
    @Test func executableExitStatuses() throws {
        let candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
            + Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        let binary = candidates.map { $0.appendingPathComponent("sitegen") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
        guard let binary else {
            print("skipped: the sitegen executable was not built next to the tests")
            return
        }
        func run(_ arguments: [String], signingKey: String? = nil) throws -> (Int32, String, String) {
            let process = Process()
            process.executableURL = binary
            process.arguments = arguments
            process.currentDirectoryURL = FixtureSite.repositoryRoot
            var environment = ProcessInfo.processInfo.environment
            environment["SITEGEN_SECRET"] = "test-secret-test-secret-test-secret"
            environment["SITEGEN_SIGNING_KEY"] = signingKey
            process.environment = environment
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let stdout = out.fileHandleForReading.readDataToEndOfFile()
            let stderr = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
        }
        #expect(try run(["--version"]).0 == 0)
        // `did`: exit 1 with a bad key, which it never prints; the DID and public key with a good one.
        let badKey = "z3u2NotAKey0OIl" + String(repeating: "x", count: 30)
        let bad = try run(["did", "--format", "json"], signingKey: badKey)
        #expect(bad.0 == 1 && bad.1.isEmpty)
        #expect(bad.2.contains("SITEGEN_SIGNING_KEY") && !bad.2.contains("NotAKey") && !bad.2.contains("xxxxxxxx"))
        let did = try run(["did"], signingKey: Multikey.secretKeyMultibase(TestSigningKeys.other))
        #expect(did.0 == 0, "\(did.2)")
        #expect(did.1.contains("did: did:web:") && did.1.contains(Multikey.publicKeyMultibase(TestSigningKeys.other.publicKey)))
        #expect(!did.1.contains(Multikey.secretKeyMultibase(TestSigningKeys.other)))
        #expect(try run(["build", "--jobs", "x"]).0 == 2)
        let check = try run(["check"])
        #expect(check.0 == 0, "\(check.2)")
        #expect(check.2.contains("0 errors"))
        let folder = TemporaryFolder()
        try FileManager.default.copyItem(atPath: SampleSite.contentDirectory, toPath: folder.sub("C"))
        try "title: T\n".write(toFile: folder.sub("C/site.yaml"), atomically: true, encoding: .utf8)
        let broken = try run(["check", "--content", folder.sub("C")])
        #expect(broken.0 == 1)
        #expect(broken.2.contains("site.yaml:1:1: error: site is missing required key 'base_url'"))
        let csv = try run(["snippets", "--format", "csv", "yuki-tanaka"])
        #expect(csv.0 == 0)
        #expect(csv.1.hasPrefix("email,award,holder,name,badge,url,"))
        #expect(csv.1.contains("@example"))
    }
}
