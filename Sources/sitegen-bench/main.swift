import Foundation
import Sitegen
import SitegenModel
import SitegenRender
import SitegenSignature

// sitegen-bench: synthetic content and timed runs of the real pipeline. Release builds only
// give meaningful figures: `swift run -c release sitegen-bench …`.
//
//   sitegen-bench generate [--holders N] [--badges N] [--yaml] --out DIR
//   sitegen-bench check    --content DIR            load + decode + validate
//   sitegen-bench build    --content DIR --output DIR [--jobs N] [--themes DIR] [--no-credentials]
//   sitegen-bench render   --content DIR [--rounds N] [--only award|credentials|…]  CPU time of documents, credentials, baking and award pages, one thread (best of N, and the first)
//   sitegen-bench cards    [--badges N] [--themes DIR] [--images DIR] [--out DIR]  CPU time of N badges' link-preview cards in 6 languages, one thread
//   sitegen-bench ed25519  [--count N] [--rounds N] [--only sign|verify|key]  CPU µs per Ed25519 signature, verification, key, one thread

HeapPolicy.keepFreedBlocks()

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
/// A fixed key, so benchmark builds create no key file in the content they read, and sign alike.
let benchmarkSigningKey = try! Ed25519.PrivateKey(seed: [UInt8](repeating: 0x42, count: 32))
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
    options.signingKey = benchmarkSigningKey
    options.force = arguments.contains("--force")
    // The build without Open Badges 3.0 credentials, to measure what signing them costs.
    options.signsCredentials = !arguments.contains("--no-credentials")
    let report = SiteBuild.run(options)
    for diagnostic in report.diagnostics.sorted.prefix(5) { print(diagnostic) }
    print("steps: \(report.times.summary)")
    if let files = report.files {
        print("files: \(files.written) written, \(files.unchanged) unchanged, \(files.removed) removed; \(report.pages) pages")
    }
    print("total \(String(format: "%.3f", Date().timeIntervalSince(started))) s wall; peak RSS \(Int(peakRSSMiB())) MiB")
    exit(report.succeeded ? 0 : 1)
case "render":
    var options = BuildOptions()
    options.contentDirectory = value("--content", in: arguments) ?? "Content"
    options.themesDirectory = value("--themes", in: arguments) ?? "Themes"
    options.date = Day(year: 2026, month: 11, day: 21)
    options.secret = Array("benchmark-secret-benchmark-secret".utf8)
    options.signingKey = benchmarkSigningKey
    let (renderer, diagnostics) = SiteBuild.renderer(options)
    guard let renderer else {
        for diagnostic in diagnostics.sorted.prefix(5) { print(diagnostic) }
        exit(1)
    }
    let awards = renderer.plan.awards.indices
    let locale = renderer.plan.site.defaultLocale
    // The best of a few rounds: this machine's speed drifts, and the least disturbed round is
    // the one that tells code changes apart.
    let rounds = max(1, Int(value("--rounds", in: arguments) ?? "") ?? 1)
    let only = value("--only", in: arguments)
    func cpu(_ label: String, _ jobs: @autoclosure () -> [OutputJob]) {
        if let only, !label.hasPrefix(only) { return }
        let jobs = jobs()
        var seconds = Double.infinity
        var first = 0.0
        var bytes = 0
        for round in 0..<rounds {
            // A credential job leaves its signed bytes for the baked image's job; a later round
            // taking them would time a lookup, not a signature.
            renderer.discardHandedOffCredentials()
            let start = clock()
            bytes = 0
            for job in jobs { bytes += (try? renderer.render(job).count) ?? 0 }
            let elapsed = Double(clock() - start) / Double(CLOCKS_PER_SEC)
            if round == 0 { first = elapsed }
            seconds = min(seconds, elapsed)
        }
        func each(_ total: Double) -> String { String(format: "%.1f", total / Double(max(1, jobs.count)) * 1e6) }
        print("\(label): \(jobs.count) files, \(bytes / 1_000_000) MB, \(String(format: "%.3f", seconds)) s CPU (\(each(seconds)) µs each; first round \(each(first)) µs)")
    }
    cpu("assertions", awards.map { .assertion($0) })
    // Build, canonicalise, hash and sign each Open Badges 3.0 credential.
    cpu("credentials", awards.map { .credential($0) })
    cpu("baked images", awards.filter { renderer.plan.awards[$0].isListed }.map { .bakedImage($0) })
    cpu("award pages", awards.map { .awardPage($0, locale: locale) })
    // Every output's rebuild key, on one thread: what a one-name rebuild pays before it renders.
    if only == nil || only == "keys" {
        var best = Double.infinity
        for _ in 0..<rounds {
            let start = clock()
            _ = OutputKeys(plan: renderer.plan, theme: renderer.theme, routes: renderer.routes, identity: renderer.identity)
            best = min(best, Double(clock() - start) / Double(CLOCKS_PER_SEC))
        }
        print("keys: \(String(format: "%.3f", best)) s CPU (\(String(format: "%.2f", best / Double(max(1, awards.count)) * 1e6)) µs per award)")
    }
case "cards":
    CardBenchmark.run(badges: max(1, Int(value("--badges", in: arguments) ?? "") ?? 200),
                      themes: value("--themes", in: arguments) ?? "Themes", images: value("--images", in: arguments) ?? "Content/images",
                      out: value("--out", in: arguments))
case "ed25519":
    SignatureBenchmark.run(count: max(1, Int(value("--count", in: arguments) ?? "") ?? 20_000),
                           rounds: max(1, Int(value("--rounds", in: arguments) ?? "") ?? 5),
                           only: value("--only", in: arguments))
default:
    print("usage: sitegen-bench generate|check|build|render|cards|ed25519 …")
    exit(2)
}
