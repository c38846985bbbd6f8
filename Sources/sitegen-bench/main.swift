import Foundation
import Sitegen
import SitegenModel

// sitegen-bench: synthetic content and timed runs of the real pipeline. Release builds only
// give meaningful figures: `swift run -c release sitegen-bench …`.
//
//   sitegen-bench generate [--holders N] [--badges N] [--yaml] --out DIR
//   sitegen-bench check    --content DIR            load + decode + validate
//   sitegen-bench build    --content DIR --output DIR [--jobs N] [--themes DIR]

func peakRSSMiB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kib = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
    return kib / 1024
}

func value(_ name: String, in arguments: [String]) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

let arguments = Array(CommandLine.arguments.dropFirst())
let started = Date()
switch arguments.first {
case "generate":
    var generator = SyntheticContent()
    generator.holders = value("--holders", in: arguments).flatMap(Int.init) ?? generator.holders
    generator.badges = value("--badges", in: arguments).flatMap(Int.init) ?? generator.badges
    generator.yaml = arguments.contains("--yaml")
    guard let out = value("--out", in: arguments) else { print("--out DIR is required"); exit(2) }
    try generator.write(to: out)
    print("generated \(generator.holders) holders into \(out) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
case "check":
    var options = BuildOptions()
    options.contentDirectory = value("--content", in: arguments) ?? "Content"
    options.themesDirectory = value("--themes", in: arguments) ?? "Themes"
    var times = StepTimes()
    let diagnostics = CheckCommand.run(options, times: &times)
    print("steps: \(times.summary)")
    print("check: \(diagnostics.summary); wall \(String(format: "%.3f", Date().timeIntervalSince(started))) s; peak RSS \(Int(peakRSSMiB())) MiB")
case "build":
    var options = BuildOptions()
    options.contentDirectory = value("--content", in: arguments) ?? "Content"
    options.themesDirectory = value("--themes", in: arguments) ?? "Themes"
    options.outputDirectory = value("--output", in: arguments) ?? "/tmp/sitegen-bench-out"
    options.jobs = value("--jobs", in: arguments).flatMap(Int.init) ?? options.jobs
    options.date = Day(year: 2026, month: 11, day: 21)
    options.secret = Array("benchmark-secret-benchmark-secret".utf8)
    options.force = arguments.contains("--force")
    let report = SiteBuild.run(options)
    for diagnostic in report.diagnostics.sorted.prefix(5) { print(diagnostic) }
    print("steps: \(report.times.summary)")
    if let files = report.files {
        print("files: \(files.written) written, \(files.unchanged) unchanged, \(files.removed) removed; \(report.pages) pages")
    }
    print("total \(String(format: "%.3f", Date().timeIntervalSince(started))) s wall; peak RSS \(Int(peakRSSMiB())) MiB")
    exit(report.succeeded ? 0 : 1)
default:
    print("usage: sitegen-bench generate|check|build …")
    exit(2)
}
