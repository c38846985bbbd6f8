import SitegenPNG

/// What every card of a design starts from: the background and the accent bar, filtered once,
/// and the strips of it that a badge's artwork does not reach, compressed once for every badge.
/// Per badge, filtering the whole canvas was 5% of the cards benchmark's instructions
/// (callgrind); a badge now filters again only its artwork's box.
final class CardBackground: Sendable {
    let canvas: CardCanvas
    /// Every row filtered as `PNGPieces.filterRows` does (Sub for the first, Paeth for the rest).
    let filtered: [UInt8]
    private let strips = LazyStrips(count: CardBackdrop.stripCount)

    init(style: CardStyle) {
        var canvas = CardCanvas(filling: style.background)
        if style.accentHeight > 0 {
            canvas.fill(rows: (CardStyle.height - style.accentHeight)..<CardStyle.height, with: style.accent)
        }
        self.canvas = canvas
        filtered = canvas.pixels.withUnsafeBufferPointer { PNGPieces.filterRows($0, rowBytes: CardCanvas.rowBytes, distance: 3) }
    }

    /// Strip `index` of the background alone, compressed when a card first needs it.
    func strip(_ index: Int) -> CardBackdrop.Strip {
        strips.strip(index) { CardBackdrop.piece(rows: CardBackdrop.rows(ofStrip: index), of: canvas, changed: .empty, reusing: filtered) }
    }
}
