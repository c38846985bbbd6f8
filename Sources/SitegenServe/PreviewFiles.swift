#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the file a request path names under the preview root, the way static hosts do: a folder
/// answers with its `index.html`, a folder named without its slash is redirected to the slash
/// URL, and anything whose real path (symbolic links resolved) leaves the root is not found.
public struct PreviewFiles: Sendable {
    /// The root with symbolic links resolved, without a trailing slash.
    public let root: String

    public init?(root: String) {
        guard let resolved = realpath(root, nil) else { return nil }
        defer { free(resolved) }
        self.root = String(cString: resolved)
    }

    public enum Lookup: Equatable {
        case file(FoundFile)
        /// A folder asked for without its slash: where to send the client.
        case redirect(location: String)
        case notFound
    }

    public struct FoundFile: Sendable, Equatable {
        /// The real path, inside the root.
        public var path: String
        public var size: Int
        /// Changes whenever the file does: device, inode, size and modification time. The writer
        /// replaces files by rename, so a rewritten file has a new inode even within one tick.
        public var tag: String
    }

    public func lookup(_ request: RequestPath) -> Lookup {
        let candidate = request.segments.isEmpty ? root : root + "/" + request.relative
        guard let (real, info) = inside(candidate) else { return .notFound }
        if isDirectory(info) {
            guard request.endsWithSlash || request.segments.isEmpty else {
                return .redirect(location: request.urlPath(trailingSlash: true))
            }
            guard let (index, indexInfo) = inside(real + "/index.html"), isRegular(indexInfo) else { return .notFound }
            return .file(found(index, indexInfo))
        }
        // `/page.html/` names a folder that is not one.
        guard isRegular(info), !request.endsWithSlash else { return .notFound }
        return .file(found(real, info))
    }

    /// The site's own `404.html`, when it has one.
    public func notFoundPage() -> FoundFile? {
        guard let (real, info) = inside(root + "/404.html"), isRegular(info) else { return nil }
        return found(real, info)
    }

    /// The real path of `path` and its status, when it exists and lies inside the root.
    func inside(_ path: String) -> (String, stat)? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        let real = String(cString: resolved)
        guard real == root || real.hasPrefix(root == "/" ? "/" : root + "/") else { return nil }
        var info = stat()
        guard stat(real, &info) == 0 else { return nil }
        return (real, info)
    }

    func found(_ path: String, _ info: stat) -> FoundFile {
        FoundFile(path: path, size: Int(info.st_size), tag: Self.tag(info))
    }

    static func tag(_ info: stat) -> String {
        #if canImport(Darwin)
        let modified = info.st_mtimespec
        #else
        let modified = info.st_mtim
        #endif
        return [UInt64(info.st_dev), UInt64(info.st_ino), UInt64(info.st_size), UInt64(modified.tv_sec),
                UInt64(modified.tv_nsec)].map { String($0, radix: 36) }.joined(separator: "-")
    }

    func isDirectory(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFDIR }
    func isRegular(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFREG }

    /// The file's bytes and the tag of what was read, or nil when it vanished or cannot be read
    /// (a rebuild replaced it in between: the page's next load sees the new file).
    public static func contents(of file: FoundFile, limit: Int = 256 << 20) -> (bytes: [UInt8], tag: String)? {
        let fd = open(file.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= limit else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return nil }
            done += n
        }
        return (bytes, tag(info))
    }
}
