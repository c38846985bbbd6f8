import Dispatch
import SitegenModel
import SitegenPlan
import SitegenRender
import SitegenSource
import SitegenWrite

/// `sitegen build`: load → decode → validate → plan → render → write, as named, timed steps.
/// Nothing reaches the output folder unless every step before writing succeeded; the writer
/// itself only replaces files once every file has rendered.
public enum SiteBuild {
    public struct Report: Sendable {
        public var diagnostics = Diagnostics()
        public var times = StepTimes()
        public var files: OutputWriter.Summary?
        public var pages = 0
        /// Things to tell the user that are not problems (a secret file created).
        public var notes: [String] = []
        public var succeeded: Bool { files != nil && !diagnostics.hasErrors }
    }

    public typealias Progress = @Sendable (_ done: Int, _ total: Int) -> Void

    public static func run(_ options: BuildOptions, progress: Progress? = nil) -> Report {
        var report = Report()
        guard let prepared = prepare(options, &report) else { return report }
        let renderer = prepared.renderer
        let (jobs, paths) = report.times.measure("plan output") {
            let jobs = selectJobs(renderer, shard: options.shard)
            return (jobs, jobs.map(renderer.path(of:)))
        }
        report.pages = paths.reduce(0) { $0 + ($1.hasSuffix(".html") ? 1 : 0) }
        let writer = OutputWriter(directory: options.outputDirectory, force: options.force)
        report.times.measure("render+write") {
            do {
                try writer.begin(plannedPaths: paths)
            } catch {
                report.diagnostics.error("\(error)", at: nil)
                return
            }
            if let failure = renderAndStage(jobs, paths: paths, renderer: renderer, writer: writer, jobs: options.jobs, progress: progress) {
                writer.abort()
                report.diagnostics.append(failure)
                return
            }
            do {
                try writer.commit()
                report.files = writer.summary
            } catch {
                report.diagnostics.error("\(error)", at: nil)
            }
        }
        return report
    }

    /// The renderer of a validated site, for benchmarks and tools that render single files.
    public static func renderer(_ options: BuildOptions) -> (SiteRenderer?, Diagnostics) {
        var report = Report()
        let prepared = prepare(options, &report)
        return (prepared?.renderer, report.diagnostics)
    }

    struct Prepared {
        var content: Content
        var plan: SitePlan
        var renderer: SiteRenderer
    }

    /// Everything up to the first byte written: shared with `snippets`.
    static func prepare(_ options: BuildOptions, _ report: inout Report) -> Prepared? {
        var diagnostics = Diagnostics()
        defer { report.diagnostics.append(contentsOf: diagnostics) }
        guard let content = ContentCheck.run(options, times: &report.times, diagnostics: &diagnostics) else { return nil }
        let theme = report.times.measure("theme") {
            ThemeLoader(fileSystem: options.fileSystem, root: options.themesDirectory,
                        displayRoot: DisplayPath.of(options.themesDirectory))
                .load(options.themeName ?? content.site.theme ?? "default", locales: content.site.locales,
                      defaultLocale: content.site.defaultLocale)
        }
        diagnostics.append(contentsOf: theme.1)
        guard let theme = theme.0 else { return nil }
        let today: Day
        switch BuildDate.today(option: options.date, environment: options.environment) {
        case .success(let day): today = day
        case .failure(let error): diagnostics.error(error.message, at: nil); return nil
        }
        let secret: [UInt8]
        if let given = options.secret {
            secret = given
        } else {
            switch SiteSecret.resolve(environment: options.environment, contentDirectory: options.contentDirectory) {
            case .success(let resolved):
                secret = resolved.secret
                if let created = resolved.createdFile {
                    report.notes.append("created the site secret \(DisplayPath.of(created)) for recipient salts; keep it out of version control and back it up (or set SITEGEN_SECRET)")
                }
            case .failure(let error):
                diagnostics.error(error.message, at: nil)
                return nil
            }
        }
        let plan = report.times.measure("plan") { Planner(today: today, secret: secret).plan(content) }
        let renderer = SiteRenderer(plan: plan, theme: theme, baseURL: options.baseURL)
        diagnostics.append(contentsOf: report.times.measure("preflight") { renderer.preflight() })
        guard !diagnostics.hasErrors else { return nil }
        return Prepared(content: content, plan: plan, renderer: renderer)
    }

