import Foundation

/// The file access the load stage needs, injected so stages can be tested on in-memory sites.
public protocol ContentFileSystem: Sendable {
    /// Regular files and folders directly inside `directory`, by name; nil when it is no folder.
    func entries(in directory: String) -> [DirectoryEntry]?
    func contents(of path: String) throws -> [UInt8]
    func isDirectory(_ path: String) -> Bool
    /// Whether the files are the disk's, so a build may write back what belongs with the
    /// content (the status index record); false for sites held in memory.
    var isDisk: Bool { get }
}

extension ContentFileSystem {
    public var isDisk: Bool { false }
}

public struct DirectoryEntry: Sendable, Hashable {
    public var name: String
    public var isDirectory: Bool

    public init(name: String, isDirectory: Bool) {
        self.name = name
        self.isDirectory = isDirectory
    }
}

public struct DiskFileSystem: ContentFileSystem {
    public init() {}

    public var isDisk: Bool { true }

    public func entries(in directory: String) -> [DirectoryEntry]? {
        guard isDirectory(directory),
              let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return nil }
        return names.map { DirectoryEntry(name: $0, isDirectory: isDirectory(directory + "/" + $0)) }
    }

    public func contents(of path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CocoaError(.fileReadNoSuchFile)
        }
        return [UInt8](data)
    }

    public func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }
}

/// A whole site held in memory: file path → bytes. Folders exist implicitly.
public struct InMemoryFileSystem: ContentFileSystem {
    public var files: [String: [UInt8]]

    public init(_ files: [String: String]) {
        self.files = files.mapValues { Array($0.utf8) }
    }

    public init(bytes: [String: [UInt8]]) {
        self.files = bytes
    }

    public func entries(in directory: String) -> [DirectoryEntry]? {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        var seen: [String: Bool] = [:]
        for path in files.keys where path.hasPrefix(prefix) {
            let rest = path.dropFirst(prefix.count)
            if let slash = rest.firstIndex(of: "/") {
                seen[String(rest[..<slash])] = true
            } else {
                seen[String(rest), default: false] = seen[String(rest)] ?? false
            }
        }
        if seen.isEmpty { return nil }
        return seen.map { DirectoryEntry(name: $0.key, isDirectory: $0.value) }
    }

    public func contents(of path: String) throws -> [UInt8] {
        guard let bytes = files[path] else { throw CocoaError(.fileReadNoSuchFile) }
        return bytes
    }

    public func isDirectory(_ path: String) -> Bool {
        let prefix = path.hasSuffix("/") ? path : path + "/"
        return files.keys.contains { $0.hasPrefix(prefix) }
    }
}
