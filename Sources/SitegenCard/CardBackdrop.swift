import Foundation
import SitegenCompress
import SitegenDigest
import SitegenPNG

/// What a badge's cards in every language share — background, accent bar, artwork — drawn
/// once, with what can be compressed once for all of them compressed once.
///
/// The rows the text box spans (the band) are one piece whose bytes outside the text's columns
/// (the artwork's, the background's) are parsed into deflate tokens once (`WindowedPiece`): a
/// card parses only the text's columns and writes the band's blocks. The rows above and below
/// are strips compressed once. A card whose text strays out of its box (no theme's text does)
/// recompresses the strips its text touches instead, as every card did before: measured on the
/// cards benchmark (callgrind, 20 badges), 4.84 G instructions before, 4.63 G after.
public struct CardBackdrop: Sendable {
    /// Rows per strip: smaller strips recompress fewer untouched rows around the text, and each
    /// costs a block header (~100 bytes) and a sync flush.
    static let stripRows = 16
    /// How far past the style's text box a glyph's ink may reach and still take the band's
    /// shortcut (overhanging glyphs, anti-aliasing).
    static let textMargin = 8

    struct Strip: Sendable {
        var deflated: [UInt8]
        var adler: UInt32
        var filteredLength: Int
    }

    let canvas: CardCanvas
    /// Every row of the canvas filtered as one piece (Sub for the first, Paeth for the rest):
    /// a card copies these and filters again only the columns its text touched, about half of
    /// each of its rows.
    let filtered: [UInt8]
    /// The pixels a card's text may change and still take the band's shortcut.
    let textWindow: CardRegion
    /// The strips the band is made of.
    let band: Range<Int>
    let bandPiece: WindowedPiece
    /// Per row of the band, the Adler-32s of the backdrop's filtered bytes left of the text's
    /// columns, in them, right of them, and of the whole row: a card checksums only the text
    /// columns of the rows it filtered again (a quarter of the band's bytes) and combines.
    let bandAdlers: [(left: UInt32, text: UInt32, right: UInt32, whole: UInt32)]
    /// The band's rows filtered (Sub for the first, Paeth for the rest), as the backdrop has them.
    let bandBytes: [UInt8]
    let strips = LazyStrips(count: stripCount)
    /// The design's background, whose strips are this backdrop's outside `artworkRows`.
    let background: CardBackground
    let artworkRows: Range<Int>
    /// What the cards draw their text on.
    let scratch = ScratchPool<CardCanvas>()
    /// Copies of `bandBytes` the cards filter their text's bytes into, each handed back with
    /// the backdrop's bytes put back where the text went (a third of the band at most): not
    /// a fresh 1.8 MB copy of the band for every card.
    let bandScratch = ScratchPool<[UInt8]>()

