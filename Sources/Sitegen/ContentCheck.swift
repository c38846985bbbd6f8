import Dispatch
import SitegenModel
import SitegenRender
import SitegenSource

/// Load, decode and validate: the steps `check`, `build` and `snippets` share.
enum ContentCheck {
    static func run(_ options: BuildOptions, times: inout StepTimes, diagnostics: inout Diagnostics) -> Content? {
        guard let (content, validation) = start(options, times: &times, diagnostics: &diagnostics) else { return nil }
        return validation.finish(times: &times, diagnostics: &diagnostics, alongside: false) ? content : nil
    }

    /// Loads and decodes, and starts validating on another thread: the caller can go on with
    /// work that needs only the decoded model (and touches nothing outside the process) while
    /// validation runs, then calls `finish` before anything that counts on valid content.
    static func start(_ options: BuildOptions, times: inout StepTimes,
                      diagnostics: inout Diagnostics) -> (Content, PendingValidation)? {
        let display = DisplayPath.of(options.contentDirectory)
        let (tree, loadDiagnostics) = times.measure("load") {
            ContentLoader(fileSystem: options.fileSystem, root: options.contentDirectory, displayRoot: display).load()
        }
        diagnostics.append(contentsOf: loadDiagnostics)
        let (content, decodeDiagnostics) = times.measure("decode") {
            ContentDecoder(fileSystem: options.fileSystem, root: options.contentDirectory, displayRoot: display).decode(tree)
        }
        diagnostics.append(contentsOf: decodeDiagnostics)
        retire(consume tree)
        guard let content else { return nil }
        return (content, PendingValidation(content))
    }
}

/// `ContentValidator.validate` running on a thread of its own: a single-threaded tenth of a
/// second on a large site, which the plan's single-threaded part overlaps.
final class PendingValidation: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    /// Written by the validating thread before it signals `done`, read only after.
    private var diagnostics = Diagnostics()
    private var seconds = 0.0

    init(_ content: Content) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let start = DispatchTime.now().uptimeNanoseconds
            diagnostics = ContentValidator.validate(content)
            seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            done.signal()
        }
    }

    /// Waits for the validation, adds its problems to `diagnostics` and its time to `times`
    /// (`alongside`: steps were measured while it ran); false when it found errors. Called once.
    func finish(times: inout StepTimes, diagnostics: inout Diagnostics, alongside: Bool = true) -> Bool {
        let start = DispatchTime.now().uptimeNanoseconds
        done.wait()
        let waited = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if alongside {
            times.record(alongside: "validate", seconds: seconds, waited: waited)
        } else {
            times.record("validate", seconds: seconds)
        }
        diagnostics.append(contentsOf: self.diagnostics)
        return !self.diagnostics.hasErrors
    }
}

extension ContentCheck {
    /// Freeing millions of nodes or strings takes a good part of a second: it happens off the
    /// critical path (or not at all, when the process ends first).
    static func retire<Value: Sendable>(_ value: consuming Value) {
        let retired = consume value
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(retired) {} }
    }
}

/// `sitegen check`: content and theme validated, nothing written.
public enum CheckCommand {
    public static func run(_ options: BuildOptions) -> Diagnostics {
        var times = StepTimes()
        return run(options, times: &times)
    }

    public static func run(_ options: BuildOptions, times: inout StepTimes) -> Diagnostics {
        var diagnostics = Diagnostics()
        guard let content = ContentCheck.run(options, times: &times, diagnostics: &diagnostics) else { return diagnostics }
        let (_, themeDiagnostics) = times.measure("theme") { options.loadTheme(for: content.site) }
        diagnostics.append(contentsOf: themeDiagnostics)
        // What `build` says too: SVG artwork its link-preview cards cannot draw whole.
        for badge in content.badges { diagnostics.append(contentsOf: SocialCards.artworkWarnings(badge)) }
        if options.signingKey == nil {
            diagnostics.append(contentsOf: SigningKey.problems(environment: options.environment, contentDirectory: options.contentDirectory))
        }
        ContentCheck.retire(content)
        return diagnostics
    }
}
