import Testing
@testable import SitegenRaster

/// Exact-area anti-aliasing and the fill rules, on shapes whose pixel coverage is known by hand.
@Suite struct CoverageTests {
    @Test func partialColumnsGetTheirExactArea() throws {
        // x from 1.25 to 2.75: columns 1 and 2 are three-quarters covered, 0.75 × 255 = 191.25.
        let image = try TinySVG.render("<rect x=\"1.25\" y=\"0\" width=\"1.5\" height=\"4\"/>")
        for row in TinySVG.alphas(image) { #expect(row == [0, 191, 191, 0]) }
    }

    @Test func partialRowsGetTheirExactArea() throws {
        // y from 0.5 to 3.1: row 0 half (128), rows 1–2 full, row 3 a tenth (25.5 → 26).
        let image = try TinySVG.render("<rect x=\"0\" y=\"0.5\" width=\"4\" height=\"2.6\"/>")
        #expect(TinySVG.alphas(image).map { $0[0] } == [128, 255, 255, 26])
    }

    @Test func aDiagonalHalvesThePixelsItCrosses() throws {
        let alphas = TinySVG.alphas(try TinySVG.render("<path d=\"M0 0 L4 0 L0 4 Z\"/>"))
        for y in 0..<4 {
            for x in 0..<4 {
                let expected: UInt8 = x + y < 3 ? 255 : (x + y == 3 ? 128 : 0)
                #expect(alphas[y][x] == expected, "pixel \(x),\(y)")
            }
        }
    }

    @Test func evenoddPunchesAHoleThatNonzeroFills() throws {
        let squares = "M0 0 H4 V4 H0 Z M1 1 H3 V3 H1 Z"
        let evenodd = TinySVG.alphas(try TinySVG.render("<path d=\"\(squares)\" fill-rule=\"evenodd\"/>"))
        let nonzero = TinySVG.alphas(try TinySVG.render("<path d=\"\(squares)\"/>"))
        #expect(evenodd[1] == [255, 0, 0, 255] && evenodd[2] == [255, 0, 0, 255] && evenodd[0] == [255, 255, 255, 255])
        #expect(nonzero.allSatisfy { $0 == [255, 255, 255, 255] })
    }

    @Test func evenoddOfAHalfCoveredOverlapIsTheUncoveredHalf() throws {
        // Inner square from x = 1.5: in column 1 winding is 1 on the left half and 2 on the right,
        // so evenodd coverage is one half.
        let alphas = TinySVG.alphas(try TinySVG.render("<path d=\"M0 0 H4 V4 H0 Z M1.5 0 H4 V4 H1.5 Z\" fill-rule=\"evenodd\"/>"))
        for row in alphas { #expect(row == [255, 128, 0, 0]) }
    }

    @Test func oppositeWindingsInOnePixelStillCoverItUnderNonzero() throws {
        // Row 1 is +1 winding in its top half and −1 in its bottom half: nonzero fills both halves.
        // Averaging the winding over the pixel first would give 0; the per-strip fold gives 255.
        let body = "<path d=\"M0 0 H4 V1.5 H0 Z M0 1.5 V4 H4 V1.5 Z\"/>"
        #expect(TinySVG.alphas(try TinySVG.render(body)).allSatisfy { $0 == [255, 255, 255, 255] })
    }

    @Test func overlappingSameDirectionShapesDoNotOvercover() throws {
        let alphas = TinySVG.alphas(try TinySVG.render("<path d=\"M0 0 H2.5 V4 H0 Z M1.5 0 H3.25 V4 H1.5 Z\"/>"))
        for row in alphas { #expect(row == [255, 255, 255, 64]) }
    }

    @Test func buttStrokesCoverExactlyTheirWidth() throws {
        let alphas = TinySVG.alphas(try TinySVG.render("<line x1=\"1\" y1=\"2\" x2=\"3\" y2=\"2\" stroke=\"#000\" stroke-width=\"2\"/>"))
        #expect(alphas == [[0, 0, 0, 0], [0, 255, 255, 0], [0, 255, 255, 0], [0, 0, 0, 0]])
    }

    @Test func squareCapsReachHalfTheWidthBeyondTheEnds() throws {
        let body = "<line x1=\"1.5\" y1=\"2\" x2=\"2.5\" y2=\"2\" stroke=\"#000\" stroke-width=\"1\" stroke-linecap=\"square\"/>"
        let alphas = TinySVG.alphas(try TinySVG.render(body))
        #expect(alphas[1] == [0, 128, 128, 0] && alphas[2] == [0, 128, 128, 0] && alphas[0] == [0, 0, 0, 0])
    }

    @Test func opaqueColoursComeOutExactly() throws {
        let image = try TinySVG.render("<rect width=\"4\" height=\"4\" fill=\"#3a7bd5\"/>")
        #expect(Array(image.pixels[0..<4]) == [0x3a, 0x7b, 0xd5, 255])
    }

    @Test func halfTransparentBlackOverWhiteIsMidGrey() throws {
        let image = try TinySVG.render("<rect width=\"4\" height=\"4\" fill=\"#fff\"/><rect width=\"4\" height=\"4\" fill=\"#000\" fill-opacity=\"0.5\"/>")
        #expect(Array(image.pixels[0..<4]) == [128, 128, 128, 255])
    }

    @Test func aSquareViewBoxIsCentredInAWideOutput() throws {
        let document = try TinySVG.document("<rect width=\"4\" height=\"4\"/>")
        let image = document.render(width: 8, height: 4)
        let firstRow = (0..<8).map { image.pixels[$0 * 4 + 3] }
        #expect(firstRow == [0, 0, 255, 255, 255, 255, 0, 0])
    }

    @Test func symbolsClipToTheirViewportUnlessOverflowIsVisible() throws {
        // The circle (radius 8 in a 10-unit viewBox drawn into 4 px: 3.2 px, centred at (4, 4))
        // reaches past the symbol's 4×4 px viewport at (2, 2), which keeps only that square. (SVG 1.1 §14.3.3
        // and browsers; rsvg-convert 2.54 does not clip symbols, a bug fixed in later librsvg,
        // which is why this is checked here and not against it.)
        let symbol = "<defs><symbol id=\"s\" viewBox=\"0 0 10 10\"><circle cx=\"5\" cy=\"5\" r=\"8\"/></symbol></defs>"
        let clipped = TinySVG.alphas(try TinySVG.render(symbol + "<use href=\"#s\" x=\"2\" y=\"2\" width=\"4\" height=\"4\"/>", size: 8))
        let expected: [[UInt8]] = (0..<8).map { y in (0..<8).map { x in (2..<6).contains(x) && (2..<6).contains(y) ? 255 : 0 } }
        #expect(clipped == expected)
        let free = symbol.replacingOccurrences(of: "<symbol ", with: "<symbol overflow=\"visible\" ")
        let unclipped = TinySVG.alphas(try TinySVG.render(free + "<use href=\"#s\" x=\"2\" y=\"2\" width=\"4\" height=\"4\"/>", size: 8))
        #expect(unclipped[4][1] == 255 && unclipped[4][6] == 255 && unclipped[1][4] == 255 && unclipped[6][4] == 255)
    }

    @Test func filtersOffsetFloodAndDropShadow() throws {
        // feOffset by whole pixels moves the square; an unsupported primitive leaves it unfiltered;
        // an empty filter hides the element.
        let defs = """
        <filter id="move" filterUnits="userSpaceOnUse" x="0" y="0" width="8" height="8"><feOffset dx="2" dy="1"/></filter>
        <filter id="odd"><feTurbulence baseFrequency="0.1"/></filter><filter id="none"/>
        """
        let moved = TinySVG.alphas(try TinySVG.render(defs + "<rect x=\"1\" y=\"1\" width=\"2\" height=\"2\" filter=\"url(#move)\"/>", size: 8))
        #expect((0..<8).filter { moved[2][$0] == 255 } == [3, 4] && (0..<8).filter { moved[$0][3] == 255 } == [2, 3])
        let odd = TinySVG.alphas(try TinySVG.render(defs + "<rect x=\"1\" y=\"1\" width=\"2\" height=\"2\" filter=\"url(#odd)\"/>", size: 8))
        #expect(odd[1][1] == 255 && odd[1][3] == 0)
        let hidden = TinySVG.alphas(try TinySVG.render(defs + "<rect x=\"1\" y=\"1\" width=\"2\" height=\"2\" filter=\"url(#none)\"/>", size: 8))
        #expect(hidden.allSatisfy { $0.allSatisfy { $0 == 0 } })
        // feDropShadow: the shape itself stays opaque, a fainter copy of it appears offset below
        // right. (rsvg-convert 2.54 does not know feDropShadow, so this is checked here.)
        let shadowFilter = "<filter id=\"s\" filterUnits=\"userSpaceOnUse\" x=\"0\" y=\"0\" width=\"16\" height=\"16\"><feDropShadow dx=\"4\" dy=\"4\" stdDeviation=\"0.01\" flood-opacity=\"0.5\"/></filter>"
        let image = try TinySVG.render(shadowFilter + "<rect x=\"2\" y=\"2\" width=\"6\" height=\"6\" fill=\"#fff\" filter=\"url(#s)\"/>", size: 16)
        let shadow = TinySVG.alphas(image)
        #expect(shadow[4][4] == 255 && image.pixels[(4 * 16 + 4) * 4] == 255)
        #expect(shadow[10][10] == 128 && image.pixels[(10 * 16 + 10) * 4] == 0)
        #expect(shadow[13][13] == 0)
    }

    @Test func drawingIsDeterministicAcrossThreads() async throws {
        let svg = try Corpus.bytes(Corpus.fixtures.appendingPathComponent("gradient-radial-focal-point.svg"))
        let document = try SVGDocument(parsing: svg)
        let first = document.render(width: 96, height: 96)
        let copies = await withTaskGroup(of: RasterImage.self) { group in
            for _ in 0..<4 { group.addTask { document.render(width: 96, height: 96) } }
            var all: [RasterImage] = []
            for await image in group { all.append(image) }
            return all
        }
        #expect(copies.allSatisfy { $0 == first })
    }
}

/// `OutlineFill`, the entry point for callers that fill glyph outlines themselves.
struct OutlineFillTests {
    @Test func halfCoveredPixelsAreHalfAndCurvesStayInsideTheirHull() {
        // A 4×2 rectangle from x 1.5 to 5.5: its first and last columns are half covered.
        var fill = OutlineFill(x: 0, y: 0, width: 8, height: 2)
        fill.move(to: 1.5, 0)
        fill.line(to: 5.5, 0)
        fill.line(to: 5.5, 2)
        fill.line(to: 1.5, 2)
        let mask = fill.mask()
        #expect((mask.x, mask.y, mask.width, mask.height) == (0, 0, 8, 2))
        #expect(Array(mask.alpha[0..<8]) == [0, 128, 255, 255, 255, 128, 0, 0])
        #expect(mask.alpha[0..<8] == mask.alpha[8..<16])

        // A quadratic bulging up from a flat base at y 9, its control point at y 1: the curve
        // peaks half-way, at y 5, so the rows below are covered in the middle, none above.
        var bulge = OutlineFill(x: 0, y: 0, width: 10, height: 10)
        bulge.move(to: 1, 9)
        bulge.quad(5, 1, 9, 9)
        bulge.close()
        let curve = bulge.mask()
        #expect(curve.alpha[7 * 10 + 5] == 255)
        #expect(curve.alpha[5 * 10 + 5] > 200)
        #expect(curve.alpha[0..<50].allSatisfy { $0 == 0 })
    }
}
