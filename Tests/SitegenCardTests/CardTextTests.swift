import Foundation
import Testing
@testable import SitegenCard

/// The text drawn straight from glyph outlines, held to the SVG `<text>` path it replaced, and
/// its glyph masks shared between cards without changing a pixel.
struct CardTextTests {
    static let names = [
        ("Azure Solutions Architect Expert", "Contoso Learning"),
        ("Contoso Cloud ソリューション アーキテクト エキスパート 7", "コントソ"),
        ("Contoso Cloud 솔루션 아키텍트 전문가 12", "콘토소 러닝"),
        ("Contoso Cloud 解決方案架構師專家 3", "Contoso 學習"),
        ("Expert en architecture de solutions — « Contoso » Ça Ω", nil),
    ]

    /// Peak signal-to-noise ratio of `b` against `a` over the text box (with the drawing margin).
    func psnr(_ a: CardCanvas, _ b: CardCanvas, box: CardBox) -> Double {
        var squared = 0.0, count = 0
        for y in max(0, box.y - 24)..<min(CardStyle.height, box.y + box.height + 24) {
            for x in max(0, box.x - 24)..<min(CardStyle.width, box.x + box.width + 24) {
                for c in 0..<3 {
                    let i = y * CardCanvas.rowBytes + x * 3 + c
                    let d = Double(a.pixels[i]) - Double(b.pixels[i])
                    squared += d * d
                    count += 1
                }
            }
        }
        return squared == 0 ? .infinity : 10 * log10(255 * 255 / (squared / Double(count)))
    }

    @Test func directTextMatchesTheSVGPathOnTheThemeFontsCJKIncluded() throws {
        let design = try ThemeFonts.design()
        let backdrop = design.backdrop(artwork: nil)
        for (name, issuer) in Self.names {
            let layout = try design.layout(name: name, issuer: issuer)
            var direct = backdrop.canvas, throughSVG = backdrop.canvas
            _ = design.draw(layout, on: &direct)
            _ = design.drawThroughSVG(layout, on: &throughSVG)
            #expect(direct.pixels != backdrop.canvas.pixels, "\(name): no text drawn")
            let quality = psnr(direct, throughSVG, box: design.style.textBox)
            #expect(quality >= 35, "\(name): \(quality) dB against the SVG path")
        }
    }

    @Test func pixelsOutsideTheReportedBoxKeepTheBackdrop() throws {
        let design = try ThemeFonts.design()
        let backdrop = design.backdrop(artwork: nil)
        for (name, issuer) in Self.names {
            var canvas = backdrop.canvas
            let box = design.draw(try design.layout(name: name, issuer: issuer), on: &canvas)
            #expect(!box.isEmpty)
            for y in 0..<CardStyle.height {
                let columns = box.rows.contains(y) ? [0..<box.columns.lowerBound, box.columns.upperBound..<CardStyle.width] : [0..<CardStyle.width]
                for range in columns where !range.isEmpty {
                    let bytes = (y * CardCanvas.rowBytes + range.lowerBound * 3)..<(y * CardCanvas.rowBytes + range.upperBound * 3)
                    #expect(canvas.pixels[bytes] == backdrop.canvas.pixels[bytes], "\(name): row \(y) changed outside \(box)")
                }
            }
        }
    }

    @Test func sharedGlyphMasksGiveTheBytesOfAFreshDesignWhateverDrewThemFirst() async throws {
        let warmed = try ThemeFonts.design()
        let backdrop = warmed.backdrop(artwork: nil)
        // Other cards, several at once, fill the masks in whatever order the threads run.
        await withTaskGroup(of: Void.self) { group in
            for (name, issuer) in Self.names.reversed() {
                group.addTask { _ = warmed.card(backdrop: backdrop, name: name + " 2", issuer: issuer) }
            }
        }
        for (name, issuer) in Self.names {
            let fresh = try ThemeFonts.design()
            #expect(warmed.card(backdrop: backdrop, name: name, issuer: issuer)
                    == fresh.card(backdrop: fresh.backdrop(artwork: nil), name: name, issuer: issuer), "\(name)")
        }
    }

    @Test func aKeptMaskIsTheOneDrawnWithoutTheCache() throws {
        let font = try ThemeFonts.fonts()[0].font
        let masks = GlyphMasks()
        let glyph = try #require(font.glyph(for: "g"))
        for phase in 0..<Int8(GlyphMasks.phases) {
            let key = GlyphMasks.Key(face: 0, glyph: glyph, size: 64.0.bitPattern, phaseX: phase, phaseY: 3 - phase)
            let first = masks.mask(key, in: font), kept = masks.mask(key, in: font), drawn = GlyphMasks.draw(key, in: font)
            #expect(first.alpha == drawn.alpha && kept.alpha == drawn.alpha)
            #expect((kept.dx, kept.dy, kept.width, kept.height) == (drawn.dx, drawn.dy, drawn.width, drawn.height))
            #expect(drawn.alpha.contains(255) && drawn.alpha.contains(0))
        }
    }
}
