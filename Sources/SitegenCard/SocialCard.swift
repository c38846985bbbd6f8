import SitegenPNG
import SitegenRaster

extension CardDesign {
    /// The characters of `name` or `issuer` that no font of the design has, or nil when the
    /// card can carry its text.
    public func missingGlyphs(name: String, issuer: String?) -> MissingCardGlyphs? {
        do {
            _ = try layout(name: name, issuer: issuer)
            return nil
        } catch {
            return error
        }
    }

    /// The 1200×630 PNG card: the background, the accent bar, the artwork (when there is one) and
    /// the name and issuer (when every character can be set; else the card goes without text, as
    /// `missingGlyphs` reports). The same inputs give the same bytes.
    public func card(artwork: CardArtwork?, name: String, issuer: String?) -> [UInt8] {
        card(backdrop: backdrop(artwork: artwork), name: name, issuer: issuer)
    }

    /// What the badge's cards share, drawn and compressed once for all of its languages.
    public func backdrop(artwork: CardArtwork?) -> CardBackdrop {
        var canvas = CardCanvas(filling: style.background)
        if style.accentHeight > 0 {
            canvas.fill(rows: (CardStyle.height - style.accentHeight)..<CardStyle.height, with: style.accent)
        }
        if let artwork {
            canvas.composite(artwork.pixels, width: artwork.width, height: artwork.height, x: artwork.x, y: artwork.y)
        }
        return CardBackdrop(canvas: canvas, textBox: style.textBox)
    }

    /// The card: `backdrop` with the name and issuer drawn on it.
    public func card(backdrop: CardBackdrop, name: String, issuer: String?) -> [UInt8] {
        guard let text = try? layout(name: name, issuer: issuer) else { return backdrop.png(of: backdrop.canvas, changed: .empty) }
        // The first card of a badge copies the backdrop's canvas when it draws; the next ones
        // reuse that copy, put back as it was.
        var canvas = backdrop.scratch.take() ?? backdrop.canvas
        let changed = draw(text, on: &canvas)
        let png = backdrop.png(of: canvas, changed: changed)
        canvas.restore(changed, from: backdrop.canvas)
        backdrop.scratch.give(canvas)
        return png
    }
}
