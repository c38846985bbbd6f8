import Foundation
import Testing
@testable import Sitegen
import SitegenEmbedded

/// `help`, `--version`, `init`'s arguments, and every option of every command documented where
/// the user looks for it.
@Suite struct CommandLineHelpTests {
    /// The lines of the usage text that belong to `name`: its line and its continuation lines.
    func usageLines(of name: String) -> String {
        var lines: [Substring] = []
        var inside = false
        for line in CommandLineInterface.usage.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }.replacingOccurrences(of: "usage: ", with: "")
            if trimmed.hasPrefix("sitegen ") { inside = trimmed.hasPrefix("sitegen \(name) ") || trimmed == "sitegen \(name)" }
            if inside { lines.append(line) }
        }
        return lines.joined(separator: "\n")
    }

    @Test(arguments: CommandLineInterface.commands.map(\.name))
    func everyOptionIsInTheUsageAndTheHelpOfItsCommand(_ name: String) throws {
        let command = try #require(CommandLineInterface.commands.first { $0.name == name }?.command)
        let usage = usageLines(of: name)
        #expect(!usage.isEmpty, "no usage line for \(name)")
        guard case .message(let help) = CommandLineInterface.parse([name, "--help"]),
              case .message(let helpCommand) = CommandLineInterface.parse(["help", name]) else {
            Issue.record("no help for \(name)")
            return
        }
        #expect(help == helpCommand)
        #expect(help.hasPrefix("usage: sitegen \(name)"))
        for option in CommandLineInterface.options(of: command) {
            #expect(usage.contains("[\(option)"), "the usage of \(name) lacks \(option)")
            #expect(help.contains("  \(option)"), "the help of \(name) lacks \(option)")
        }
    }

    @Test func helpAloneIsTheUsageAndAnUnknownTopicIsAUsageError() {
        guard case .message(let usage) = CommandLineInterface.parse(["help"]) else {
            Issue.record("help printed no usage")
            return
        }
        #expect(usage == CommandLineInterface.usage)
        for arguments in [["help", "publish"], ["help", "build", "check"]] {
            guard case .usage(let text) = CommandLineInterface.parse(arguments) else {
                Issue.record("\(arguments) should be a usage error")
                continue
            }
            #expect(text.hasPrefix("sitegen help: no command '\(arguments.dropFirst().joined(separator: " "))'"))
        }
    }

    @Test func versionNamesTheCommitBuilt() throws {
        guard case .message(let line) = CommandLineInterface.parse(["--version"]) else {
            Issue.record("no version")
            return
        }
        let commit = BuildIdentity.commit
        #expect(line == "sitegen \(CommandLineInterface.version) (commit \(commit.prefix(12)))")
        // The repository's HEAD as git sees it; outside a checkout (a tarball), "unknown".
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "safe.directory=*", "-C", FixtureSite.repositoryRoot.path, "rev-parse", "HEAD"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        let head = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        process.waitUntilExit()
        if process.terminationStatus == 0 {
            #expect(commit == head)
        } else {
            #expect(commit == "unknown")
        }
    }

    @Test func initTakesOneFolder() {
        guard case .run(let invocation) = CommandLineInterface.parse(["init", "my-site"]) else {
            Issue.record("init did not parse")
            return
        }
        #expect(invocation.command == .initialize && invocation.directory == "my-site")
        for arguments in [["init"], ["init", "a", "b"], ["init", "--content", "C", "a"], ["init", "--force", "a"]] {
            guard case .usage = CommandLineInterface.parse(arguments) else {
                Issue.record("\(arguments) should be a usage error")
                continue
            }
        }
    }

    /// The executable itself, run in a folder with nothing of the repository around and no
    /// SITEGEN_ variables: init, build, check; and init refusing the now non-empty folder.
    @Test func theExecutableMakesBuildsAndChecksANewSiteAnywhere() throws {
        let candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
            + Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        let binary = try #require(candidates.map { $0.appendingPathComponent("sitegen") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }, "the sitegen executable is built beside the tests")
        let folder = TemporaryFolder()
        func run(_ arguments: [String], in directory: String) throws -> (status: Int32, stderr: String) {
            let process = Process()
            process.executableURL = binary
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            // As on a user's machine: no keys or dates from the environment, and not a CI run
            // (which warns about the signing key it had to make).
            process.environment = ProcessInfo.processInfo.environment.filter {
                !$0.key.hasPrefix("SITEGEN_") && $0.key != "SOURCE_DATE_EPOCH" && $0.key != "CI"
            }
            let err = Pipe()
            process.standardOutput = Pipe()
            process.standardError = err
            try process.run()
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, stderr)
        }
        #expect(try run(["init", "site"], in: folder.path).status == 0)
        let site = folder.sub("site")
        let build = try run(["build"], in: site)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stderr.contains("0 errors, 0 warnings") || !build.stderr.contains("warning"), "\(build.stderr)")
        #expect(FileManager.default.fileExists(atPath: site + "/Output/index.html"))
        let check = try run(["check"], in: site)
        #expect(check.status == 0, "\(check.stderr)")
        let again = try run(["init", "site"], in: folder.path)
        #expect(again.status == 1)
        #expect(again.stderr.hasPrefix("sitegen init: site is not empty"))
    }
}