    /// `artwork` drawn on `background`; `textFrequencies`: what the text window's bytes of a
    /// card are expected to compress to (`textFrequencies(of:textBox:)` of a sample card).
    init(background: CardBackground, artwork: CardArtwork?, textBox: CardBox, textFrequencies: SymbolFrequencies) {
        self.background = background
        var canvas = background.canvas
        var filtered = background.filtered
        var drawnRows = 0..<0
        if let artwork {
            canvas.composite(artwork.pixels, width: artwork.width, height: artwork.height, x: artwork.x, y: artwork.y)
            drawnRows = (artwork.y..<(artwork.y + artwork.height)).clamped(to: 0..<CardStyle.height)
            let drawnColumns = (artwork.x..<(artwork.x + artwork.width)).clamped(to: 0..<CardStyle.width)
            let drawnBytes = (drawnColumns.lowerBound * 3)..<(drawnColumns.upperBound * 3)
            _ = canvas.pixels.withUnsafeBufferPointer { pixels in
                filtered.withUnsafeMutableBufferPointer { filtered in
                    PNGPieces.refilter(pixels, rowBytes: CardCanvas.rowBytes, distance: 3, rows: 0..<CardStyle.height, in: filtered.baseAddress!,
                                       changedRows: drawnRows, changedBytes: drawnBytes)
                }
            }
        }
        artworkRows = drawnRows
        self.canvas = canvas
        self.filtered = filtered
        let (textWindow, band) = Self.layout(textBox: textBox)
        self.textWindow = textWindow
        self.band = band
        let bandBytes = Self.filteredRows(Self.rows(ofStrips: band), of: canvas, changed: .empty, reusing: filtered)
        let columns = Self.filteredColumns(of: textWindow)
        bandPiece = bandBytes.withUnsafeBufferPointer {
            WindowedPiece($0, rowLength: 1 + CardCanvas.rowBytes, columns: columns, windowFrequencies: textFrequencies)
        }
        self.bandBytes = bandBytes
        bandAdlers = bandBytes.withUnsafeBytes { bytes in
            stride(from: 0, to: bytes.count, by: 1 + CardCanvas.rowBytes).map { start in
                func adler(_ range: Range<Int>) -> UInt32 {
                    var adler = Adler32()
                    adler.update(UnsafeRawBufferPointer(rebasing: bytes[(start + range.lowerBound)..<(start + range.upperBound)]))
                    return adler.value
                }
                let left = adler(0..<columns.lowerBound), text = adler(columns)
                let right = adler(columns.upperBound..<(1 + CardCanvas.rowBytes))
                let whole = Adler32.combine(Adler32.combine(left, text, secondLength: columns.count), right,
                                            secondLength: 1 + CardCanvas.rowBytes - columns.upperBound)
                return (left, text, right, whole)
            }
        }
    }

    /// The text window of a style's `textBox` and the strips of the band holding it.
    static func layout(textBox: CardBox) -> (textWindow: CardRegion, band: Range<Int>) {
        let margin = Self.textMargin
        let rows = max(0, textBox.y - margin)..<min(CardStyle.height, textBox.y + textBox.height + margin)
        let textWindow = CardRegion(rows: rows, columns: max(0, textBox.x - margin)..<min(CardStyle.width, textBox.x + textBox.width + margin))
        return (textWindow, (rows.lowerBound / Self.stripRows)..<((rows.upperBound + Self.stripRows - 1) / Self.stripRows))
    }

    /// The symbol frequencies of `sample`'s text window as a card's band compresses it: what
    /// the band's codes are made for, besides the backdrop's own bytes (`WindowedPiece`).
    static func textFrequencies(of sample: CardCanvas, textBox: CardBox) -> SymbolFrequencies {
        let (textWindow, band) = layout(textBox: textBox)
        let bytes = sample.pixels.withUnsafeBufferPointer { pixels in
            let rows = Self.rows(ofStrips: band)
            return PNGPieces.filterRows(UnsafeBufferPointer(rebasing: pixels[(rows.lowerBound * CardCanvas.rowBytes)..<(rows.upperBound * CardCanvas.rowBytes)]),
                                        rowBytes: CardCanvas.rowBytes, distance: 3)
        }
        return bytes.withUnsafeBufferPointer {
            WindowedPiece.windowFrequencies(of: $0, rowLength: 1 + CardCanvas.rowBytes, columns: filteredColumns(of: textWindow))
        }
    }

    static var stripCount: Int { (CardStyle.height + stripRows - 1) / stripRows }

    static func rows(ofStrip index: Int) -> Range<Int> {
        (index * stripRows)..<min(CardStyle.height, (index + 1) * stripRows)
    }

    static func rows(ofStrips strips: Range<Int>) -> Range<Int> {
        strips.isEmpty ? 0..<0 : rows(ofStrip: strips.lowerBound).lowerBound..<rows(ofStrip: strips.upperBound - 1).upperBound
    }

    /// The bytes of a filtered row (filter type first) that can differ when `region`'s pixels
    /// do: theirs, and the next pixel's, whose Sub or Paeth reads its left neighbour.
    static func filteredColumns(of region: CardRegion) -> Range<Int> {
        (1 + region.columns.lowerBound * 3)..<min(1 + CardCanvas.rowBytes, 1 + region.columns.upperBound * 3 + 3)
    }

