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
    let strips: [Strip]

    init(canvas: CardCanvas) {
        self.canvas = canvas
        strips = (0..<Self.stripCount).map { Self.strip($0, of: canvas) }
    }

    static var stripCount: Int { (CardStyle.height + stripRows - 1) / stripRows }

    static func rows(ofStrip index: Int) -> Range<Int> {
        (index * stripRows)..<min(CardStyle.height, (index + 1) * stripRows)
    }

    static func strip(_ index: Int, of canvas: CardCanvas) -> Strip {
        piece(rows: rows(ofStrip: index), of: canvas)
    }

    /// `rows` filtered (the first with Sub, as a piece must not read the row above it) and
    /// deflated on their own.
    static func piece(rows: Range<Int>, of canvas: CardCanvas) -> Strip {
        let filtered = canvas.pixels.withUnsafeBufferPointer { pixels in
            PNGPieces.filterRows(UnsafeBufferPointer(rebasing: pixels[(rows.lowerBound * CardCanvas.rowBytes)..<(rows.upperBound * CardCanvas.rowBytes)]),
                                 rowBytes: CardCanvas.rowBytes, distance: 3)
        }
        return Strip(deflated: Deflate.compressPiece(filtered, level: .fastest), adler: Adler32.checksum(filtered),
                     filteredLength: filtered.count)
    }

    /// The PNG of `canvas`, which differs from the backdrop's only in `changedRows`. Strips the
    /// text changed, when next to each other, are compressed as one piece: one match finder and
    /// a few blocks for the text's ~20 strips instead of one of each per strip (each match
    /// finder clears 256 KB of tables), and matches that reach across strip edges.
    func png(of canvas: CardCanvas, changedRows: Range<Int>) -> [UInt8] {
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
            while end < Self.stripCount, Self.rows(ofStrip: end).overlaps(changedRows), !sameRows(Self.rows(ofStrip: end), in: canvas) {
                end += 1
            }
            if end > index {
                append(Self.piece(rows: Self.rows(ofStrip: index).lowerBound..<Self.rows(ofStrip: end - 1).upperBound, of: canvas))
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
