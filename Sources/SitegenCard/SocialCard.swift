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
        var canvas = CardCanvas(filling: style.background)
        if style.accentHeight > 0 {
            canvas.fill(rows: (CardStyle.height - style.accentHeight)..<CardStyle.height, with: style.accent)
        }
        if let artwork {
            canvas.composite(artwork.pixels, width: artwork.width, height: artwork.height, x: artwork.x, y: artwork.y)
        }
        if let text = try? layout(name: name, issuer: issuer) {
            draw(text, on: &canvas)
        }
        return PNGImage.encode(RGBAImage(width: CardStyle.width, height: CardStyle.height, pixels: canvas.pixels), level: .fastest)
    }

    /// The lines drawn through SitegenRaster's `<text>`, in a picture the size of the text box
    /// and a margin (descenders and the ellipsis may reach past the box).
    private func draw(_ text: CardTextLayout, on canvas: inout CardCanvas) {
        guard !text.lines.isEmpty else { return }
        let margin = 24
        let box = style.textBox
        let left = max(0, box.x - margin), top = max(0, box.y - margin)
        let right = min(CardStyle.width, box.x + box.width + margin), bottom = min(CardStyle.height, box.y + box.height + margin)
        let width = right - left, height = bottom - top
        var svg = #"<svg xmlns="http://www.w3.org/2000/svg" width="\#(width)" height="\#(height)" viewBox="\#(left) \#(top) \#(width) \#(height)">"#
        for line in text.lines {
            let color = line.issuer ? style.issuerColor : style.nameColor
            for run in line.runs {
                svg += #"<text x="\#(run.x)" y="\#(line.baseline)" font-family="\#(family(run.face, issuer: line.issuer))" font-size="\#(line.size)" fill="\#(color.hex)">"#
                svg += Self.escaped(run.text)
                svg += "</text>"
            }
        }
        svg += "</svg>"
        guard let document = try? SVGDocument(parsing: Array(svg.utf8)) else { return }
        let raster = document.render(width: width, height: height, fonts: textFonts)
        canvas.composite(raster.pixels, width: raster.width, height: raster.height, x: left, y: top)
    }

    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
