import SitegenRaster

extension CardDesign {
    /// The lines drawn through SitegenRaster's `<text>` (how cards were drawn before
    /// `draw(_:on:)`; the tests hold the direct path to it), in a picture just around them (with a
    /// margin for descenders, accents and overhangs); the rows it may have changed.
    func drawThroughSVG(_ text: CardTextLayout, on canvas: inout CardCanvas) -> Range<Int> {
        guard let first = text.lines.first, let last = text.lines.last else { return 0..<0 }
        let margin = 24
        let box = style.textBox
        let left = max(0, box.x - margin)
        let widest = text.lines.map { line in line.runs.last.map { $0.x + line.size * Double($0.text.unicodeScalars.count) } ?? 0 }.max() ?? 0
        let right = min(CardStyle.width, box.x + box.width + margin, Int(widest) + margin)
        let top = max(0, Int(first.baseline - first.size * 1.3))
        let bottom = min(CardStyle.height, Int(last.baseline + last.size * 0.6) + 1)
        guard right > left, bottom > top else { return 0..<0 }
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
        guard let document = try? SVGDocument(parsing: Array(svg.utf8)) else { return 0..<0 }
        let raster = document.render(width: width, height: height, fonts: textFonts)
        canvas.composite(raster.pixels, width: raster.width, height: raster.height, x: left, y: top)
        return top..<bottom
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
