import Testing
@testable import Sitegen
@testable import SitegenSource

/// `--max-errors`: the report of a folder with thousands of problems is the first N in full and
/// a count of the rest, per kind and file.
struct MaxErrorsTests {
    @Test func optionParsesForEveryCommand() {
        for command in ["build", "check", "snippets"] {
            guard case .run(let invocation) = CommandLineInterface.parse([command, "--max-errors", "7"]) else {
                Issue.record("\(command) --max-errors did not parse")
                continue
            }
            #expect(invocation.maxErrors == 7)
        }
        guard case .run(let plain) = CommandLineInterface.parse(["check"]), case .run(let all) = CommandLineInterface.parse(["check", "--max-errors=0"]) else {
            Issue.record("check did not parse")
            return
        }
        #expect(plain.maxErrors == 100 && all.maxErrors == 0)
        for bad in ["-1", "many", ""] {
            guard case .usage = CommandLineInterface.parse(["check", "--max-errors", bad]) else {
                Issue.record("--max-errors \(bad) should be a usage error")
                continue
            }
        }
        guard case .message(let help) = CommandLineInterface.parse(["check", "--help"]) else {
            Issue.record("no help")
            return
        }
        #expect(help.contains("--max-errors N"))
    }

    @Test func reportOfAThousandBrokenHoldersIsBounded() {
        let holders = "[\n" + Array(repeating: "{\"name\": \"Ann\"}", count: 1000).joined(separator: ",\n") + "\n]\n"
        let diagnostics = CheckCommand.run(FixtureSite.options(FixtureSite.fileSystem(["Content/holders.json": holders])))
        var lines: [String] = []
        diagnostics.report { lines.append($0) }
        // Each holder lacks its id and its email.
        #expect(diagnostics.errorCount >= 2000)
        #expect(lines.count < 110, "\(lines.count) lines")
        #expect(lines.prefix(Diagnostics.defaultLimit).allSatisfy { $0.hasPrefix("Content/holders.json:") })
        let note = "sitegen: note: and \(OmittedProblems.grouped(diagnostics.errorCount - Diagnostics.defaultLimit)) more errors like “holder is missing required key '…'” in Content/holders.json"
        #expect(lines.contains(note), "\(lines.suffix(3))")
        #expect(lines.last == "\(diagnostics.errorCount) errors, \(diagnostics.warningCount) warnings")
    }
}
