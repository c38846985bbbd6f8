/// What sitegen wrote into an output folder: each file's path and the key of the inputs it was
/// made from. It decides ownership (only files listed here are ever removed) and lets a rebuild
/// skip files whose inputs did not change.
///
/// Stored as `.sitegen-manifest` in the output folder, one `key<TAB>path` line per file, sorted.
/// A build first writes `.sitegen-manifest.pending` listing every path it may create or replace
/// beyond the manifest, so a build killed half-way still leaves every file it made owned by
/// sitegen, and the next build re-checks them all.
public struct Manifest: Sendable, Equatable {
    public static let fileName = ".sitegen-manifest"
    public static let pendingFileName = ".sitegen-manifest.pending"
    public static let header = "# sitegen manifest v1: files this tool wrote here; do not edit\n"

    /// path → input key ("" when the file was written without one).
    public var entries: [String: String]

    public init(entries: [String: String] = [:]) {
        self.entries = entries
    }

    public func serialized() -> [UInt8] {
        var out = Array(Self.header.utf8)
        out.reserveCapacity(entries.count * 80)
        for path in entries.keys.sorted() {
            out += entries[path, default: ""].utf8
            out.append(0x09)
            out += path.utf8
            out.append(0x0A)
        }
        return out
    }

    /// nil when the bytes are not a manifest (a foreign file with that name).
    public init?(parsing bytes: [UInt8]) {
        guard bytes.starts(with: Array(Self.header.utf8)) else { return nil }
        var entries: [String: String] = [:]
        entries.reserveCapacity(bytes.count / 64)
        var lineStart = Self.header.utf8.count
        var tab = -1
        for index in lineStart..<bytes.count {
            switch bytes[index] {
            case 0x09 where tab < 0: tab = index
            case 0x0A:
                guard tab >= lineStart else { return nil }
                let key = String(decoding: bytes[lineStart..<tab], as: UTF8.self)
                let path = String(decoding: bytes[(tab + 1)..<index], as: UTF8.self)
                guard OutputPath.isSafe(path) else { return nil }
                entries[path] = key
                lineStart = index + 1
                tab = -1
            default: break
            }
        }
        self.entries = entries
    }
}

/// Output paths come from ids that validation made safe; this is the last line of defence
/// before anything touches the disk.
public enum OutputPath {
    public static func isSafe(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes -> Bool in
            guard let first = bytes.first, first != UInt8(ascii: "/"), bytes.last != UInt8(ascii: "/") else { return false }
            var segmentStart = 0
            for index in 0...bytes.count {
                let atEnd = index == bytes.count
                if !atEnd && bytes[index] == 0 { return false }
                guard atEnd || bytes[index] == UInt8(ascii: "/") else { continue }
                let segment = UnsafeBufferPointer(rebasing: bytes[segmentStart..<index])
                if segment.isEmpty || (segment.count <= 2 && segment.allSatisfy { $0 == UInt8(ascii: ".") })
                    || segment.starts(with: ".sitegen".utf8) {
                    return false
                }
                segmentStart = index + 1
            }
            return true
        }
    }
}
