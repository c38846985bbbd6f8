#if canImport(Glibc)
import Glibc
private let posixRead = Glibc.read
private let posixWrite = Glibc.write
private let posixRename = Glibc.rename
#elseif canImport(Darwin)
import Darwin
private let posixRead = Darwin.read
private let posixWrite = Darwin.write
private let posixRename = Darwin.rename
#endif

/// Thin POSIX file calls: Foundation's FileManager costs several times more per file, and the
/// writer creates hundreds of thousands of them.
enum FileIO {
    struct Failure: Error, CustomStringConvertible {
        var operation: String
        var path: String
        var code: Int32
        var description: String { "cannot \(operation) \(path): \(String(cString: strerror(code)))" }
    }

    /// The file's bytes, or its first `limit` bytes.
    static func read(_ path: String, upTo limit: Int = .max) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: min(limit, Int(info.st_size)))
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { posixRead(fd, $0.baseAddress! + done, $0.count - done) }
            if n <= 0 { return n == 0 ? Array(bytes[..<done]) : nil }
            done += n
        }
        return bytes
    }

    /// The size of the regular file at `path` (relative to `folder` when one is given), or nil
    /// when there is none.
    static func size(of path: String, in folder: OpenFolder? = nil) -> Int? {
        var info = stat()
        guard fstatat(folder?.descriptor ?? AT_FDCWD, path, &info, 0) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    /// A folder held open, for calls on paths inside it (`openat`, `mkdirat`): the kernel then
    /// walks only the part of each path below the folder. What it bought: the output folder's own
    /// path (/dev/shm/… or /home/…/site/Output) is no longer looked up again for each of the
    /// half a million files and folders of a large build.
    final class OpenFolder: @unchecked Sendable {
        let descriptor: Int32
        /// For messages: the folder's path.
        let path: String

        init?(_ path: String) {
            descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard descriptor >= 0 else { return nil }
            self.path = path
        }

        deinit { close(descriptor) }

        /// A path relative to `folder`, whole, for a message.
        static func shown(_ path: String, in folder: OpenFolder?) -> String {
            folder.map { $0.path + "/" + path } ?? path
        }
    }

    /// `path` relative to `folder` when one is given.
    static func write(_ bytes: [UInt8], to path: String, in folder: OpenFolder? = nil) throws(Failure) {
        let fd = openat(folder?.descriptor ?? AT_FDCWD, path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(operation: "create", path: OpenFolder.shown(path, in: folder), code: errno) }
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { posixWrite(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 {
                let code = errno
                close(fd)
                throw Failure(operation: "write", path: OpenFolder.shown(path, in: folder), code: code)
            }
            done += n
        }
        guard close(fd) == 0 else { throw Failure(operation: "close", path: OpenFolder.shown(path, in: folder), code: errno) }
    }

    /// Writes a file whole or not at all: a temporary beside it, renamed over it.
    static func replace(_ path: String, with bytes: [UInt8]) throws(Failure) {
        let temp = path + ".tmp"
        try write(bytes, to: temp)
        try rename(temp, path)
    }

    /// Makes `path` and any missing parents.
    static func makeDirectories(_ path: String) throws(Failure) {
        switch try makeDirectoryIfMissing(path) {
        case .created, .existed: return
        case .parentMissing:
            guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")), slash != path.utf8.startIndex else {
                throw missingParent(path)
            }
            try makeDirectories(String(path[..<slash]))
            if try makeDirectoryIfMissing(path) == .parentMissing { throw missingParent(path) }
        }
    }

    /// The device a file or folder is on, or nil when there is none.
    static func device(of path: String) -> UInt64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return UInt64(info.st_dev)
    }

    static func rename(_ from: String, _ to: String) throws(Failure) {
        guard posixRename(from, to) == 0 else { throw Failure(operation: "rename", path: to, code: errno) }
    }

    static func remove(_ path: String) -> Bool { unlink(path) == 0 }

    static func removeDirectoryIfEmpty(_ path: String) -> Bool { rmdir(path) == 0 }

    enum Made { case created, existed, parentMissing }

    static func missingParent(_ path: String) -> Failure { Failure(operation: "create folder", path: path, code: ENOENT) }

    /// One `mkdir`, saying what it found: asking first would cost a lookup of the path for
    /// each of a build's many folders.
    static func makeDirectoryIfMissing(_ path: String, in folder: OpenFolder? = nil) throws(Failure) -> Made {
        if mkdirat(folder?.descriptor ?? AT_FDCWD, path, 0o755) == 0 { return .created }
        switch errno {
        case EEXIST: return .existed
        case ENOENT: return .parentMissing
        default: throw Failure(operation: "create folder", path: OpenFolder.shown(path, in: folder), code: errno)
        }
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Names in a folder, without `.` and `..`; nil when it cannot be read.
    static func list(_ path: String) -> [String]? {
        guard let dir = opendir(path) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
