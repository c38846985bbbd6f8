import Testing
@testable import SitegenFont

/// Our reading of three real fonts against fontTools' reading of the same bytes (expected.json).
@Suite struct FontToolsAgreementTests {
    @Test func theFixturesAreAllThere() throws {
        let expected = try FontFixtures.expected()
        #expect(expected.map(\.file) == FontFixtures.all)
        #expect(expected.allSatisfy { !$0.glyphs.isEmpty && !$0.strings.isEmpty })
        // The variant exists to exercise what the subsets lack.
        let variant = try #require(expected.first { $0.file == FontFixtures.variant })
        #expect(variant.indexToLocFormat == 1)
        #expect(!variant.kernPairs.isEmpty)
        #expect(variant.glyphs.contains { $0.codePoint > 0xFFFF })
        // The CJK subset's glyphs are mostly composites in Droid Sans Fallback itself.
        let cjk = try #require(expected.first { $0.file == FontFixtures.cjk })
        #expect(cjk.glyphs.filter { $0.coordinates != nil }.count > 10)
    }

    @Test(arguments: FontFixtures.all)
    func metricsAndCharacterMap(file: String) throws {
        let expected = try #require(try FontFixtures.expected().first { $0.file == file })
        let font = try FontFixtures.font(file)
        #expect(font.unitsPerEm == expected.unitsPerEm)
        #expect(font.glyphCount == expected.numGlyphs)
        #expect(font.longLoca == (expected.indexToLocFormat == 1))
        #expect([font.ascender, font.descender, font.lineGap] == [expected.ascender, expected.descender, expected.lineGap])
        for glyph in expected.glyphs {
            let scalar = try #require(Unicode.Scalar(glyph.codePoint))
            #expect(font.glyph(for: scalar) == glyph.glyph, "U+\(String(glyph.codePoint, radix: 16))")
            #expect(try font.advance(of: glyph.glyph) == glyph.advance)
        }
        // Code points fontTools does not map are unmapped here too.
        let mapped = Set(expected.glyphs.map(\.codePoint))
        for c: UInt32 in [0, 0x1F, 0x7F, 0xA0, 0xC4, 0xC9, 0x4E00, 0xAC00, 0x1F601, 0x10FFFF] where !mapped.contains(c) {
            #expect(font.glyph(for: Unicode.Scalar(c)!) == nil, "U+\(String(c, radix: 16))")
        }
    }

    @Test(arguments: FontFixtures.all)
    func outlines(file: String) throws {
        let expected = try #require(try FontFixtures.expected().first { $0.file == file })
        let font = try FontFixtures.font(file)
        for glyph in expected.glyphs {
            let outline = try font.outline(of: glyph.glyph)
            let label = "U+\(String(glyph.codePoint, radix: 16)) in \(file)"
            #expect(outline.pointCount == glyph.points, "\(label)")
            #expect(outline.contours.count == glyph.contours, "\(label)")
            #expect(outline.contours.joined().filter(\.onCurve).count == glyph.onCurve, "\(label)")
            if let bounds = glyph.bounds {
                let box = try #require(outline.bounds)
                #expect([box.xMin, box.yMin, box.xMax, box.yMax] == bounds, "\(label)")
            } else {
                #expect(outline.bounds == nil, "\(label)")
            }
            if let coordinates = glyph.coordinates {
                let ours = outline.contours.joined().map { [$0.x, $0.y] }
                #expect(ours.count == coordinates.count, "\(label)")
                for (a, b) in zip(ours, coordinates) {
                    #expect(abs(a[0] - b[0]) < 1e-3 && abs(a[1] - b[1]) < 1e-3, "\(label): \(a) vs \(b)")
                }
            }
        }
    }

    @Test(arguments: FontFixtures.all)
    func kerningAndLineWidths(file: String) throws {
        let expected = try #require(try FontFixtures.expected().first { $0.file == file })
        let font = try FontFixtures.font(file)
        for pair in expected.kernPairs {
            #expect(font.kerning(between: pair[0], and: pair[1]) == pair[2])
        }
        #expect(font.kerning.count == expected.kernPairs.count)
        for line in expected.strings {
            #expect(try font.glyphs(for: line.text) == line.glyphs, "\(line.text)")
            // At size = unitsPerEm one font unit is one output unit, so the width is exact.
            let layout = try font.layout(line.text, size: Double(font.unitsPerEm))
            #expect(layout.width == Double(line.width), "\(line.text)")
            #expect(layout.glyphs.map(\.glyph) == line.glyphs)
            let scaled = try font.layout(line.text, size: 24)
            #expect(abs(scaled.width - Double(line.width) * 24 / Double(font.unitsPerEm)) < 1e-9)
        }
    }

    @Test func kerningMovesTheNextGlyph() throws {
        let font = try FontFixtures.font(FontFixtures.variant)
        let layout = try font.layout("AV", size: 2048)
        let a = try #require(font.glyph(for: "A"))
        #expect(layout.glyphs[1].x == Double(try font.advance(of: a) - 150))
    }
}
