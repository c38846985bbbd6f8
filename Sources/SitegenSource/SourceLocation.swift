import Foundation

/// Where a node or a problem sits: a file path as shown to the user, and a 1-based line and
/// column. Columns count Unicode scalars from the start of the line (a tab counts as one).
///
/// Millions of nodes carry one, so it is 12 plain bytes: the path lives once in `SourceFiles`
/// and copying a location retains nothing.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let fileID: UInt32
    private let storedLine: UInt32
    private let storedColumn: UInt32

    public init(fileID: UInt32, line: Int, column: Int) {
        self.fileID = fileID
        storedLine = UInt32(clamping: line)
        storedColumn = UInt32(clamping: column)
    }

    public init(file: String, line: Int, column: Int) {
        self.init(fileID: SourceFiles.id(for: file), line: line, column: column)
    }

    public var file: String { SourceFiles.path(of: fileID) }
    public var line: Int { Int(storedLine) }
    public var column: Int { Int(storedColumn) }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        if a.fileID != b.fileID { return a.file < b.file }
        if a.storedLine != b.storedLine { return a.storedLine < b.storedLine }
        return a.storedColumn < b.storedColumn
    }
}

/// The paths locations point into, each stored once for the life of the process.
public enum SourceFiles {
    private final class Registry: @unchecked Sendable {
        let lock = NSLock()
        var paths: [String] = []
        var ids: [String: UInt32] = [:]
    }

    private static let registry = Registry()

    public static func id(for path: String) -> UInt32 {
        registry.lock.lock()
        defer { registry.lock.unlock() }
        if let id = registry.ids[path] { return id }
        let id = UInt32(registry.paths.count)
        registry.paths.append(path)
        registry.ids[path] = id
        return id
    }

    public static func path(of id: UInt32) -> String {
        registry.lock.lock()
        defer { registry.lock.unlock() }
        return Int(id) < registry.paths.count ? registry.paths[Int(id)] : "?"
    }
}

/// A position only locates diagnostics; no output shows it. Encoding it as nothing keeps output
/// keys (which encode the model) from changing when a comment moves a line.
extension SourceLocation: Encodable {
    public func encode(to encoder: any Encoder) throws {}
}
