import Foundation

/// Tests/SitegenCompressTests/Fixtures: streams written by Python's zlib and gzip (see
/// make_fixtures.py there) and the data they hold. A missing file is a thrown error, never a skip.
enum FixtureFolder {
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    struct Missing: Error, CustomStringConvertible {
        let path: String
        var description: String { "fixture missing: \(path)" }
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        let path = url.appendingPathComponent(name).path
        guard let data = FileManager.default.contents(atPath: path) else { throw Missing(path: path) }
        return [UInt8](data)
    }

    struct Entry {
        let stream: String
        let format: String
        let expected: String
    }

    static func manifest() throws -> [Entry] {
        let text = String(decoding: try bytes("manifest.txt"), as: UTF8.self)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let fields = line.split(separator: " ").map(String.init)
            return Entry(stream: fields[0], format: fields[1], expected: fields[2])
        }
    }

    /// The data an `expected` field of the manifest stands for (not for `error:` entries).
    static func expectedData(_ expected: String) throws -> [UInt8] {
        if expected.hasPrefix("zeros:") {
            return [UInt8](repeating: 0, count: Int(expected.dropFirst("zeros:".count))!)
        }
        return try expected.split(separator: "+").flatMap { try bytes(String($0)) }
    }
}
