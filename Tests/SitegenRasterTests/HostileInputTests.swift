import Foundation
import Testing
@testable import SitegenRaster

/// Broken and hostile documents: each is a thrown `SVGError` or a picture, never a crash or a hang.
@Suite struct HostileInputTests {
    /// Parses, and draws small when it parses; any trap here fails the whole test run.
    static let fonts = try? TestFontSource.fixtures()

    /// Parses, and draws small (with the test font source and image decoder) when it parses.
    func survive(_ bytes: [UInt8]) {
        if let document = try? SVGDocument(parsing: bytes) {
            let image = document.render(width: 12, height: 12, fonts: Self.fonts, images: TestImageDecoder())
            #expect(image.pixels.count == 12 * 12 * 4)
        }
    }

    @Test func everyTruncationOfTheCorpus() throws {
        for file in try Corpus.svgFiles(in: Corpus.fixtures) {
            let bytes = try Corpus.bytes(file)
            for length in stride(from: 0, to: bytes.count, by: 5) { survive(Array(bytes[0..<length])) }
        }
    }

    @Test func seededByteMutationsOfTheCorpus() throws {
        // A fixed xorshift generator, so a failure reproduces.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % 1_000_003)
        }
        let alphabet = Array("<>/=\"'&;#-.0123456789eE+ ,()MmLlZzAaCcQqSsTtHhVv%".utf8)
        for file in try Corpus.svgFiles(in: Corpus.fixtures) {
            let original = try Corpus.bytes(file)
            for _ in 0..<40 {
                var bytes = original
                for _ in 0..<(1 + next() % 4) { bytes[next() % bytes.count] = alphabet[next() % alphabet.count] }
                survive(bytes)
            }
        }
    }

    @Test func pathologicalDocuments() throws {
        let bodies = [
            // Reference cycles through use, gradients and clip paths.
            "<g id=\"a\"><use href=\"#a\"/></g>",
            "<use id=\"x\" href=\"#y\"/><use id=\"y\" href=\"#x\"/>",
            "<linearGradient id=\"p\" href=\"#q\"/><linearGradient id=\"q\" href=\"#p\"/><rect width=\"4\" height=\"4\" fill=\"url(#p)\"/>",
            "<clipPath id=\"c\"><rect width=\"2\" height=\"2\" clip-path=\"url(#c)\"/></clipPath><rect width=\"4\" height=\"4\" clip-path=\"url(#c)\"/>",
            // Numbers at the edge of Double.
            "<path d=\"M0 0 L1e308 1e308 L-1e308 1e308 Z\"/>",
            "<path d=\"M0 0 C1e308 -1e308 -1e308 1e308 4 4 Z\" stroke=\"#000\" stroke-width=\"1e300\"/>",
            "<g transform=\"scale(1e308)\"><rect width=\"1e308\" height=\"1e308\"/></g>",
            "<path d=\"M1 1 A1e308 1e308 0 1 1 3 3\" stroke=\"#000\"/>",
            "<rect width=\"1e999\" height=\"4\"/>",
            "<g transform=\"scale(0)\"><circle r=\"3\" stroke=\"#000\"/></g>",
            // Dashes too fine to count on a long path.
            "<path d=\"M0 0 L1e9 0\" stroke=\"#000\" stroke-dasharray=\"0.0001 0.0001\"/>",
            "<line x2=\"4\" stroke=\"#000\" stroke-dasharray=\"0 0\" stroke-linecap=\"round\"/>",
            "<radialGradient id=\"r\" r=\"0\"><stop/><stop offset=\"1\"/></radialGradient><rect width=\"4\" height=\"4\" fill=\"url(#r)\"/>",
            "<image width=\"4\" height=\"4\" href=\"data:image/png;base64,iVBORw0KGgo=\"/>",
            "<image href=\"data:image/png;base64,!!!!\"/><image href=\"data:,\"/><image href=\"data:image/png,%FF%\"/>",
            "<text x=\"1e308\" y=\"-1e308\" font-size=\"1e308\">AAAA</text><text font-size=\"-3\">\u{1F600}</text>",
            "<linearGradient id=\"z\" x1=\"0\" x2=\"0\"><stop stop-color=\"red\"/><stop offset=\"1\"/></linearGradient><rect width=\"4\" height=\"4\" fill=\"url(#z)\"/>",
        ]
        // Each level uses the one before twice: 2^30 shapes if expanded in full.
        var laughs = "<rect id=\"l0\" width=\"1\" height=\"1\"/>"
        for level in 1...30 { laughs += "<g id=\"l\(level)\"><use href=\"#l\(level - 1)\"/><use href=\"#l\(level - 1)\" x=\"0.01\"/></g>" }
        // The same through patterns whose tiles paint with the pattern before them, twice.
        var tiles = "<pattern id=\"p0\" width=\"1\" height=\"1\" patternUnits=\"userSpaceOnUse\"><rect width=\"1\" height=\"1\"/></pattern>"
        for level in 1...30 {
            tiles += "<pattern id=\"p\(level)\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\">"
                + "<rect width=\"2\" height=\"4\" fill=\"url(#p\(level - 1))\"/><rect x=\"2\" width=\"2\" height=\"4\" fill=\"url(#p\(level - 1))\"/></pattern>"
        }
        tiles += "<rect width=\"4\" height=\"4\" fill=\"url(#p30)\"/>"
        let selfPainting = "<pattern id=\"me\" width=\"2\" height=\"2\" patternUnits=\"userSpaceOnUse\"><rect width=\"2\" height=\"2\" fill=\"url(#me)\"/><circle r=\"1\" fill=\"url(#me)\"/></pattern><rect width=\"4\" height=\"4\" fill=\"url(#me)\"/>"
        for body in bodies + [laughs, tiles, selfPainting] {
            let text = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 4 4\">\(body)</svg>"
            survive(Array(text.utf8))
        }
    }

    @Test func deepNestingStaysWithinASecondaryThreadsStack() async throws {
        // Groups with opacity (a layer each) and a transform, drawn on a secondary thread: as deep
        // as the renderer draws, the rect shows; as deep as the XML reader accepts, and through
        // a chain of references, drawing stops at its nesting limit instead of overflowing.
        func nested(_ depth: Int, around inner: String) -> String {
            String(repeating: "<g opacity=\"0.99\" transform=\"translate(0.001)\">", count: depth) + inner
                + String(repeating: "</g>", count: depth)
        }
        func draw(_ body: String) async throws -> RasterImage {
            let document = try SVGDocument(parsing: Array(("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 4 4\">" + body + "</svg>").utf8))
            return await Task.detached { document.render(width: 4, height: 4) }.value
        }
        let rect = "<rect width=\"4\" height=\"4\"/>"
        #expect(try await draw(nested(SVGRenderer.maximumNesting - 1, around: rect)).pixels[3] > 0)
        #expect(try await draw(nested(XMLReader.maximumDepth - 2, around: rect)).pixels[3] == 0)
        var chain = "<defs><g id=\"r0\">\(nested(40, around: rect))</g>"
        for level in 1..<20 { chain += "<g id=\"r\(level)\">\(nested(40, around: "<use href=\"#r\(level - 1)\"/>"))</g>" }
        chain += "</defs><use href=\"#r19\"/>"
        #expect(try await draw(chain).pixels[3] == 0)
    }

    @Test func hugeOutputSizesAreClamped() throws {
        let image = try TinySVG.document("<rect width=\"4\" height=\"4\"/>").render(width: 1_000_000, height: -5)
        #expect(image.width == SVGDocument.maximumSize && image.height == 1)
    }
}
