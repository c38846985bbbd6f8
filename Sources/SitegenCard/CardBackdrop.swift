import Foundation
import SitegenCompress
import SitegenDigest
import SitegenPNG

/// What a badge's cards in every language share — background, accent bar, artwork — drawn
/// once, with its rows filtered and compressed in strips once. A card redraws and recompresses
/// only the strips its text touches and joins the rest as they are: about half the rows, and the
/// artwork's dearest ones, are never compressed again for a badge's other languages.
public struct CardBackdrop: Sendable {
    /// Rows per strip: smaller strips recompress fewer untouched rows around the text, and each
    /// costs a block header (~100 bytes) and a sync flush.
    static let stripRows = 16

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
    let strips: [Strip]

    init(canvas: CardCanvas) {
        self.canvas = canvas
        let filtered = canvas.pixels.withUnsafeBufferPointer {
            PNGPieces.filterRows($0, rowBytes: CardCanvas.rowBytes, distance: 3)
        }
        self.filtered = filtered
        strips = (0..<Self.stripCount).map { index in
            Self.piece(rows: Self.rows(ofStrip: index), of: canvas, changed: .empty, reusing: filtered)
        }
    }

    static var stripCount: Int { (CardStyle.height + stripRows - 1) / stripRows }

    static func rows(ofStrip index: Int) -> Range<Int> {
        (index * stripRows)..<min(CardStyle.height, (index + 1) * stripRows)
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

    /// The PNG of `canvas`, which differs from the backdrop's only inside `changed`. Strips the
    /// text changed, when next to each other, are compressed as one piece: one match finder and
    /// a few blocks for the text's ~20 strips instead of one of each per strip (each match
    /// finder clears its 128 KB hash table), and matches that reach across strip edges.
    func png(of canvas: CardCanvas, changed: CardRegion) -> [UInt8] {
        // zlib header: deflate, 32 KiB window, level hint "fastest", FCHECK so it is a multiple of 31.
        var stream: [UInt8] = [0x78, 0x01]
        var adler: UInt32 = 1
        func append(_ strip: Strip) {
            stream += strip.deflated
            adler = Adler32.combine(adler, strip.adler, secondLength: strip.filteredLength)
        }
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
                append(strips[index])
                index += 1
            }
        }
        stream += Deflate.finalEmptyBlock
        stream += [UInt8(adler >> 24), UInt8((adler >> 16) & 0xFF), UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF)]
        return PNGPieces.rgbFile(width: CardStyle.width, height: CardStyle.height, zlibStream: stream)
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
