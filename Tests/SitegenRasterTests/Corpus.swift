import Foundation

/// The SVG files the comparison tests read: this target's feature corpus and the sample site's
/// badge artwork. A missing folder or file is a thrown error, never a skip.
enum Corpus {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/svg")
    static let sampleImages = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Content/images").standardized

    struct Missing: Error, CustomStringConvertible { let description: String }

    static func svgFiles(in folder: URL) throws -> [URL] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            throw Missing(description: "folder missing: \(folder.path)")
        }
        return names.filter { $0.hasSuffix(".svg") }.sorted().map { folder.appendingPathComponent($0) }
    }

    static func bytes(_ url: URL) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw Missing(description: "file missing: \(url.path)") }
        return [UInt8](data)
    }
}
