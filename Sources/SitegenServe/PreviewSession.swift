import Foundation
import Sitegen
import SitegenPlan
import SitegenSource
import SitegenWrite

/// `sitegen serve`: builds the site into a preview folder (never the output folder), serves it,
/// and rebuilds whenever the content or the themes change, telling open pages to reload. A
/// build with errors changes nothing in the preview: the last good build stays served, and the
/// errors go to the log and over the open pages until a build succeeds again.
public final class PreviewSession: @unchecked Sendable {
    public struct Configuration: Sendable {
        /// The build's options; `outputDirectory` only says where the state folder (and in it the
        /// preview) goes, and `baseURL` defaults to the server's own address.
        public var options: BuildOptions
        public var bind = "127.0.0.1"
        /// 0: any free port.
        public var port = 1313
        public var limits = HTTPServer.Limits()
        /// Where the session's messages go (the CLI: stderr).
        public var log: @Sendable (String) -> Void = { _ in }

        public init(options: BuildOptions) { self.options = options }
    }

    public let baseURL: String
    public let port: Int
    /// The folder served: `<state folder of the output>/preview`.
    public let previewDirectory: String
    public let events = BuildEvents()

    private let configuration: Configuration
    private let options: BuildOptions
    private let server: HTTPServer
    private let files: PreviewFiles
    private let watcher: SourceWatcher
    private let built = NSCondition()
    private var builds = 0
    private let loopEnded = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)
    /// How often open pages get a comment line, so closed ones are noticed and dropped.
    static let heartbeat = 15.0

    /// The preview folder for an output folder: inside its state folder, so it is never the
    /// output itself and its own bookkeeping (beside it) is never under the served root.
    public static func previewDirectory(forOutput output: String) -> String {
        StateFolder(output: output).path + "/preview"
    }

    /// Binds the server and prepares the watcher; nothing is built or served before `start`.
    public init(_ configuration: Configuration) throws {
        self.configuration = configuration
        // Listening first: a bad address or a busy port makes no folder.
        let server = try HTTPServer(address: configuration.bind, port: configuration.port, limits: configuration.limits)
        self.server = server
        let preview = Self.previewDirectory(forOutput: configuration.options.outputDirectory)
        previewDirectory = preview
        guard (try? FileManager.default.createDirectory(atPath: preview, withIntermediateDirectories: true)) != nil,
              let files = PreviewFiles(root: preview) else {
            server.stop()
            throw SessionError(description: "cannot make the preview folder \(preview)")
        }
        self.files = files
        port = server.port
        let host = configuration.bind.contains(":") ? "[\(configuration.bind)]" : configuration.bind
        baseURL = configuration.options.baseURL ?? "http://\(host):\(server.port)/"
        var options = configuration.options
        options.outputDirectory = previewDirectory
        options.baseURL = baseURL
        self.options = options
        let statusRecord = options.contentDirectory + "/" + StatusIndices.fileName
        watcher = SourceWatcher(roots: [options.contentDirectory, options.themesDirectory]) { path in
            path == statusRecord || SourceWatcher.isScratchFile(path)
        }
    }

    struct SessionError: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts serving at once (the last session's preview, if any, until the first build is
    /// done) and builds, then rebuilds on every change, on a thread of its own.
    public func start() {
        let files = self.files, events = self.events
        server.start { PreviewResponder(files: files, events: events).respond(to: $0) }
        Thread.detachNewThread { [self] in
            build(first: true)
            while watcher.waitForChange() { build(first: false) }
            loopEnded.signal()
        }
        Thread.detachNewThread { [self] in
            while stopped.wait(timeout: .now() + Self.heartbeat) == .timedOut { events.heartbeat() }
        }
    }

    /// Waits until `count` builds have finished (tests); false on timeout.
    public func waitForBuilds(_ count: Int, timeout: Double) -> Bool {
        built.lock(); defer { built.unlock() }
        let limit = Date(timeIntervalSinceNow: timeout)
        while builds < count { if !built.wait(until: limit) { return false } }
        return true
    }

    public var finishedBuilds: Int {
        built.lock(); defer { built.unlock() }
        return builds
    }

    /// Stops serving and watching. `waitingForBuild`: also wait for a build under way to finish
    /// (tests; Ctrl-C does not wait: a build cut short leaves the preview as it was).
    public func stop(waitingForBuild: Bool = true) {
        watcher.stop()
        stopped.signal()
        server.stop()
        events.closeAll()
        if waitingForBuild { loopEnded.wait() }
    }

    private func build(first: Bool) {
        let report = SiteBuild.run(options)
        let seconds = StepTimes.format(report.times.total)
        var state = events.current
        if report.succeeded, let files = report.files {
            if first || files.written + files.removed > 0 { state.generation += 1 }
            state.errors = nil
            if first { log(report.diagnostics) }
            for note in report.notes { configuration.log("sitegen: note: \(note)") }
            configuration.log("\(first ? "built" : "rebuilt") \(report.pages) pages in \(seconds): \(files.written) files written, \(files.removed) removed")
            if options.environment["SITEGEN_TIMINGS"] != nil { configuration.log("steps: \(report.times.summary)") }
        } else {
            // The errors only: warnings were said by the first build, and would bury them.
            let lines = Self.errorLines(report.diagnostics)
            if first { log(report.diagnostics) } else { for line in lines { configuration.log(line) } }
            state.errors = lines.joined(separator: "\n")
            configuration.log("the build failed in \(seconds); still serving the last good build")
        }
        events.publish(state)
        built.lock()
        builds += 1
        built.broadcast()
        built.unlock()
    }

    /// The errors as the report prints them, then the totals.
    static func errorLines(_ diagnostics: Diagnostics) -> [String] {
        var lines = diagnostics.sorted.filter { $0.severity == .error }.map(\.description)
        lines += diagnostics.omitted.filter { $0.severity == .error }.map(\.description)
        lines.append(diagnostics.hasErrors ? diagnostics.summary : "sitegen: error: the build failed")
        return lines
    }

    private func log(_ diagnostics: Diagnostics) {
        diagnostics.report { configuration.log($0) }
    }
}
