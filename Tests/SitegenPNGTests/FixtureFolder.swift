import Foundation

/// Tests/SitegenPNGTests/Fixtures: PngSuite and libpng's test files (with their licences, see the
/// README there) and expected.txt, what Pillow decodes each of them to (make_expected.py).
/// A missing file is a thrown error, never a skip.
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

    /// What Pillow made of one fixture.
    enum Expectation {
        case pixels(width: Int, height: Int, sha256: String)
        case error(String)
    }

    struct Entry {
        let path: String
        let expectation: Expectation
    }

    static func expected() throws -> [Entry] {
        let text = String(decoding: try bytes("expected.txt"), as: UTF8.self)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let fields = line.split(separator: " ").map(String.init)
            if fields[1] == "error" { return Entry(path: fields[0], expectation: .error(fields[2])) }
            return Entry(path: fields[0], expectation: .pixels(width: Int(fields[1])!, height: Int(fields[2])!, sha256: fields[3]))
        }
    }

    /// Every PNG file under the folder, relative paths: so a fixture left out of expected.txt is noticed.
    static func pngFiles() throws -> [String] {
        let root = url.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: root) else { throw Missing(path: root) }
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".png") }.sorted()
    }
}
