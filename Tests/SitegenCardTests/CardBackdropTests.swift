import Testing
import SitegenPNG
@testable import SitegenCard

/// The backdrop's shortcut: a card's changed rows filtered from the backdrop's filtered bytes,
/// again only inside the text's columns, are the bytes filtering them in full gives.
struct CardBackdropTests {
    @Test func refilteringTheTextColumnsGivesTheFullFilterOnLatinAndCJKCards() throws {
        let design = try ThemeFonts.design()
        let artwork = try design.artwork(.svg(SocialCardTests.circle))
        for backdrop in [design.backdrop(artwork: nil), design.backdrop(artwork: artwork)] {
            for (name, issuer) in CardTextTests.names {
                var canvas = backdrop.canvas
                let changed = design.draw(try design.layout(name: name, issuer: issuer), on: &canvas)
                #expect(!changed.isEmpty && changed.columns.count < CardStyle.width, "\(name): \(changed)")
                // The strips a card recompresses, a piece starting inside the text, one ending
                // on its last row and one on the row below it (Paeth there reads the text).
                let pieces = [CardBackdrop.rows(ofStrip: changed.rows.lowerBound / CardBackdrop.stripRows).lowerBound..<changed.rows.upperBound,
                              (changed.rows.lowerBound + 5)..<(changed.rows.upperBound + 1),
                              changed.rows, 0..<CardStyle.height, (changed.rows.upperBound)..<(changed.rows.upperBound + 3)]
                for rows in pieces {
                    let shortcut = CardBackdrop.filteredRows(rows, of: canvas, changed: changed, reusing: backdrop.filtered)
                    let full = canvas.pixels.withUnsafeBufferPointer { pixels in
                        PNGPieces.filterRows(UnsafeBufferPointer(rebasing: pixels[(rows.lowerBound * CardCanvas.rowBytes)..<(rows.upperBound * CardCanvas.rowBytes)]),
                                             rowBytes: CardCanvas.rowBytes, distance: 3)
                    }
                    #expect(shortcut == full, "\(name), rows \(rows)")
                }
            }
        }
    }

    @Test func stripsWithNothingChangedAreTheBackdropsRowsFilteredInFull() throws {
        let design = try ThemeFonts.design()
        let backdrop = design.backdrop(artwork: try design.artwork(.svg(SocialCardTests.circle)))
        for index in [0, 7, CardBackdrop.stripCount - 1] {
            let rows = CardBackdrop.rows(ofStrip: index)
            let full = backdrop.canvas.pixels.withUnsafeBufferPointer { pixels in
                PNGPieces.filterRows(UnsafeBufferPointer(rebasing: pixels[(rows.lowerBound * CardCanvas.rowBytes)..<(rows.upperBound * CardCanvas.rowBytes)]),
                                     rowBytes: CardCanvas.rowBytes, distance: 3)
            }
            #expect(CardBackdrop.filteredRows(rows, of: backdrop.canvas, changed: .empty, reusing: backdrop.filtered) == full, "strip \(index)")
            #expect(backdrop.strips[index].filteredLength == full.count)
        }
    }
}
