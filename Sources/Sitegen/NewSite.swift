import Foundation
import SitegenEmbedded

/// `sitegen init DIR`: writes the starter site compiled into sitegen (Sources/SitegenEmbedded/
/// Starter), which checks and builds as it is.
public enum NewSite {
    public struct Made: Sendable {
        /// Paths written, relative to the folder.
        public var files: [String]
    }

    public struct Refusal: Error, Sendable {
        public var message: String
    }

    public static func make(in directory: String) -> Result<Made, Refusal> {
        make(in: directory, from: EmbeddedArchive.newSite)
    }

    static func make(in directory: String, from archive: EmbeddedArchive) -> Result<Made, Refusal> {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: directory, isDirectory: &isFolder) {
            guard isFolder.boolValue else { return .failure(Refusal(message: "\(directory) exists and is not a folder")) }
            let entries: [String]
            do { entries = try manager.contentsOfDirectory(atPath: directory) } catch {
                return .failure(Refusal(message: "cannot list \(directory): \(error.localizedDescription)"))
            }
            guard entries.isEmpty else {
                return .failure(Refusal(message: "\(directory) is not empty (\(entries.sorted().prefix(3).joined(separator: ", "))\(entries.count > 3 ? ", …" : "")); init makes a site in a new or empty folder only, and never overwrites"))
            }
        }
        var written: [String] = []
        for path in archive.paths {
            let target = destination(of: path)
            let url = URL(fileURLWithPath: directory).appendingPathComponent(target)
            do {
                let bytes = try archive.contents(of: path)
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url, options: .withoutOverwriting)
            } catch {
                return .failure(Refusal(message: "cannot write \(url.path): \(error.localizedDescription)"))
            }
            written.append(target)
        }
        return .success(Made(files: written.sorted()))
    }

    /// The starter's `gitignore` is written as `.gitignore`: the archive holds no dot files (its
    /// generator leaves them out, as editors' leftovers), so the starter keeps it undotted.
    static func destination(of path: String) -> String {
        path == "gitignore" ? ".gitignore" : path
    }
}