    /// The whole site, or shard K of N: awards and holders split by a stable hash of their id,
    /// shared pages (catalogue, badges, issuers, assets, sitemap) in shard 1.
    static func selectJobs(_ renderer: SiteRenderer, shard: Shard?) -> [OutputJob] {
        guard let shard, shard.count > 1 else { return renderer.jobs() }
        return renderer.jobs().filter { job in
            switch job {
            case .awardPage(let index, _), .assertion(let index), .bakedImage(let index), .embedCard(let index), .oEmbed(let index):
                return ShardKey.of(renderer.plan.awards[index].id, count: shard.count) == shard.index
            case .holderPage(let index, _):
                return ShardKey.of(renderer.plan.holders[index].id, count: shard.count) == shard.index
            default:
                return shard.index == 1
            }
        }
    }

    /// Renders in batches on `jobs` threads while one writer thread stages the previous batch:
    /// the disk gets a steady single writer, and memory holds at most two batches of output.
    static func renderAndStage(_ jobs: [OutputJob], paths: [String], renderer: SiteRenderer, writer: OutputWriter, jobs threads: Int,
                               progress: Progress?) -> Diagnostic? {
        let batchSize = 512
        let writerQueue = DispatchQueue(label: "sitegen.writer")
        let ahead = DispatchSemaphore(value: 2)
        let failure = FailureBox()
        var start = 0
        while start < jobs.count, failure.value == nil {
            ahead.wait()
            let range = start..<min(jobs.count, start + batchSize)
            // nil: the manifest says the file is current, so it is neither rendered nor touched.
            let slots = ResultSlots<Rendered>(count: range.count)
            let workers = max(1, min(threads, range.count))
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var index = worker
                while index < range.count {
                    let job = jobs[range.lowerBound + index]
                    let path = paths[range.lowerBound + index]
                    let key = renderer.key(of: job)
                    let bytes: Result<[UInt8], Diagnostic>? = writer.isCurrent(path, key: key)
                        ? nil : Result { () throws(Diagnostic) in try renderer.render(job) }
                    slots[index] = Rendered(path: path, key: key, bytes: bytes)
                    index += workers
                }
            }
            let done = range.upperBound
            writerQueue.async {
                defer { ahead.signal() }
                guard failure.value == nil else { return }
                for case let rendered? in slots.values {
                    do {
                        guard let result = rendered.bytes else {
                            writer.keep(rendered.path, key: rendered.key)
                            continue
                        }
                        try writer.stage(rendered.path, key: rendered.key, bytes: try result.get())
                    } catch let error as Diagnostic {
                        failure.set(error)
                        return
                    } catch {
                        failure.set(.error("\(error)", at: nil))
                        return
                    }
                }
                progress?(done, jobs.count)
            }
            start = done
        }
        writerQueue.sync {}
        return failure.value
    }
}

struct Rendered {
    var path: String
    var key: String
    var bytes: Result<[UInt8], Diagnostic>?
}

/// The first failure of any thread.
final class FailureBox: @unchecked Sendable {
    private let lock = DispatchSemaphore(value: 1)
    private var stored: Diagnostic?

    var value: Diagnostic? {
        lock.wait(); defer { lock.signal() }
        return stored
    }

    func set(_ diagnostic: Diagnostic) {
        lock.wait(); defer { lock.signal() }
        if stored == nil { stored = diagnostic }
    }
}

/// A stable shard for an id: FNV-1a of its bytes, so every runner agrees without coordination.
enum ShardKey {
    static func of(_ id: String, count: Int) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return Int(hash % UInt64(count)) + 1
    }
}