    /// `rows` filtered (the first with Sub, as a piece must not read the row above it) and
    /// deflated on their own. `canvas` differs from the pixels `filtered` was made from only
    /// inside `changed`.
    static func piece(rows: Range<Int>, of canvas: CardCanvas, changed: CardRegion, reusing filtered: [UInt8]) -> Strip {
        let piece = filteredRows(rows, of: canvas, changed: changed, reusing: filtered)
        return Strip(deflated: Deflate.compressPiece(piece, level: .fastest), adler: Adler32.checksum(piece),
                     filteredLength: piece.count)
    }

    static func filteredRows(_ rows: Range<Int>, of canvas: CardCanvas, changed: CardRegion, reusing filtered: [UInt8]) -> [UInt8] {
        canvas.pixels.withUnsafeBufferPointer { pixels in
            filtered.withUnsafeBufferPointer { filtered in
                PNGPieces.filterRows(pixels, rowBytes: CardCanvas.rowBytes, distance: 3, rows: rows, reusing: filtered,
                                     changedRows: changed.rows,
                                     changedBytes: (changed.columns.lowerBound * 3)..<(changed.columns.upperBound * 3))
            }
        }
    }

    /// The backdrop's own strip `index`, compressed when a card first needs it.
    func strip(_ index: Int) -> Strip {
        let rows = Self.rows(ofStrip: index)
        if !rows.overlaps(artworkRows) { return background.strip(index) }
        return strips.strip(index) { Self.piece(rows: rows, of: canvas, changed: .empty, reusing: filtered) }
    }

