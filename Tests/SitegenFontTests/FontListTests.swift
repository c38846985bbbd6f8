import Testing
@testable import SitegenFont
@testable import SitegenRaster

@Suite struct FontListTests {
    func fonts() throws -> FontList {
        FontList([
            .init(font: try FontFixtures.font(FontFixtures.regular), family: "DejaVu Sans", weight: 400),
            .init(font: try FontFixtures.font(FontFixtures.bold), family: "DejaVu Sans", weight: 700),
            .init(font: try FontFixtures.font(FontFixtures.variant), family: "Variant", weight: 400),
            .init(font: try FontFixtures.font(FontFixtures.cjk), family: "Droid Sans Fallback", weight: 400),
        ])
    }

    @Test func theRequestedFamilyAndNearestWeightComeFirst() throws {
        let list = try fonts()
        let bold = list.candidates(for: SVGFontRequest(families: ["DejaVu Sans"], weight: 700, italic: false))
        #expect(bold.map(\.weight) == [700, 400, 400, 400])
        #expect(bold.map(\.family) == ["DejaVu Sans", "DejaVu Sans", "Variant", "Droid Sans Fallback"])
        let variantFirst = list.candidates(for: SVGFontRequest(families: ["variant", "sans-serif"], weight: 400, italic: false))
        // Among faces of families not asked for, the nearest weight wins, then the list's order.
        #expect(variantFirst.map(\.family) == ["Variant", "DejaVu Sans", "Droid Sans Fallback", "DejaVu Sans"])
        #expect(variantFirst.map(\.weight) == [400, 400, 400, 700])
    }

    @Test func aRunFallsBackToTheFirstFaceWithEveryGlyph() throws {
        let list = try fonts()
        let request = SVGFontRequest(families: ["DejaVu Sans"], weight: 400, italic: false)
        let variant = try FontFixtures.font(FontFixtures.variant)
        // "Å" is only in the variant, so the whole run is set in it, kerning included.
        let run = try #require(list.glyphRun(for: "AVÅ", request: request))
        #expect(run.advance == (try variant.layout("AVÅ", size: 1)).width)
        let regular = try FontFixtures.font(FontFixtures.regular)
        let plain = try #require(list.glyphRun(for: "AV", request: request))
        #expect(plain.advance == (try regular.layout("AV", size: 1)).width)
        // A Korean name falls through every Latin face to the CJK one.
        let cjk = try FontFixtures.font(FontFixtures.cjk)
        let korean = try #require(list.glyphRun(for: "정원", request: request))
        #expect(korean.advance == (try cjk.layout("정원", size: 1)).width)
        // No face has both Latin letters and hangul, nor "日本".
        #expect(list.glyphRun(for: "Open 정원", request: request) == nil)
        #expect(list.glyphRun(for: "日本", request: request) == nil)
    }

    @Test func aRunHasOneClosedPathPerContourInEmUnitsYDown() throws {
        let list = try fonts()
        let font = try FontFixtures.font(FontFixtures.regular)
        let run = try #require(list.glyphRun(for: "Ag", request: SVGFontRequest(families: [], weight: 400, italic: false)))
        let contours = try "Ag".unicodeScalars.reduce(0) { $0 + (try font.outline(of: font.glyph(for: $1)!)).contours.count }
        #expect(run.segments.filter { if case .move = $0 { true } else { false } }.count == contours)
        #expect(run.segments.filter { $0 == .close }.count == contours)
        // "A" sits on the baseline and rises above it: y runs from about -0.73 em to 0.
        let ys = run.segments.compactMap { segment -> Double? in
            switch segment {
            case .move(_, let y), .line(_, let y), .quad(_, _, _, let y): y
            default: nil
            }
        }
        #expect(ys.min()! < -0.7 && ys.min()! > -0.8)
        #expect(ys.max()! > 0.1) // the descender of "g"
    }

    @Test func theRasteriserDrawsTextThroughIt() throws {
        let svg = #"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><text x="4" y="30" font-family="DejaVu Sans" font-size="28" fill="black">Hi</text></svg>"#
        let document = try SVGDocument(parsing: Array(svg.utf8))
        let withFonts = document.render(width: 120, height: 40, fonts: try fonts())
        let without = document.render(width: 120, height: 40)
        let inked = stride(from: 3, to: withFonts.pixels.count, by: 4).filter { withFonts.pixels[$0] > 128 }.count
        #expect(inked > 100)
        #expect(stride(from: 3, to: without.pixels.count, by: 4).allSatisfy { without.pixels[$0] == 0 })
        // The ink lies where "Hi" is set: from x = 4 over its advance, above the baseline.
        let width = try fonts().faces[0].font.layout("Hi", size: 28).width
        for index in stride(from: 3, to: withFonts.pixels.count, by: 4) where withFonts.pixels[index] > 0 {
            let x = (index / 4) % 120, y = (index / 4) / 120
            #expect(Double(x) >= 3 && Double(x) <= 5 + width && y <= 31, "ink at \(x),\(y)")
        }
    }
}
