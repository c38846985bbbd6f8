import Dispatch
import SitegenModel
import SitegenPlan
import SitegenRender
import SitegenSignature
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

    /// The build as a list of named, timed steps; `prepare` times its own (load, decode,
    /// validate, theme, plan, renderer, preflight).
    public static func run(_ options: BuildOptions, progress: Progress? = nil) -> Report {
        var report = Report()
        let options = settle(options)
        var fingerprint: InputFingerprint?
        // The key as a rebuild would find it, for the fingerprint only: `prepare` resolves it
        // again, reporting a bad one and making a missing one.
        let signingKey = options.signingKey
            ?? SigningKey.existing(environment: options.environment, contentDirectory: options.contentDirectory)
        // A rebuild with no change: the output folder holds what this build would make, so say
        // what the build that made it said, and stop.
        if let finished = report.times.measure("fingerprint", { () -> BuildRecord? in
            fingerprint = options.date.flatMap { InputFingerprint.take(options, today: $0, threads: options.jobs) }
            return fingerprint.flatMap { finishedBuild(options, signingKey: signingKey?.publicKey, fingerprint: $0) }
        }) {
            report.diagnostics.append(contentsOf: finished.report)
            report.files = OutputWriter.Summary(written: 0, unchanged: finished.files, removed: 0)
            report.pages = finished.pages
            return report
        }
        // The content is parsed from the fingerprint's snapshot of the input bytes, read once;
        // the snapshot goes with the options value made for `prepare`, before rendering starts.
        guard let prepared = prepare(options.reading(from: fingerprint?.takeSnapshot()), &report, makingKey: true) else { return report }
        let built = Built(prepared: prepared, writer: OutputWriter(directory: options.outputDirectory, force: options.force))
        defer { BackgroundRelease.drop(built) }
        let renderer = prepared.renderer
        renderer.preparePages()
        let (units, keyed, pages) = report.times.measure("keys") { keyUnits(renderer, options: options) }
        built.keep(keyed)
        let planned = report.times.measure("plan output") { () -> Result<PlannedOutput, Diagnostic> in
            Result { () throws(Diagnostic) in
                try planOutput(renderer, units: units, keyed: keyed, pages: pages, writer: built.writer, threads: options.jobs)
            }
        }
        guard case .success(let output) = planned else {
            if case .failure(let diagnostic) = planned { report.diagnostics.append(diagnostic) }
            return report
        }
        built.keep(output)
        report.pages = output.pages
        let record = fingerprint.flatMap { fingerprint in
            prepared.signingKey.map { key in
                BuildRecord(fingerprint: fingerprint.value(secret: prepared.secret, signingKey: key.publicKey), files: 0,
                            pages: output.pages, report: report.diagnostics)
            }
        }
        report.files = report.times.measure("render+write") {
            renderAndCommit(output, renderer: renderer, writer: built.writer, record: record, options: options, progress: progress,
                            diagnostics: &report.diagnostics, notes: &report.notes)
        }
        return report
    }

    /// Today and the secret, settled first: both are inputs of the fingerprint. A bad
    /// SOURCE_DATE_EPOCH is left for `prepare` to report with the content's problems.
    static func settle(_ options: BuildOptions) -> BuildOptions {
        var options = options
        options.date = try? BuildDate.today(option: options.date, environment: options.environment).get()
        options.secret = options.secret
            ?? SiteSecret.existing(environment: options.environment, contentDirectory: options.contentDirectory)
        return options
    }

    /// The record of the last build into the output folder, when it finished with the same inputs.
    static func finishedBuild(_ options: BuildOptions, signingKey: Ed25519.PublicKey?, fingerprint: InputFingerprint) -> BuildRecord? {
        guard let secret = options.secret, let signingKey, let record = Manifest.finishedBuild(of: StateFolder(output: options.outputDirectory)),
              record.fingerprint == fingerprint.value(secret: secret, signingKey: signingKey) else { return nil }
        return record
    }

    /// Renders and stages the changed files, then commits them with the build's record (its
    /// file count filled in), or aborts and leaves the output as it was.
    static func renderAndCommit(_ output: PlannedOutput, renderer: SiteRenderer, writer: OutputWriter, record: BuildRecord?,
                                options: BuildOptions, progress: Progress?, diagnostics: inout Diagnostics,
                                notes: inout [String]) -> OutputWriter.Summary? {
        renderer.groupCredentials(of: output.jobs)
        if !output.jobs.isEmpty,
           let failure = renderAndStage(output.jobs, paths: output.paths, renderer: renderer.withPages(), writer: writer,
                                        jobs: options.jobs, progress: progress) {
            writer.abort()
            diagnostics.append(failure)
            return nil
        }
        var record = record
        record?.files = writer.summary.written + writer.summary.unchanged
        do {
            if try StatusIndexRecord.save(renderer.plan.statusIndices, options: options) {
                notes.append("numbered new awards in the status lists: commit \(DisplayPath.of(StatusIndexRecord.path(options))) with the content")
            }
            try writer.commit(record: record)
            return writer.summary
        } catch {
            diagnostics.error("\(error)", at: nil)
            return nil
        }
    }

    /// The files this build renders: those of the units whose keys changed.
    struct PlannedOutput {
        var jobs: [OutputJob] = []
        var paths: [String] = []
        /// HTML pages of the whole build (for the report), changed or not.
        var pages = 0
    }

    /// This build's units, each with its name and key, and how many HTML pages they hold.
    static func keyUnits(_ renderer: SiteRenderer, options: BuildOptions) -> (units: [OutputUnit], keyed: [OutputWriter.Unit], pages: Int) {
        let units = selectUnits(renderer, shard: options.shard)
        let keys = OutputKeys(plan: renderer.plan, theme: renderer.theme, routes: renderer.routes, identity: renderer.identity,
                              threads: options.jobs)
        // In chunks on every thread (holders' and badges' keys digest their awards' keys), each
        // chunk filling its own part of the array.
        let chunks = Chunks(count: units.count, size: 4096)
        let pages = ResultSlots<Int>(count: chunks.parts)
        let keyed = [OutputWriter.Unit](unsafeUninitializedCapacity: units.count) { buffer, initialized in
            nonisolated(unsafe) let base = buffer.baseAddress
            chunks.forEach { part, chunk in
                var count = 0
                for index in chunk {
                    let name = renderer.name(of: units[index])
                    (base! + index).initialize(to: OutputWriter.Unit(name: UnitName(kind: name.kind, id: name.id),
                                                                     key: keys.key(of: units[index])))
                    count += renderer.pageCount(of: units[index])
                }
                pages[part] = count
            }
            initialized = units.count
        }
        return (units, keyed, pages.values.reduce(0) { $0 + $1! })
    }

    /// Asks the writer which units changed, and names the files of those only. A fresh build
    /// names every file of the site (half a million on a large one): the units are split over
    /// every core, each part naming its units' files, and the parts are joined in unit order.
    static func planOutput(_ renderer: SiteRenderer, units: [OutputUnit], keyed: [OutputWriter.Unit], pages: Int,
                           writer: OutputWriter, threads: Int) throws(Diagnostic) -> PlannedOutput {
        struct Part {
            var jobs: [OutputJob] = []
            var paths: [String] = []
            var unitPaths: [[String]] = []
        }
        var output = PlannedOutput()
        output.pages = pages
        do {
            try writer.open()
            let changed = writer.changedUnits(keyed, threads: threads)
            // A rebuild changes a few units: one chunk, on this thread.
            let chunks = Chunks(count: changed.count, size: 1024)
            let parts = ResultSlots<Part>(count: chunks.parts)
            chunks.forEach(threads: threads) { index, chunk in
                var part = Part()
                part.unitPaths.reserveCapacity(chunk.count)
                for unit in changed[chunk] {
                    let jobs = renderer.jobs(of: units[unit])
                    var paths: [String] = []
                    paths.reserveCapacity(jobs.count)
                    // A loop, not `map(renderer.path(of:))`: that would copy the renderer per unit.
                    for job in jobs { paths.append(renderer.path(of: job)) }
                    part.jobs += jobs
                    part.paths += paths
                    part.unitPaths.append(paths)
                }
                parts[index] = part
            }
            var unitPaths: [[String]] = []
            unitPaths.reserveCapacity(changed.count)
            for index in 0..<chunks.parts {
                // Moved out of its slot, so the arrays are joined without copying each element twice.
                guard let part = parts.take(index) else { continue }
                output.jobs += part.jobs
                output.paths += part.paths
                unitPaths += part.unitPaths
            }
            try writer.begin(paths: unitPaths, threads: threads)
        } catch {
            throw Diagnostic.error("\(error)", at: nil)
        }
        return output
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
        var secret: [UInt8]
        /// The issuer's key, for whatever signs: set when `prepare` was asked to make the key
        /// (a build) or given one. The renderer gets its public key only, in `identity`.
        var signingKey: Ed25519.PrivateKey?
    }

    /// Everything up to the first byte written: shared with `snippets`. `makingKey`: resolve the
    /// signing key (a bad one is an error), creating the key file if there is none; otherwise
    /// only a key given in the options is used, and without one the renderer writes no DID
    /// document.
    static func prepare(_ options: BuildOptions, _ report: inout Report, makingKey: Bool = false) -> Prepared? {
        var diagnostics = Diagnostics()
        defer { report.diagnostics.append(contentsOf: diagnostics) }
        guard let (content, validation) = ContentCheck.start(options, times: &report.times, diagnostics: &diagnostics) else {
            return nil
        }
        // The content is validated on another thread meanwhile. Theme, date and plan read only
        // the decoded model and the themes folder, so they go ahead; their problems wait in
        // `pending`, to come after validation's and to go unreported if it fails, as when they
        // came after it. Making the secret file waits for valid content.
        var pending = Diagnostics()
        let loaded = report.times.measure("theme") { options.loadTheme(for: content.site) }
        pending.append(contentsOf: loaded.1)
        var today: Day?
        if loaded.0 != nil {
            switch BuildDate.today(option: options.date, environment: options.environment) {
            case .success(let day): today = day
            case .failure(let error): pending.error(error.message, at: nil)
            }
        }
        var statusIndices = StatusIndices()
        // Only a build answers to the output folder's memo: `snippets` writes no output.
        switch report.times.measure("status indices", { StatusIndexRecord.read(options, checkingTheOutputsMemo: makingKey) }) {
        case .success(let record): statusIndices = record
        case .failure(let problem): pending.append(problem)
        }
        var early: SitePlan?
        if let today, let secret = options.secret {
            early = report.times.measure("plan") { Planner(today: today, secret: secret).plan(content, statusIndices: statusIndices) }
        }
        guard validation.finish(times: &report.times, diagnostics: &diagnostics) else { return nil }
        diagnostics.append(contentsOf: pending)
        guard let theme = loaded.0, let today else { return nil }
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
        var signingKey = options.signingKey
        if signingKey == nil && makingKey {
            guard let found = findOrMakeSigningKey(options, notes: &report.notes, diagnostics: &diagnostics) else { return nil }
            signingKey = found
        }
        var identity: IssuerIdentity?
        if let signingKey {
            let baseURL = options.baseURL ?? content.site.baseURL
            do throws(DIDWeb.Problem) {
                identity = IssuerIdentity(didWeb: try DIDWeb(baseURL: baseURL), currentKey: Multikey.publicKeyMultibase(signingKey.publicKey),
                                          retiredKeys: content.site.retiredKeys)
            } catch {
                diagnostics.error("the base URL \(baseURL) gives no did:web DID for the issuer: \(error)",
                                  at: options.baseURL == nil ? content.site.location : nil)
                return nil
            }
        }
        let plan = early ?? report.times.measure("plan") { Planner(today: today, secret: secret).plan(content, statusIndices: statusIndices) }
        let renderer = report.times.measure("renderer") {
            SiteRenderer(plan: plan, theme: theme, baseURL: options.baseURL, identity: identity,
                         signer: options.signsCredentials ? signingKey.map(CredentialSigner.init) : nil)
        }
        diagnostics.append(contentsOf: report.times.measure("preflight") { renderer.preflight() })
        guard !diagnostics.hasErrors else { return nil }
        return Prepared(content: content, plan: plan, renderer: renderer, secret: secret, signingKey: signingKey)
    }

    /// The key from SITEGEN_SIGNING_KEY or the key file, made when there is neither (and said in
    /// a note); nil after an error.
    static func findOrMakeSigningKey(_ options: BuildOptions, notes: inout [String], diagnostics: inout Diagnostics) -> Ed25519.PrivateKey? {
        switch SigningKey.resolve(environment: options.environment, contentDirectory: options.contentDirectory) {
        case .success(let resolved):
            if let created = resolved.createdFile {
                notes.append("created the issuer signing key \(DisplayPath.of(created)) (Ed25519, for the credentials and the DID document); keep it out of version control and back it up (or set SITEGEN_SIGNING_KEY)")
                // A fresh checkout has no key file: every CI run would sign with a new key, and
                // what earlier runs signed would stop verifying.
                if let ci = options.environment["CI"], !ci.isEmpty, ci != "false" {
                    diagnostics.warning("this CI run made a new signing key: set SITEGEN_SIGNING_KEY from the CI's secrets, or every run signs with another key and earlier credentials stop verifying",
                                        at: nil)
                }
            }
            if let warning = resolved.warning { diagnostics.warning(warning, at: nil) }
            return resolved.key
        case .failure(let error):
            diagnostics.error(error.message, at: nil)
            return nil
        }
    }

    /// The whole site, or shard K of N: awards and holders split by a stable hash of their id,
    /// site-wide units (catalogue, badges, issuers, assets, sitemap) in shard 1.
    static func selectUnits(_ renderer: SiteRenderer, shard: Shard?) -> [OutputUnit] {
        guard let shard, shard.count > 1 else { return renderer.units() }
        return renderer.units().filter { unit in
            switch unit {
            case .award(let index): return ShardKey.of(renderer.plan.awards[index].id, count: shard.count) == shard.index
            case .holder(let index): return ShardKey.of(renderer.plan.holders[index].id, count: shard.count) == shard.index
            case .shared, .sitePages, .sitemap, .badge, .socialCards, .identity, .statusLists: return shard.index == 1
            }
        }
    }

    /// Renders in batches on `threads` threads, each of which also stages the oldest rendered
    /// batch when nobody else is (`BatchPipeline`): files reach the writer in order, from one
    /// thread at a time, and memory holds a few dozen batches of output.
    static func renderAndStage(_ jobs: [OutputJob], paths: [String], renderer: SiteRenderer, writer: OutputWriter, jobs threads: Int,
                               progress: Progress?) -> Diagnostic? {
        let failure = FailureBox()
        let batches = Self.spreadingHolderPages(Self.batches(of: jobs), jobs: jobs)
        let staged = StagedCount()
        // Rendering may run this many batches ahead of the writer, so that one slow batch holds
        // up neither thread for long. The threads of the 50,000-holder build waited 4.5-4.9 s in
        // all with 2 per thread and batches of 128 files, ~330 ms with 8 and `batches(of:)`.
        BatchPipeline<[Rendered]>(count: batches.count, ahead: 8 * threads).run(threads: threads, render: { batch in
            var rendered: [Rendered] = []
            rendered.reserveCapacity(batches[batch].count)
            for index in batches[batch] {
                rendered.append(Rendered(path: paths[index], bytes: Result { () throws(Diagnostic) in try renderer.render(jobs[index]) }))
            }
            return rendered
        }, write: { batch, rendered in
            for file in rendered {
                do {
                    try writer.stage(file.path, bytes: try file.bytes.get())
                } catch let error as Diagnostic {
                    failure.set(error)
                    return false
                } catch {
                    failure.set(.error("\(error)", at: nil))
                    return false
                }
            }
            progress?(staged.add(rendered.count), jobs.count)
            return true
        })
        return failure.value
    }

    /// Consecutive jobs in batches of about equal work: 128 files, or 16 link-preview cards (one
    /// costs as much as a few hundred pages, and a batch of 128 cards kept every later batch from
    /// being written for about a second).
    static func batches(of jobs: [OutputJob]) -> [Range<Int>] {
        let budget = 128
        var batches: [Range<Int>] = []
        var start = 0, spent = 0
        for (index, job) in jobs.enumerated() {
            let cost: Int
            if case .socialCard = job { cost = budget / 16 } else { cost = 1 }
            if spent + cost > budget {
                batches.append(start..<index)
                start = index
                spent = 0
            }
            spent += cost
        }
        if start < jobs.count { batches.append(start..<jobs.count) }
        return batches
    }

    /// The batches in the order they are rendered and written: those of holder pages spread
    /// evenly among the others instead of coming last. A holder page costs little to render and
    /// a file to write, and batches are written by one thread at a time: left at the end, they
    /// kept the writing thread busy while the other had little to render.
    static func spreadingHolderPages(_ batches: [Range<Int>], jobs: [OutputJob]) -> [Range<Int>] {
        var light: [Range<Int>] = [], heavy: [Range<Int>] = []
        for batch in batches {
            if case .holderPage = jobs[batch.lowerBound] { light.append(batch) } else { heavy.append(batch) }
        }
        guard !light.isEmpty, !heavy.isEmpty else { return batches }
        var order: [Range<Int>] = []
        order.reserveCapacity(batches.count)
        var taken = (light: 0, heavy: 0)
        // A light batch goes in whenever light batches would otherwise fall behind their share.
        while order.count < batches.count {
            if taken.light < light.count && (taken.heavy == heavy.count || taken.light * heavy.count <= taken.heavy * light.count) {
                order.append(light[taken.light])
                taken.light += 1
            } else {
                order.append(heavy[taken.heavy])
                taken.heavy += 1
            }
        }
        return order
    }
}

/// Files staged so far, for progress: batches are written by one thread at a time, and the
/// pipeline's lock orders one writer's additions before the next's.
final class StagedCount: @unchecked Sendable {
    private var count = 0
    func add(_ files: Int) -> Int {
        count += files
        return count
    }
}

struct Rendered {
    var path: String
    var bytes: Result<[UInt8], Diagnostic>
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

/// What a build made: the plan, its views and the writer's lists are millions of objects,
/// released together by `BackgroundRelease` once the report is ready.
final class Built: @unchecked Sendable {
    let prepared: SiteBuild.Prepared
    let writer: OutputWriter
    private let lock = DispatchSemaphore(value: 1)
    private var more: [Any] = []

    init(prepared: SiteBuild.Prepared, writer: OutputWriter) {
        self.prepared = prepared
        self.writer = writer
    }

    /// Keeps a later step's result with the rest, so it is not freed when its step's scope ends.
    func keep(_ value: Any) {
        lock.wait(); defer { lock.signal() }
        more.append(value)
    }
}
