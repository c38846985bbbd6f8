#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where sitegen keeps its bookkeeping for one output folder: beside it, never in it, so the web
/// root holds exactly the published files whatever the host serves (a manifest in the root once
/// leaked a private holder's id through the last build's warnings).
///
/// For the output folder `<parent>/<name>` it is `<parent>/.sitegen/<name>/`:
///
///     manifest          what sitegen wrote into the output folder (`Manifest`)
///     manifest.pending  the units a build is writing, until it finishes
///     staging/          changed files, until the build commits them
///
/// Beside the output rather than in the content folder, so that staged files are on the output's
/// file system, where moving them into place is a rename.
public struct StateFolder: Sendable, Equatable {
    /// The output folder, without a trailing slash.
    public let output: String
    public let path: String

    public static let folderName = ".sitegen"

    public init(output: String) {
        let trimmed = output.count > 1 && output.hasSuffix("/") ? String(output.dropLast()) : output
        self.output = trimmed
        let absolute = Self.absolute(trimmed)
        let slash = absolute.lastIndex(of: "/")!
        let parent = slash == absolute.startIndex ? "" : String(absolute[..<slash])
        let name = absolute[absolute.index(after: slash)...]
        path = parent + "/" + Self.folderName + "/" + (name.isEmpty ? "root" : name)
    }

    public var manifest: String { path + "/manifest" }
    public var pending: String { path + "/manifest.pending" }
    public var staging: String { path + "/staging" }
    /// The size and digest of the status index record the last build wrote (`StatusIndexRecord`).
    public var statusIndices: String { path + "/status-indices" }

    /// The folder's absolute path with symbolic links and `.`/`..` resolved, so `Output`,
    /// `./Output/` and a link to it share one state. A folder that does not exist yet is
    /// resolved through its parent.
    static func absolute(_ path: String) -> String {
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        let slash = path.lastIndex(of: "/")
        let parent = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let resolvedParent = parent == "/" ? "" : absolute(parent)
        return resolvedParent + "/" + name
    }
}

/// The identity of an output folder as its manifest last saw it: device, inode and the time of
/// its last change. A different device or inode is another folder (the manifest describes
/// nothing in it); a different time means someone else changed its top level since (files
/// deleted by hand, the folder emptied), so the manifest's files are still sitegen's but its
/// keys are not trusted.
struct OutputIdentity: Equatable {
    var device: UInt64
    var inode: UInt64
    var seconds: Int64
    var nanoseconds: Int64

    static let tag = "@output "

    static func of(_ directory: String) -> OutputIdentity? {
        var info = stat()
        guard stat(directory, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let modified = info.st_mtimespec
        #else
        let modified = info.st_mtim
        #endif
        return OutputIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino),
                              seconds: Int64(modified.tv_sec), nanoseconds: Int64(modified.tv_nsec))
    }

    func sameFolder(as other: OutputIdentity) -> Bool { device == other.device && inode == other.inode }

    var line: String { Self.tag + "\(device) \(inode) \(seconds) \(nanoseconds)\n" }

    /// Reads an `@output` line; nil when it is not one.
    init?(line: ArraySlice<UInt8>) {
        guard line.starts(with: Self.tag.utf8) else { return nil }
        let fields = line.dropFirst(Self.tag.utf8.count).split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) }
        guard fields.count == 4, let device = UInt64(fields[0]), let inode = UInt64(fields[1]),
              let seconds = Int64(fields[2]), let nanoseconds = Int64(fields[3]) else { return nil }
        self.init(device: device, inode: inode, seconds: seconds, nanoseconds: nanoseconds)
    }

    init(device: UInt64, inode: UInt64, seconds: Int64, nanoseconds: Int64) {
        self.device = device
        self.inode = inode
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }
}
