import Testing
@testable import SitegenRaster

/// `<text>` through a font source: placement on the baseline, `text-anchor`, font properties,
/// and what is still reported.
@Suite struct TextLayoutTests {
    /// Every character a 0.5 em wide, 0.7 em tall box standing on the baseline, advancing 0.6 em
    /// (a space advances without a box).
    struct BoxFont: SVGFontSource {
        func glyphRun(for text: String, request: SVGFontRequest) -> SVGGlyphRun? {
            if text.contains("?") { return nil }
            var segments: [SVGGlyphRun.Segment] = []
            for (i, character) in text.enumerated() where character != " " {
                let x = Double(i) * 0.6
                segments += [.move(x: x, y: 0), .line(x: x + 0.5, y: 0), .line(x: x + 0.5, y: -0.7), .line(x: x, y: -0.7), .close]
            }
            return SVGGlyphRun(segments: segments, advance: Double(text.count) * 0.6)
        }
    }

    /// Records the requests it is given.
    final class RequestLog: SVGFontSource, @unchecked Sendable {
        var requests: [SVGFontRequest] = []
        var texts: [String] = []
        func glyphRun(for text: String, request: SVGFontRequest) -> SVGGlyphRun? {
            requests.append(request)
            texts.append(text)
            return SVGGlyphRun(segments: [], advance: 0)
        }
    }

    func columns(_ body: String) throws -> (covered: [Int], rows: [Int]) {
        let image = try TinySVG.document(body, size: 32).render(width: 32, height: 32, fonts: BoxFont())
        let alphas = TinySVG.alphas(image)
        let covered = (0..<32).filter { x in alphas.contains { $0[x] == 255 } }
        let rows = (0..<32).filter { y in alphas[y].contains(255) }
        return (covered, rows)
    }

    @Test func middleAnchorCentresTheRunOnX() throws {
        // "AB" at size 10: advance 12, so it starts at 16 − 6 = 10; boxes 10…15 and 16…21, 7 px tall above y = 20.
        let (covered, rows) = try columns("<text x=\"16\" y=\"20\" font-size=\"10\" text-anchor=\"middle\">AB</text>")
        #expect(covered == Array(10..<15) + Array(16..<21))
        #expect(rows == Array(13..<20))
    }

    @Test func startAndEndAnchors() throws {
        #expect(try columns("<text x=\"2\" y=\"20\" font-size=\"10\">A</text>").covered == Array(2..<7))
        #expect(try columns("<text x=\"30\" y=\"20\" font-size=\"10\" text-anchor=\"end\">A</text>").covered == Array(24..<29))
        // Inherited from a group, as text-anchor is.
        #expect(try columns("<g text-anchor=\"end\"><text x=\"30\" y=\"20\" font-size=\"10\">A</text></g>").covered == Array(24..<29))
    }

    @Test func withoutAFontSourceTextIsLeftOutAndReported() throws {
        let document = try TinySVG.document("<text x=\"2\" y=\"20\" font-size=\"10\">A</text>", size: 32)
        #expect(TinySVG.alphas(document.render(width: 32, height: 32)).allSatisfy { $0.allSatisfy { $0 == 0 } })
        #expect(document.unsupportedFeatures == ["text"])
        #expect(document.unsupportedFeatures(withFonts: true, withImageDecoder: false).isEmpty)
        let spans = try TinySVG.document("<text>A<tspan>B</tspan><textPath>C</textPath></text>", size: 32)
        #expect(spans.unsupportedFeatures == ["text", "text on a path"])
        #expect(spans.unsupportedFeatures(withFonts: true, withImageDecoder: false) == ["text on a path"])
    }

    @Test func fontPropertiesAndWhitespaceReachTheSource() throws {
        let log = RequestLog()
        let body = "<g font-family=\"'DejaVu Sans', Arial, sans-serif\" font-weight=\"bold\"><text font-style=\"italic\">\n  Open   Badges\t</text></g>"
        _ = try TinySVG.document(body, size: 32).render(width: 32, height: 32, fonts: log)
        #expect(log.texts == ["Open Badges"])
        #expect(log.requests == [SVGFontRequest(families: ["DejaVu Sans", "Arial", "sans-serif"], weight: 700, italic: true)])
    }

    @Test func tspansContinueTheLineInTheirOwnStyle() throws {
        // "A" then a red "B" shifted 1 px right and up 2: boxes 2…7 and 9…14 (6 + 1 advance + dx).
        let body = "<text x=\"2\" y=\"20\" font-size=\"10\">A<tspan dx=\"1\" dy=\"-2\" fill=\"#f00\">B</tspan></text>"
        let image = try TinySVG.document(body, size: 32).render(width: 32, height: 32, fonts: BoxFont())
        let alphas = TinySVG.alphas(image)
        let covered = (0..<32).filter { x in alphas.contains { $0[x] == 255 } }
        #expect(covered == Array(2..<7) + Array(9..<14))
        #expect(image.pixels[(15 * 32 + 3) * 4] == 0 && image.pixels[(15 * 32 + 10) * 4] == 255)
        #expect(alphas[19][10] == 0 && alphas[17][10] == 255 && alphas[19][3] == 255)
    }

    @Test func anAbsolutePositionStartsANewAnchoredChunk() throws {
        // Two centred lines: "AB" (12 px) around x = 16 on y = 12, then " A" (12 px: white space
        // collapses across the whole element, so one space stays before the A) around 16 on y = 26.
        let body = "<text x=\"16\" y=\"12\" font-size=\"10\" text-anchor=\"middle\">AB<tspan x=\"16\" y=\"26\">\n   A  </tspan></text>"
        let alphas = TinySVG.alphas(try TinySVG.document(body, size: 32).render(width: 32, height: 32, fonts: BoxFont()))
        #expect((0..<32).filter { alphas[8][$0] == 255 } == Array(10..<15) + Array(16..<21))
        #expect((0..<32).filter { alphas[22][$0] == 255 } == Array(16..<21))
    }

    @Test func aRunTheSourceCannotSetIsSkipped() throws {
        #expect(try columns("<text x=\"2\" y=\"20\" font-size=\"10\">A?</text>").covered.isEmpty)
    }
}