    /// The PNG of `canvas`, which differs from the backdrop's only inside `changed`.
    func png(of canvas: CardCanvas, changed: CardRegion) -> [UInt8] {
        // zlib header: deflate, 32 KiB window, level hint "fastest", FCHECK so it is a multiple of 31.
        var stream: [UInt8] = [0x78, 0x01]
        var adler: UInt32 = 1
        func append(_ strip: Strip) {
            stream += strip.deflated
            adler = Adler32.combine(adler, strip.adler, secondLength: strip.filteredLength)
        }
        if textWindow.contains(changed) {
            for index in 0..<band.lowerBound { append(strip(index)) }
            append(bandStrip(of: canvas, changed: changed))
            for index in band.upperBound..<Self.stripCount { append(strip(index)) }
        } else {
            appendStrayingText(of: canvas, changed: changed, to: append)
        }
        stream += Deflate.finalEmptyBlock
        stream += [UInt8(adler >> 24), UInt8((adler >> 16) & 0xFF), UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF)]
        return PNGPieces.rgbFile(width: CardStyle.width, height: CardStyle.height, zlibStream: stream)
    }

    /// The band of `canvas` (whose text stays in the text window) compressed: its text's bytes
    /// filtered into a copy of the backdrop's band, which gets the backdrop's bytes back after.
    private func bandStrip(of canvas: CardCanvas, changed: CardRegion) -> Strip {
        var bytes = bandScratch.take() ?? bandBytes
        let rowLength = 1 + CardCanvas.rowBytes
        let rows = Self.rows(ofStrips: band)
        let written = canvas.pixels.withUnsafeBufferPointer { pixels in
            bytes.withUnsafeMutableBufferPointer { bytes in
                PNGPieces.refilter(pixels, rowBytes: CardCanvas.rowBytes, distance: 3, rows: rows,
                                   in: bytes.baseAddress!, changedRows: changed.rows,
                                   changedBytes: (changed.columns.lowerBound * 3)..<(changed.columns.upperBound * 3))
            }
        }
        let changedRows = written.rows.isEmpty ? 0..<0 : (written.rows.lowerBound - rows.lowerBound)..<(written.rows.upperBound - rows.lowerBound)
        let strip = Strip(deflated: bytes.withUnsafeBufferPointer { bandPiece.compress($0, changedRows: changedRows) },
                          adler: bandAdler(bytes, changed: changed),
                          filteredLength: bytes.count)
        bandBytes.withUnsafeBufferPointer { original in
            bytes.withUnsafeMutableBufferPointer { bytes in
                for row in written.rows {
                    let start = (row - rows.lowerBound) * rowLength + 1 + written.bytes.lowerBound
                    (bytes.baseAddress! + start).update(from: original.baseAddress! + start, count: written.bytes.count)
                }
            }
        }
        bandScratch.give(bytes)
        return strip
    }

    /// The Adler-32 of the band's filtered `bytes`, which differ from the backdrop's only in
    /// the text columns of `changed`'s rows and the row below them.
    private func bandAdler(_ bytes: [UInt8], changed: CardRegion) -> UInt32 {
        let rowLength = 1 + CardCanvas.rowBytes
        let columns = Self.filteredColumns(of: textWindow)
        let first = Self.rows(ofStrips: band).lowerBound
        let refiltered = changed.isEmpty ? 0..<0 : (changed.rows.lowerBound - first)..<(changed.rows.upperBound + 1 - first)
        return bytes.withUnsafeBytes { bytes in
            var whole: UInt32 = 1
            for (row, adlers) in bandAdlers.enumerated() {
                var rowAdler = adlers.whole
                if refiltered.contains(row) {
                    var text = Adler32()
                    text.update(UnsafeRawBufferPointer(rebasing: bytes[(row * rowLength + columns.lowerBound)..<(row * rowLength + columns.upperBound)]))
                    rowAdler = Adler32.combine(Adler32.combine(adlers.left, text.value, secondLength: columns.count),
                                               adlers.right, secondLength: rowLength - columns.upperBound)
                }
                whole = Adler32.combine(whole, rowAdler, secondLength: rowLength)
            }
            return whole
        }
    }

    /// For text outside the text window: strips the text changed, when next to each other,
    /// compressed as one piece, the backdrop's own strips for the rest.
    private func appendStrayingText(of canvas: CardCanvas, changed: CardRegion, to append: (Strip) -> Void) {
        var index = 0
        while index < Self.stripCount {
            var end = index
            while end < Self.stripCount, Self.rows(ofStrip: end).overlaps(changed.rows), !sameRows(Self.rows(ofStrip: end), in: canvas) {
                end += 1
            }
            if end > index {
                append(Self.piece(rows: Self.rows(ofStrip: index).lowerBound..<Self.rows(ofStrip: end - 1).upperBound, of: canvas,
                                  changed: changed, reusing: filtered))
                index = end
            } else {
                append(strip(index))
                index += 1
            }
        }
    }

    /// Whether `canvas` has the backdrop's pixels in `rows`. The text's box reaches above its
    /// ascenders and below its descenders, and a strip there that no glyph pixel touched keeps
    /// its compressed bytes: comparing 57 KB costs a few microseconds, recompressing it ~150.
    private func sameRows(_ rows: Range<Int>, in canvas: CardCanvas) -> Bool {
        let bytes = (rows.lowerBound * CardCanvas.rowBytes)..<(rows.upperBound * CardCanvas.rowBytes)
        return canvas.pixels.withUnsafeBytes { changed in
            self.canvas.pixels.withUnsafeBytes { original in
                memcmp(changed.baseAddress! + bytes.lowerBound, original.baseAddress! + bytes.lowerBound, bytes.count) == 0
            }
        }
    }
}

/// The backdrop's strips, each compressed when a card first needs it: the band's strips only
/// for text that strays out of the text window. Cards of one badge may be made on several
/// threads at once; two may compress the same strip, and the first one stored is kept: the
/// same bytes either way.
final class LazyStrips: @unchecked Sendable {
    private let lock = NSLock()
    private var strips: [CardBackdrop.Strip?]

    init(count: Int) { strips = Array(repeating: nil, count: count) }

    func strip(_ index: Int, make: () -> CardBackdrop.Strip) -> CardBackdrop.Strip {
        lock.lock()
        if let made = strips[index] {
            lock.unlock()
            return made
        }
        lock.unlock()
        let made = make()
        lock.lock()
        defer { lock.unlock() }
        if strips[index] == nil { strips[index] = made }
        return strips[index]!
    }
}
