import Foundation
import Testing
@testable import SitegenRaster

/// Each corpus SVG drawn by sitegen and by rsvg-convert at two sizes must agree to ≥ 30 dB PSNR
/// (premultiplied RGBA, see `PSNR`). The figures are printed for every file and size.
@Suite(.serialized) struct ReferenceComparisonTests {
    static let sizes = [64, 256]
    static let threshold = 30.0

    @Test func featureCorpusMatchesLibrsvg() throws {
        let files = try Corpus.svgFiles(in: Corpus.fixtures)
        #expect(files.count >= 30, "the corpus needs at least 30 SVGs, has \(files.count)")
        // Text is drawn from the fixture DejaVu Sans subset, the face rsvg-convert finds for it.
        let fonts = try TestFontSource.fixtures()
        for file in files {
            let svg = try Corpus.bytes(file)
            let document = try SVGDocument(parsing: svg)
            // The corpus exercises what we claim to draw (text and embedded images through the test
            // font source and decoder): nothing
            // may be left out but a CSS selector that has no effect on the picture
            // (xml-entities-cdata-comments.svg has one on purpose).
            let leftOut = document.unsupportedFeatures(withFonts: true, withImageDecoder: true)
            #expect(leftOut.allSatisfy { $0.hasPrefix("CSS selector") }, "\(file.lastPathComponent): \(leftOut)")
            var line = "PSNR \(file.lastPathComponent):"
            for size in Self.sizes {
                let ours = document.render(width: size, height: size, fonts: fonts, images: TestImageDecoder())
                let reference = try ReferenceRenderer.render(svg, width: size, height: size)
                try #require(reference.width == size && reference.height == size)
                let psnr = PSNR.of(ours.pixels, reference.rgba)
                line += " \(size)px \(String(format: "%.1f", psnr)) dB"
                #expect(psnr >= Self.threshold, "\(file.lastPathComponent) at \(size) px: \(psnr) dB")
            }
            print(line)
        }
    }
}
