import Foundation
import PackagePlugin

/// Compiles the default theme, the starter site of `sitegen init` and the git commit into
/// SitegenEmbedded at build time, so the `sitegen` executable needs no file beside it. Each is a
/// build command with its inputs declared: an edit to a theme file, or a new commit, regenerates
/// only its own source file.
@main
struct EmbedBuiltins: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let tool = try context.tool(named: "embed-builtins").url
        let package = context.package.directoryURL
        let work = context.pluginWorkDirectoryURL
        var commands: [Command] = []
        let archives: [(folder: URL, prefix: String, name: String, output: String)] = [
            (package.appending(path: "Themes/default"), "default/", "themes", "ThemesArchive.swift"),
            (package.appending(path: "Sources/SitegenEmbedded/Starter"), "", "starterSite", "StarterSiteArchive.swift"),
        ]
        for archive in archives {
            let output = work.appending(path: archive.output)
            commands.append(.buildCommand(
                displayName: "Embedding \(archive.folder.lastPathComponent)",
                executable: tool,
                arguments: ["archive", archive.folder.path, archive.prefix, archive.name, output.path],
                inputFiles: files(under: archive.folder),
                outputFiles: [output]))
        }
        let commit = work.appending(path: "BuildCommit.swift")
        let git = GitFiles(package: package)
        commands.append(.buildCommand(
            displayName: "Recording the git commit",
            executable: tool,
            arguments: ["commit", commit.path] + (git.map { [$0.head.path, $0.common.path] } ?? []),
            inputFiles: git?.watched ?? [],
            outputFiles: [commit]))
        return commands
    }

    /// Every file and folder below `folder`, and `folder` itself. SwiftPM keeps the plan this
    /// plugin makes until Package.swift or a target's folder changes, so a file added to or
    /// removed from the theme re-runs the command only through its folder's modification time.
    /// (A file in a folder that is new since the last plan is embedded, but its later edits
    /// are seen only once the plan is made again: `touch Package.swift`. EmbeddedArchiveTests
    /// fail until then.)
    private func files(under folder: URL) -> [URL] {
        guard let walk = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        return [folder] + walk.compactMap { $0 as? URL }.sorted { $0.path < $1.path }
    }
}

/// Where the repository's HEAD and refs are, for a checkout or a linked worktree (whose `.git`
/// is a file naming its own git folder); nil without a repository (a source tarball).
struct GitFiles {
    var head: URL
    /// The folder holding `refs/` and `packed-refs`.
    var common: URL
    /// The files whose change means another commit.
    var watched: [URL]

    init?(package: URL) {
        let dotGit = package.appending(path: ".git")
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isFolder) else { return nil }
        var gitFolder = dotGit
        if !isFolder.boolValue {
            guard let text = try? String(contentsOf: dotGit, encoding: .utf8), text.hasPrefix("gitdir:") else { return nil }
            let path = text.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespacesAndNewlines)
            gitFolder = path.hasPrefix("/") ? URL(fileURLWithPath: path) : package.appending(path: path)
        }
        head = gitFolder.appending(path: "HEAD")
        common = gitFolder
        if let text = try? String(contentsOf: gitFolder.appending(path: "commondir"), encoding: .utf8) {
            let path = text.trimmingCharacters(in: .whitespacesAndNewlines)
            common = path.hasPrefix("/") ? URL(fileURLWithPath: path) : gitFolder.appending(path: path)
        }
        watched = [head]
        if let text = try? String(contentsOf: head, encoding: .utf8), text.hasPrefix("ref:") {
            let ref = text.dropFirst("ref:".count).trimmingCharacters(in: .whitespacesAndNewlines)
            watched.append(common.appending(path: ref))
        }
        watched.append(common.appending(path: "packed-refs"))
        watched = watched.filter { FileManager.default.fileExists(atPath: $0.path) }
    }
}
