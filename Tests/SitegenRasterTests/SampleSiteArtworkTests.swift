import Foundation
import Testing
@testable import SitegenRaster

/// The sample site's SVG badge artwork (Content/images) drawn by sitegen and by rsvg-convert at
/// 256 px, ≥ 30 dB required twice over:
/// - with its `<text>` drawn through an `SVGFontSource` — here the test-only reader of the
///   fixture DejaVu Sans faces, the font rsvg-convert picks for these files — against rsvg's
///   drawing of the file as it is (no kerning on our side: the worst files lose a few dB to it);
/// - without a font source, the text left out and reported, against rsvg's drawing of the file
///   with its `<text>` elements removed: everything the renderer draws on its own.
/// The PSNR of the text-less drawing against the untouched file is printed too, to show what
/// leaving text out costs (about 20–25 dB).
@Suite(.serialized) struct SampleSiteArtworkTests {
    static let size = 256

    @Test func sampleArtworkMatchesLibrsvg() throws {
        let files = try Corpus.svgFiles(in: Corpus.sampleImages)
        #expect(!files.isEmpty, "no SVG in \(Corpus.sampleImages.path)")
        let fonts = try TestFontSource.fixtures()
        for file in files {
            let svg = try Corpus.bytes(file)
            let document = try SVGDocument(parsing: svg)
            let ours = document.render(width: Self.size, height: Self.size)
            let withoutText = Self.removingTextElements(svg)
            let hasText = withoutText != svg
            #expect(document.unsupportedFeatures.contains("text") == hasText, "\(file.lastPathComponent): \(document.unsupportedFeatures)")
            let reference = try ReferenceRenderer.render(withoutText, width: Self.size, height: Self.size)
            let psnr = PSNR.of(ours.pixels, reference.rgba)
            let whole = try ReferenceRenderer.render(svg, width: Self.size, height: Self.size)
            let psnrWhole = PSNR.of(ours.pixels, whole.rgba)
            let withText = document.render(width: Self.size, height: Self.size, fonts: fonts)
            let psnrText = PSNR.of(withText.pixels, whole.rgba)
            print("PSNR sample \(file.lastPathComponent) at \(Self.size) px: \(String(format: "%.1f", psnr)) dB without its text,"
                  + " \(String(format: "%.1f", psnrWhole)) dB against the file as is,"
                  + " \(String(format: "%.1f", psnrText)) dB with its text drawn from DejaVu Sans")
            #expect(psnr >= 30, "\(file.lastPathComponent) without text: \(psnr) dB")
            #expect(psnrText >= 30, "\(file.lastPathComponent) with text: \(psnrText) dB")
        }
    }

    /// The document with every `<text …>…</text>` element cut out (the sample files hold no
    /// nested text markup), for a reference drawing of just what we draw.
    static func removingTextElements(_ svg: [UInt8]) -> [UInt8] {
        var text = String(decoding: svg, as: UTF8.self)
        while let start = text.range(of: "<text"), let end = text.range(of: "</text>", range: start.upperBound..<text.endIndex) {
            text.removeSubrange(start.lowerBound..<end.upperBound)
        }
        return Array(text.utf8)
    }
}
