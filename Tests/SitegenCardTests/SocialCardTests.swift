import Foundation
import Testing
import SitegenPNG
@testable import SitegenCard

/// Whole cards, decoded again with SitegenPNG: size, colours where the style puts them, the
/// text only inside its box, a card without text when a glyph is missing, the same bytes every
/// time and whichever backdrop they were joined from.
struct SocialCardTests {
    static let circle = Array(##"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><ellipse cx="50" cy="25" rx="50" ry="25" fill="#c03020"/></svg>"##.utf8)

    func pixel(_ image: RGBAImage, _ x: Int, _ y: Int) -> [UInt8] {
        Array(image.pixels[(y * image.width + x) * 4..<(y * image.width + x) * 4 + 4])
    }

    @Test func cardIsA1200By630PNGWithTheStylesColoursAndTheArtworkInItsBox() throws {
        let design = try ThemeFonts.design()
        let artwork = try design.artwork(.svg(Self.circle))
        // 100×50 fitted into 440×440: 440×220, centred.
        #expect((artwork.width, artwork.height, artwork.x, artwork.y) == (440, 220, 80, 95 + 110))
        let png = design.card(artwork: artwork, name: "Cloud Fundamentals", issuer: "Contoso")
        let image = try PNGImage.decode(png)
        #expect((image.width, image.height) == (1200, 630))
        #expect(pixel(image, 10, 10) == [0xF4, 0xF6, 0xFA, 255])
        #expect(pixel(image, 600, 629) == [0x1F, 0x4E, 0x79, 255])
        #expect(pixel(image, 300, 315) == [0xC0, 0x30, 0x20, 255])
        #expect(pixel(image, 300, 150) == [0xF4, 0xF6, 0xFA, 255])
        // Some pixels of the text box carry the name's colour.
        var dark = 0
        for y in 70..<540 { for x in 580..<1140 where pixel(image, x, y) == [0x14, 0x21, 0x3D, 255] { dark += 1 } }
        #expect(dark > 500)
        #expect(png.count < 1_000_000)
    }

    @Test func sameInputsSameBytesWhicheverBackdropTheyJoin() throws {
        let design = try ThemeFonts.design()
        let artwork = try design.artwork(.svg(Self.circle))
        let shared = design.backdrop(artwork: artwork)
        _ = design.card(backdrop: shared, name: "Another name on two lines of text, long enough to wrap", issuer: "X")
        let reused = design.card(backdrop: shared, name: "Cloud 管理者", issuer: "Contoso")
        let fresh = design.card(artwork: artwork, name: "Cloud 管理者", issuer: "Contoso")
        #expect(reused == fresh)
        #expect(try ThemeFonts.design().card(artwork: artwork, name: "Cloud 管理者", issuer: "Contoso") == fresh)
    }

    @Test func textChangesOnlyPixelsAroundTheTextBox() throws {
        let design = try ThemeFonts.design()
        let backdrop = design.backdrop(artwork: try design.artwork(.svg(Self.circle)))
        let a = try PNGImage.decode(design.card(backdrop: backdrop, name: "Security Operations Analyst", issuer: "Contoso"))
        let b = try PNGImage.decode(design.card(backdrop: backdrop, name: "セキュリティ運用アナリスト", issuer: "コントソ"))
        let box = design.style.textBox
        var differing = 0
        for y in 0..<630 {
            for x in 0..<1200 where pixel(a, x, y) != pixel(b, x, y) {
                differing += 1
                let inside = x >= box.x - 24 && x < box.x + box.width + 24 && y >= box.y - 24 && y < box.y + box.height + 24
                if !inside { Issue.record("pixel (\(x), \(y)) outside the text box changed"); return }
            }
        }
        #expect(differing > 1000)
    }

    @Test func nameWithAGlyphNoFontHasGivesACardWithoutText() throws {
        let design = try ThemeFonts.design()
        let artwork = try design.artwork(.svg(Self.circle))
        let withoutText = try PNGImage.decode(design.card(artwork: artwork, name: "Runes ᚠᚢ", issuer: "Contoso"))
        let backdrop = design.backdrop(artwork: artwork)
        let bare = try PNGImage.decode(backdrop.png(of: backdrop.canvas, changed: .empty))
        #expect(withoutText == bare)
    }

    @Test func pngArtworkIsResampledWithoutColourBleedingFromTransparency() throws {
        // 40×40: a red square in the middle of transparent black, drawn at 440×440.
        var pixels = [UInt8](repeating: 0, count: 40 * 40 * 4)
        for y in 10..<30 { for x in 10..<30 { pixels.replaceSubrange((y * 40 + x) * 4..<(y * 40 + x) * 4 + 4, with: [220, 40, 30, 255]) } }
        let png = PNGImage.encode(RGBAImage(width: 40, height: 40, pixels: pixels))
        let design = try ThemeFonts.design()
        let artwork = try design.artwork(.png(png))
        #expect((artwork.width, artwork.height) == (440, 440))
        var partial = 0, wrong = 0
        for p in 0..<(artwork.width * artwork.height) where artwork.pixels[p * 4 + 3] > 0 {
            // Premultiplied filtering: wherever there is coverage, the colour is the square's;
            // no black from the transparent pixels creeps in.
            if Array(artwork.pixels[p * 4..<p * 4 + 3]) != [220, 40, 30] { wrong += 1 }
            if artwork.pixels[p * 4 + 3] < 255 { partial += 1 }
        }
        #expect(wrong == 0)
        #expect(partial > 440 * 4, "an upscaled edge is smooth, not a hard step")
        #expect(Array(artwork.pixels[(220 * 440 + 220) * 4..<(220 * 440 + 220) * 4 + 4]) == [220, 40, 30, 255])
        #expect(artwork.pixels[(20 * 440 + 20) * 4 + 3] == 0)
    }

    @Test func brokenArtworkIsAProblemNotACrash() throws {
        let design = try ThemeFonts.design()
        #expect(throws: CardArtwork.Problem.self) { try design.artwork(.png([0x89, 0x50, 0x4E, 0x47, 1, 2, 3])) }
        #expect(throws: CardArtwork.Problem.self) { try design.artwork(.svg(Array("<html/>".utf8))) }
    }

    @Test func unsupportedSVGFeaturesAreNamedOnce() {
        let svg = #"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"><animate attributeName="x" to="5"/></rect><circle r="2"><set attributeName="r" to="3"/></circle></svg>"#
        #expect(CardDesign.unsupportedFeatures(ofSVG: Array(svg.utf8)) == ["animation"])
        #expect(CardDesign.unsupportedFeatures(ofSVG: Array(#"<svg xmlns="http://www.w3.org/2000/svg"><text>a</text></svg>"#.utf8)) == [])
    }
}

/// The resampler's rounding without libm, held to `rounded()` where they could part: at every
/// half and the floats either side of it, and across the range in small steps.
struct ImageResamplerRoundingTests {
    @Test func roundedByteIsRoundedOnEveryHalfAndItsNeighbours() {
        var values: [Float] = [0, 0.5, 255, 254.5, Float(0.5).nextDown, Float(0.5).nextUp, 0.49999997]
        for k in 0..<255 {
            let half = Float(k) + 0.5
            values += [half, half.nextDown, half.nextUp, Float(k), Float(k).nextUp, Float(k + 1).nextDown]
        }
        var x: Float = 0
        while x <= 255 { values.append(x); x += 0.0137 }
        for value in values {
            #expect(ImageResampler.roundedByte(value) == UInt8(value.rounded()), "\(value)")
        }
    }
}
