import Foundation
import SitegenFont

/// The fonts the tests read, from the repository: a missing file is a thrown error, so the test fails.
enum FontFixtures {
    struct Missing: Error, CustomStringConvertible { let description: String }

    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = here.appendingPathComponent("Fixtures")
    /// The DejaVu Sans subsets vendored (with their licence) for SitegenRasterTests.
    static let vendored = here.deletingLastPathComponent().appendingPathComponent("SitegenRasterTests/Fixtures/fonts")

    static func url(_ name: String) -> URL {
        name == variant || name == cjk ? fixtures.appendingPathComponent(name) : vendored.appendingPathComponent(name)
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: url(name).path) else {
            throw Missing(description: "fixture font \(url(name).path) is missing")
        }
        return [UInt8](data)
    }

    static func font(_ name: String) throws -> TrueTypeFont { try TrueTypeFont(bytes: bytes(name)) }

    static let regular = "DejaVuSans-ASCII.ttf"
    static let bold = "DejaVuSans-Bold-ASCII.ttf"
    static let variant = "DejaVuSans-ASCII-variant.ttf"
    /// Droid Sans Fallback cut to a Japanese, a Traditional Chinese and a Korean phrase.
    static let cjk = "DroidSansFallback-subset.ttf"
    static let all = [regular, bold, variant, cjk]

    /// What fontTools read from the same fonts (Fixtures/make-fixtures.py).
    struct Expected: Decodable {
        struct Glyph: Decodable {
            let codePoint: UInt32
            let glyph: Int
            let advance: Int
            let points: Int
            let contours: Int
            let onCurve: Int
            let bounds: [Double]?
            let coordinates: [[Double]]?
        }
        struct Line: Decodable {
            let text: String
            let glyphs: [Int]
            let width: Int
        }
        let file: String
        let unitsPerEm: Int
        let indexToLocFormat: Int
        let numGlyphs: Int
        let ascender: Int
        let descender: Int
        let lineGap: Int
        let kernPairs: [[Int]]
        let glyphs: [Glyph]
        let strings: [Line]
    }

    static func expected() throws -> [Expected] {
        let path = fixtures.appendingPathComponent("expected.json").path
        guard let data = FileManager.default.contents(atPath: path) else { throw Missing(description: "\(path) is missing") }
        return try JSONDecoder().decode([Expected].self, from: data)
    }
}
