import Dispatch
import SitegenModel
import SitegenRender
import SitegenSource

/// Load, decode and validate: the steps `check`, `build` and `snippets` share.
enum ContentCheck {
    static func run(_ options: BuildOptions, times: inout StepTimes, diagnostics: inout Diagnostics) -> Content? {
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
        let validation = times.measure("validate") { ContentValidator.validate(content) }
        diagnostics.append(contentsOf: validation)
        return validation.hasErrors ? nil : content
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
        let (_, themeDiagnostics) = times.measure("theme") { ThemeLoader(fileSystem: options.fileSystem, root: options.themesDirectory,
                                                displayRoot: DisplayPath.of(options.themesDirectory))
            .load(options.themeName ?? content.site.theme ?? "default", locales: content.site.locales,
                  defaultLocale: content.site.defaultLocale) }
        diagnostics.append(contentsOf: themeDiagnostics)
        ContentCheck.retire(content)
        return diagnostics
    }
}
