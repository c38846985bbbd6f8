import Testing
@testable import SitegenFont
@testable import SitegenRaster

/// Truncated and corrupted copies of real fonts: each is a thrown FontError or a font that
/// reads, never a crash, trap or hang.
@Suite struct MalformedFontTests {
    /// Reads everything a caller could ask of the font.
    func exercise(_ bytes: [UInt8]) {
        guard let font = try? TrueTypeFont(bytes: bytes) else { return }
        for glyph in 0..<min(font.glyphCount, 200) {
            _ = try? font.outline(of: glyph)
            _ = try? font.advance(of: glyph)
        }
        _ = try? font.layout("AVATAR Wo Å😀", size: 16)
        _ = try? font.breakLines("커뮤니티 정원 봉사자 地域の庭園", size: 16, maxWidth: 40)
        _ = try? font.breakLines("Open Badges for everyone", size: 16, maxWidth: 50)
        _ = FontList([.init(font: font, family: "x")]).glyphRun(for: "Hi", request: .init(families: [], weight: 400, italic: false))
    }

    @Test(arguments: [FontFixtures.regular, FontFixtures.variant, FontFixtures.cjk])
    func truncations(file: String) throws {
        let bytes = try FontFixtures.bytes(file)
        // Every length through the directory and header tables, then a stride through the rest.
        for length in Array(0..<min(bytes.count, 1024)) + Array(stride(from: 1024, to: bytes.count, by: 37)) {
            exercise(Array(bytes[..<length]))
        }
    }

    @Test func truncationIsAnErrorAtAnOffset() throws {
        let bytes = try FontFixtures.bytes(FontFixtures.regular)
        #expect(throws: FontError.self) { try TrueTypeFont(bytes: []) }
        #expect(throws: FontError.self) { try TrueTypeFont(bytes: Array(bytes[..<(bytes.count / 2)])) }
        do {
            _ = try TrueTypeFont(bytes: Array(bytes[..<100]))
            Issue.record("a 100-byte prefix read as a font")
        } catch let error as FontError {
            #expect(error.offset >= 0 && "\(error)".hasPrefix("font offset \(error.offset): "))
        }
    }

    @Test(arguments: [FontFixtures.regular, FontFixtures.variant, FontFixtures.cjk])
    func seededCorruptions(file: String) throws {
        let original = try FontFixtures.bytes(file)
        // A fixed xorshift generator, so a failure reproduces.
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(Int32.max))
        }
        for round in 0..<1500 {
            var bytes = original
            for _ in 0..<(1 + round % 4) {
                let at = next() % bytes.count
                bytes[at] = [0x00, 0xFF, 0x7F, 0x80, UInt8(next() & 0xFF)][round % 5]
            }
            exercise(bytes)
        }
        // Every byte of the table directory and of the head, hhea, maxp and cmap tables set to 0xFF.
        for at in 0..<min(original.count, 600) {
            var bytes = original
            bytes[at] = 0xFF
            exercise(bytes)
        }
    }

    @Test func aCompositeThatContainsItselfIsAnError() throws {
        var bytes = try FontFixtures.bytes(FontFixtures.variant)
        let font = try TrueTypeFont(bytes: bytes)
        let nested = try #require(font.glyph(for: "😀"))
        // Point the nested composite's first component at the glyph itself.
        let glyf = font.tables["glyf"]!.offset
        let loca = font.tables["loca"]!.offset
        let start = glyf + (try font.data.u32(loca + nested * 4))
        #expect(try font.data.i16(start) == -1)
        bytes[start + 12] = UInt8(nested >> 8)
        bytes[start + 13] = UInt8(nested & 0xFF)
        let looped = try TrueTypeFont(bytes: bytes)
        #expect(throws: FontError.self) { try looped.outline(of: nested) }
    }
}
