import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Waits for changes under the content folder and the themes: inotify on Linux (one watch per
/// folder, new folders added as they appear), polling the files' sizes and times elsewhere.
/// A burst of events (an editor's save, a `git checkout`) is one change: it ends once the folders
/// stay quiet for `quiet` seconds, or after `longest` seconds of steady events.
final class SourceWatcher: @unchecked Sendable {
    let roots: [String]
    /// File names never worth a rebuild: hidden files (editors' swap files, sitegen's secret and
    /// key), backups, and files sitegen itself writes into the content folder.
    let ignores: @Sendable (String) -> Bool
    var quiet = 0.08
    var longest = 1.0

    private let stopPipe: (read: Int32, write: Int32)
    #if canImport(Glibc)
    private var inotify: Int32 = -1
    private var folders: [Int32: String] = [:]
    #endif
    private var lastScan: [String: String] = [:]

    init(roots: [String], ignores: @escaping @Sendable (String) -> Bool) {
        self.roots = roots
        self.ignores = ignores
        var ends: [Int32] = [0, 0]
        _ = pipe(&ends)
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC); _ = fcntl(end, F_SETFL, O_NONBLOCK) }
        stopPipe = (ends[0], ends[1])
        #if canImport(Glibc)
        inotify = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        if inotify >= 0 { for root in roots { watchTree(root) } }
        #endif
        if !usesNotifications { lastScan = scan() }
    }

    deinit {
        close(stopPipe.read)
        close(stopPipe.write)
        #if canImport(Glibc)
        if inotify >= 0 { close(inotify) }
        #endif
    }

    var usesNotifications: Bool {
        #if canImport(Glibc)
        return inotify >= 0
        #else
        return false
        #endif
    }

    /// Makes `waitForChange` return false, now or when it is next called.
    func stop() {
        var byte: UInt8 = 1
        _ = write(stopPipe.write, &byte, 1)
    }

    /// Blocks until something changed (true) or `stop` was called (false).
    func waitForChange() -> Bool {
        var changed = false
        var firstChange = 0.0
        while true {
            let timeout = changed ? quiet : (usesNotifications ? 3600 : 0.5)
            switch waitForEvents(timeout: timeout) {
            case .stopped: return false
            case .events(let relevant):
                if relevant && !changed {
                    changed = true
                    firstChange = HTTPServer.now()
                }
                if changed && HTTPServer.now() - firstChange >= longest { return true }
            case .quiet:
                if changed { return true }
            }
        }
    }

    enum Wait { case stopped, events(relevant: Bool), quiet }

    private func waitForEvents(timeout: Double) -> Wait {
        var fds = [pollfd(fd: stopPipe.read, events: Int16(POLLIN), revents: 0)]
        #if canImport(Glibc)
        if inotify >= 0 { fds.append(pollfd(fd: inotify, events: Int16(POLLIN), revents: 0)) }
        #endif
        let count = poll(&fds, nfds_t(fds.count), Int32(timeout * 1000))
        if fds[0].revents != 0 { return .stopped }
        #if canImport(Glibc)
        if inotify >= 0 { return count > 0 ? .events(relevant: readEvents()) : .quiet }
        #endif
        _ = count
        let now = scan()
        defer { lastScan = now }
        return now == lastScan ? .quiet : .events(relevant: true)
    }

    #if canImport(Glibc)
    private func watchTree(_ folder: String) {
        let mask = UInt32(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_MODIFY | IN_ATTRIB
                          | IN_DELETE_SELF | IN_MOVE_SELF)
        let wd = inotify_add_watch(inotify, folder, mask)
        guard wd >= 0 else { return }
        folders[wd] = folder
        for name in Self.subfolders(of: folder) where !name.hasPrefix(".") { watchTree(folder + "/" + name) }
    }

    /// Drains the queued events; true when any is about a file that matters.
    private func readEvents() -> Bool {
        var relevant = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(inotify, $0.baseAddress!, $0.count) }
            guard n > 0 else { return relevant }
            var offset = 0
            // struct inotify_event: wd, mask, cookie, len (4 bytes each), then `len` bytes of name.
            while offset + 16 <= n {
                func field(_ at: Int) -> UInt32 {
                    buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset + at, as: UInt32.self) }
                }
                let wd = Int32(bitPattern: field(0)), mask = field(4), length = Int(field(12))
                let nameBytes = buffer[(offset + 16)..<min(n, offset + 16 + length)].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                offset += 16 + length
                if mask & UInt32(IN_Q_OVERFLOW) != 0 { relevant = true; continue }
                if mask & UInt32(IN_IGNORED) != 0 { folders[wd] = nil; continue }
                guard let folder = folders[wd] else { continue }
                if name.isEmpty { relevant = true; continue }  // the watched folder itself moved or went
                if name.hasPrefix(".") || ignores(folder + "/" + name) { continue }
                if mask & UInt32(IN_ISDIR) != 0 && mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { watchTree(folder + "/" + name) }
                relevant = true
            }
        }
    }
    #endif

    /// Editors' and tools' scratch files (`name~`, `name.swp`, `name.tmp`): written before the
    /// real file is, and never content. A 60 MB holders file saved through `holders.json.tmp`
    /// otherwise started a build on the half-written scratch file, and another after the rename.
    static func isScratchFile(_ path: String) -> Bool {
        path.hasSuffix("~") || path.hasSuffix(".swp") || path.hasSuffix(".swx") || path.hasSuffix(".tmp")
    }

    static func subfolders(of folder: String) -> [String] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        return entries.filter { name in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder) && isFolder.boolValue
        }
    }

    /// Every file's size and modification time, for polling.
    private func scan() -> [String: String] {
        var seen: [String: String] = [:]
        for root in roots {
            guard let walker = FileManager.default.enumerator(atPath: root) else { continue }
            for case let relative as String in walker {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") { walker.skipDescendants(); continue }
                let path = root + "/" + relative
                guard !ignores(path), let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { continue }
                seen[path] = "\(attributes[.size] ?? 0) \(attributes[.modificationDate] ?? 0)"
            }
        }
        return seen
    }
}
