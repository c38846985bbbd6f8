import Testing
import SitegenCompress
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

    /// A card's band, its text filtered again in place over the backdrop's band, is the band
    /// filtered in full; putting the written bytes back gives the backdrop's band again.
    @Test func refilteringInPlaceGivesTheFullFilterAndPutsBackWhatItWrote() throws {
        let design = try ThemeFonts.design()
        let backdrop = design.backdrop(artwork: try design.artwork(.svg(SocialCardTests.circle)))
        let rows = CardBackdrop.rows(ofStrips: backdrop.band)
        for (name, issuer) in CardTextTests.names {
            var canvas = backdrop.canvas
            let changed = design.draw(try design.layout(name: name, issuer: issuer), on: &canvas)
            var band = backdrop.bandBytes
            let written = canvas.pixels.withUnsafeBufferPointer { pixels in
                band.withUnsafeMutableBufferPointer {
                    PNGPieces.refilter(pixels, rowBytes: CardCanvas.rowBytes, distance: 3, rows: rows, in: $0.baseAddress!,
                                       changedRows: changed.rows, changedBytes: (changed.columns.lowerBound * 3)..<(changed.columns.upperBound * 3))
                }
            }
            let full = canvas.pixels.withUnsafeBufferPointer { pixels in
                PNGPieces.filterRows(UnsafeBufferPointer(rebasing: pixels[(rows.lowerBound * CardCanvas.rowBytes)..<(rows.upperBound * CardCanvas.rowBytes)]),
                                     rowBytes: CardCanvas.rowBytes, distance: 3)
            }
            #expect(band == full, "\(name)")
            #expect(written.rows == changed.rows.lowerBound..<(changed.rows.upperBound + 1))
            for row in written.rows {
                let start = (row - rows.lowerBound) * (1 + CardCanvas.rowBytes) + 1
                band.replaceSubrange((start + written.bytes.lowerBound)..<(start + written.bytes.upperBound),
                                     with: backdrop.bandBytes[(start + written.bytes.lowerBound)..<(start + written.bytes.upperBound)])
            }
            #expect(band == backdrop.bandBytes, "\(name)")
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
            #expect(backdrop.strip(index).filteredLength == full.count)
            // Strips the artwork does not reach are the background's, shared by every badge.
            #expect(try Inflate.decompress(backdrop.strip(index).deflated + Deflate.finalEmptyBlock) == full, "strip \(index)")
        }
        // The backdrop's filtered rows, the background's with the artwork's box filtered again.
        let whole = backdrop.canvas.pixels.withUnsafeBufferPointer { PNGPieces.filterRows($0, rowBytes: CardCanvas.rowBytes, distance: 3) }
        #expect(backdrop.filtered == whole)
        let box = design.style.badgeBox
        #expect(!backdrop.artworkRows.isEmpty && backdrop.artworkRows.clamped(to: box.y..<(box.y + box.height)) == backdrop.artworkRows)
    }

    /// Cards through the band's shared tokens, and a card whose text strays out of the text
    /// window through recompressed strips, decode to the pixels they were drawn with.
    @Test func cardsDecodeToTheirCanvasWhicheverWayTheyWereCompressed() throws {
        let design = try ThemeFonts.design()
        let backdrop = design.backdrop(artwork: try design.artwork(.svg(SocialCardTests.circle)))
        for (name, issuer) in CardTextTests.names.prefix(3) {
            var canvas = backdrop.canvas
            let changed = design.draw(try design.layout(name: name, issuer: issuer), on: &canvas)
            #expect(backdrop.textWindow.contains(changed), "\(name): \(changed)")
            // The same text moved down to the accent bar: out of the text window.
            var stray = backdrop.canvas
            let moved = CardRegion(rows: 560..<600, columns: 100..<1100)
            for y in moved.rows { for x in moved.columns where (x / 3 + y) % 4 == 0 { stray.pixels[y * CardCanvas.rowBytes + x * 3] = 0x10 } }
            #expect(!backdrop.textWindow.contains(moved))
            for (drawn, region) in [(canvas, changed), (stray, moved), (backdrop.canvas, CardRegion.empty)] {
                let image = try PNGImage.decode(backdrop.png(of: drawn, changed: region))
                var rgb: [UInt8] = []
                for i in stride(from: 0, to: image.pixels.count, by: 4) { rgb += image.pixels[i..<(i + 3)] }
                #expect(rgb == drawn.pixels, "\(name), \(region)")
            }
        }
    }

    /// A badge's cards drawn one after another on its reused canvas (`ScratchPool`), in
    /// every order, from two threads at once, are the cards each drawn on a fresh backdrop, and
    /// the backdrop's canvas is left as it was.
    @Test func cardsOnTheReusedCanvasAreCardsOnAFreshOne() async throws {
        let design = try ThemeFonts.design()
        let artwork = try design.artwork(.svg(SocialCardTests.circle))
        let names = CardTextTests.names + [("", nil), ("Azure Solutions Architect Expert", "Contoso Learning")]
        let fresh = names.map { design.card(backdrop: design.backdrop(artwork: artwork), name: $0.0, issuer: $0.1) }
        let shared = design.backdrop(artwork: artwork)
        let original = shared.canvas.pixels
        let originalBand = shared.bandBytes
        for order in [Array(names.indices), names.indices.reversed()] {
            for index in order {
                let same = design.card(backdrop: shared, name: names[index].0, issuer: names[index].1) == fresh[index]
                #expect(same, "\(names[index].0)")
            }
        }
        await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    names.indices.allSatisfy { design.card(backdrop: shared, name: names[$0].0, issuer: names[$0].1) == fresh[$0] }
                }
            }
            for await same in group { #expect(same) }
        }
        #expect(shared.canvas.pixels == original)
        #expect(shared.bandBytes == originalBand)
    }
}
