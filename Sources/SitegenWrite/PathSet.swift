#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The paths of a unit, as one line of the manifest. A site's 88,000 awards come in a handful of
/// shapes (listed or revoked, PNG or SVG badge), so each shape is written once with `*` standing
/// for the unit's id, and a unit's line only gives the number of its set:
///
///     ~awards/*.json<TAB>awards/*/index.html<TAB>awards/*/badge.svg     a template
///     =assets/style.css<TAB>robots.txt                                  literal paths
///
/// Literal sets are for site-wide units (no id) and for any path that holds a `*` itself, so that
/// expanding a set always gives back exactly the paths it was made from.
enum PathSet {
    static let template = UInt8(ascii: "~")
    static let literal = UInt8(ascii: "=")

    /// The set line (marker and tab-separated paths, no line break) for a unit's paths.
    static func line(for paths: [String], id: String) -> [UInt8] {
        var id = id
        return id.withUTF8 { id in
            if !id.isEmpty, let line = line(paths, replacing: id) { return line }
            return line(paths, replacing: nil)!
        }
    }

    /// Every occurrence of `id` in a path, left to right, becomes `*`, so putting the id back at
    /// each `*` restores the path; nil when a path holds a `*` of its own.
    private static func line(_ paths: [String], replacing id: UnsafeBufferPointer<UInt8>?) -> [UInt8]? {
        var line: [UInt8] = []
        line.reserveCapacity(1 + paths.count * 40)
        line.append(id == nil ? literal : template)
        for (index, path) in paths.enumerated() {
            if index > 0 { line.append(0x09) }
            var path = path
            let done = path.withUTF8 { path -> Bool in
                guard let id, let base = path.baseAddress else {
                    line.append(contentsOf: path)
                    return true
                }
                if memchr(base, Int32(UInt8(ascii: "*")), path.count) != nil { return false }
                // Copied in runs between occurrences of the id, not byte by byte.
                var run = 0
                var index = 0
                while index + id.count <= path.count {
                    if path[index] == id[0], memcmp(base + index, id.baseAddress!, id.count) == 0 {
                        line.append(contentsOf: UnsafeBufferPointer(rebasing: path[run..<index]))
                        line.append(UInt8(ascii: "*"))
                        index += id.count
                        run = index
                    } else {
                        index += 1
                    }
                }
                line.append(contentsOf: UnsafeBufferPointer(rebasing: path[run...]))
                return true
            }
            if !done { return nil }
        }
        return line
    }

    /// The paths a set line (marker included) stands for in the unit with id `id`.
    static func paths(_ line: UnsafeBufferPointer<UInt8>, id: UnsafeBufferPointer<UInt8>) -> [String] {
        guard let marker = line.first, line.count > 1 else { return [] }
        let expand = marker == template
        var paths: [String] = []
        var current: [UInt8] = []
        for byte in line.dropFirst() {
            if byte == 0x09 {
                paths.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            } else if expand && byte == UInt8(ascii: "*") {
                current += id
            } else {
                current.append(byte)
            }
        }
        paths.append(String(decoding: current, as: UTF8.self))
        return paths
    }

    /// How many paths a set line holds.
    static func count(_ line: UnsafeBufferPointer<UInt8>) -> Int {
        line.count > 1 ? 1 + line.reduce(0) { $0 + ($1 == 0x09 ? 1 : 0) } : 0
    }
}
