#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Open handles on the last few folders the writer made or wrote in, so that their files and
/// subfolders are made relative to them (`openat`, `mkdirat`): the kernel looks up one path
/// component instead of every folder from the root, for each of a large build's half a million
/// files. An award's assertion sits in `awards/` and its other files in `awards/<id>/`: both
/// stay in the few kept here from one award to the next.
///
/// What it bought: creating 150,000 files five to a folder on tmpfs took 1.36-1.37 s through
/// handles against 1.46-1.90 s through whole paths (a C test of the same calls, 3 runs each).
struct FolderHandles {
    /// Most recently used last.
    private var entries: [(folder: String, handle: Int32)] = []
    /// Enough for an award's folders and their parents in six languages.
    private static let capacity = 16

    /// Where to make `path` (a full path) in `folder`, its parent: a handle and the name in it,
    /// or nil for the whole path. `opening`: a handle on `folder` is opened if none is kept
    /// (worth it for a folder that gets more than one file or folder); else one kept on the
    /// folder above it will do, with a two-part name.
    mutating func location(of path: String, in folder: String, opening: Bool) -> (folder: Int32, name: String)? {
        let name = String(path[path.utf8.index(path.utf8.startIndex, offsetBy: folder.utf8.count + 1)...])
        if let handle = kept(folder) { return (handle, name) }
        let (parent, leaf) = Self.split(folder)
        if opening {
            let handle: Int32
            if let parent, let parentHandle = kept(parent, touching: false) {
                handle = openat(parentHandle, leaf, Self.folderFlags)
            } else {
                handle = open(folder, Self.folderFlags)
            }
            guard handle >= 0 else { return nil }
            if entries.count == Self.capacity { close(entries.removeFirst().handle) }
            entries.append((folder, handle))
            return (handle, name)
        }
        if let parent, let parentHandle = kept(parent, touching: false) { return (parentHandle, leaf + "/" + name) }
        return nil
    }

    mutating func closeAll() {
        for entry in entries { close(entry.handle) }
        entries.removeAll()
    }

    private mutating func kept(_ folder: String, touching: Bool = true) -> Int32? {
        guard let index = entries.lastIndex(where: { $0.folder == folder }) else { return nil }
        let entry = entries[index]
        if touching && index != entries.count - 1 {
            entries.remove(at: index)
            entries.append(entry)
        }
        return entry.handle
    }

    static func split(_ path: String) -> (parent: String?, name: String) {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return (nil, path) }
        return (String(path[..<slash]), String(path[path.utf8.index(after: slash)...]))
    }

    #if canImport(Glibc)
    /// O_PATH (Linux's "a handle for lookups only", which Glibc's Swift module does not export).
    private static let folderFlags = 0o10_000_000 | O_DIRECTORY | O_CLOEXEC
    #else
    private static let folderFlags = O_RDONLY | O_DIRECTORY | O_CLOEXEC
    #endif
}
