import Foundation

/// The vendored fixtures, read from the repository: a missing file fails the test that needs it.
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    struct Missing: Error, CustomStringConvertible {
        let path: String
        var description: String { "missing fixture \(path)" }
    }

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        let url = folder.appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw Missing(path: url.path) }
        return [UInt8](data)
    }

    static func names(in subfolder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(subfolder).path).sorted()
    }
}
