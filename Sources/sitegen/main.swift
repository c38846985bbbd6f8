import Foundation
import Sitegen
import SitegenServe
import SitegenSource

// The executable only parses, prints and exits; every behaviour lives in the Sitegen library.

/// Written in pieces of about 64 KB rather than as one string: the report is bounded, but a
/// few thousand lines (`--max-errors 0`) need not wait for each other.
func printDiagnostics(_ diagnostics: Diagnostics) {
    var text = ""
    diagnostics.report { line in
        text += line + "\n"
        if text.utf8.count >= 1 << 16 {
            FileHandle.standardError.write(Data(text.utf8))
            text = ""
        }
    }
    FileHandle.standardError.write(Data(text.utf8))
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

HeapPolicy.keepFreedBlocks()
var environment = ProcessInfo.processInfo.environment
switch CommandLineInterface.parse(Array(CommandLine.arguments.dropFirst())) {
case .message(let text):
    print(text)
    exit(0)
case .usage(let text):
    printError(text)
    exit(2)
case .run(var invocation):
    invocation.options.environment = environment
    Diagnostics.defaultLimit = invocation.maxErrors
    switch invocation.command {
    case .check:
        let diagnostics = CheckCommand.run(invocation.options)
        printDiagnostics(diagnostics)
        exit(diagnostics.hasErrors ? 1 : 0)
    case .snippets:
        let output = SnippetsCommand.run(invocation.options, format: invocation.format, ids: invocation.ids)
        printDiagnostics(output.diagnostics)
        if output.diagnostics.hasErrors { exit(1) }
        FileHandle.standardOutput.write(Data(output.text.utf8))
        exit(0)
    case .initialize:
        let directory = invocation.directory ?? "."
        switch NewSite.make(in: directory) {
        case .success(let made):
            print("made a new site in \(directory) (\(made.files.count) files); next: cd \(directory) && sitegen build")
            exit(0)
        case .failure(let refusal):
            printError("sitegen init: \(refusal.message)")
            exit(1)
        }
    case .did:
        let output = DIDCommand.run(invocation.options, format: invocation.format)
        printDiagnostics(output.diagnostics)
        if output.diagnostics.hasErrors { exit(1) }
        FileHandle.standardOutput.write(Data(output.text.utf8))
        exit(0)
    case .serve:
        exit(ServeCommand.run(invocation))
    case .build:
        let terminal = isatty(STDERR_FILENO) == 1 && !invocation.quiet && environment["CI"] == nil
        var progress: SiteBuild.Progress?
        if terminal {
            progress = { done, total in
                guard total >= 2000 else { return }
                FileHandle.standardError.write(Data("\r\u{1B}[Kbuilding: \(done)/\(total) files".utf8))
            }
        }
        let report = SiteBuild.run(invocation.options, progress: progress)
        if progress != nil { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        printDiagnostics(report.diagnostics)
        for note in report.notes { printError("sitegen: note: \(note)") }
        guard report.succeeded, let files = report.files else { exit(1) }
        printError("built \(report.pages) pages into \(invocation.options.outputDirectory): \(files.written) files written, \(files.unchanged) unchanged, \(files.removed) removed in \(StepTimes.format(report.times.total))")
        if environment["SITEGEN_TIMINGS"] != nil { printError("steps: \(report.times.summary)") }
        exit(0)
    }
}
