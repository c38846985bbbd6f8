import SitegenSource

/// The content and theme files as the input fingerprint read them, served to the rest of the
/// build: it parses exactly the bytes that were fingerprinted (a file edited while the build runs
/// can't be recorded under the fingerprint of its old bytes), and reads each file once.
struct SnapshotFileSystem: ContentFileSystem {
    let base: any ContentFileSystem
    /// Path, as the build's stages spell it (`ContentPath.join`), → bytes; nil: unreadable.
    let files: [String: [UInt8]?]
    let folders: [String: [DirectoryEntry]]

    func entries(in directory: String) -> [DirectoryEntry]? {
        folders[directory] ?? base.entries(in: directory)
    }

    var isDisk: Bool { base.isDisk }

    func contents(of path: String) throws -> [UInt8] {
        if let snapshot = files[path], let bytes = snapshot { return bytes }
        return try base.contents(of: path)
    }

    func isDirectory(_ path: String) -> Bool {
        folders[path] != nil || (files[path] == nil && base.isDirectory(path))
    }
}
