import SitegenCompress
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
        CardBackdrop(background: background, artwork: artwork, textBox: style.textBox, textFrequencies: textFrequencies)
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

    /// What a card's text is expected to compress to: the samples' names and issuer drawn on
    /// the plain background, averaged over those the design's fonts can set. A badge's band
    /// has its codes made for this and for the backdrop's bytes (`WindowedPiece`). Empty when
    /// no sample can be set.
    static func textFrequencies(of design: CardDesign) -> SymbolFrequencies {
        var total = SymbolFrequencies(), count = 0
        for name in sampleNames {
            guard let text = try? design.layout(name: name, issuer: sampleIssuer) else { continue }
            var sample = design.background.canvas
            _ = design.draw(text, on: &sample)
            total.add(CardBackdrop.textFrequencies(of: sample, textBox: design.style.textBox))
            count += 1
        }
        return count == 0 ? total : total.scaled(by: 1 / Double(count))
    }

    /// Latin, Japanese and Korean: the scripts' strokes make different bytes.
    static let sampleNames = ["Certified Cloud Solutions Architect Expert", "認定クラウド ソリューション アーキテクト",
                              "클라우드 솔루션 아키텍트 전문가"]
    static let sampleIssuer = "Example Learning Institute"
}
