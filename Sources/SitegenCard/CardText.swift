import SitegenFont

extension CardDesign {
    /// The lines drawn straight from the glyph outlines: each glyph's coverage mask (from
    /// `glyphMasks`) added into a one-channel picture of its colour's lines, blended in that
    /// colour onto the card. No SVG, no float RGBA canvas: the text was a third of a card's
    /// time through SitegenRaster's `<text>`. Returns the box it may have changed.
    func draw(_ text: CardTextLayout, on canvas: inout CardCanvas) -> CardRegion {
        var changed = CardRegion.empty
        for issuer in [false, true] {
            let lines = text.lines.filter { $0.issuer == issuer }
            if lines.isEmpty { continue }
            changed = changed.union(draw(lines, faces: issuer ? issuerFaces : nameFaces, firstFace: issuer ? nameFaces.count : 0,
                                         color: issuer ? style.issuerColor : style.nameColor, on: &canvas))
        }
        return changed
    }

    private struct PlacedMask {
        var mask: GlyphMasks.Mask
        var x: Int, y: Int
    }

    private func draw(_ lines: [CardTextLayout.Line], faces: [TrueTypeFont], firstFace: Int, color: CardColor,
                      on canvas: inout CardCanvas) -> CardRegion {
        // A pen position as whole pixels and quarters: the mask's key holds the quarters.
        func split(_ v: Double) -> (whole: Int, phase: Int8) {
            let quarters = Int((v * Double(GlyphMasks.phases)).rounded())
            let whole = Int((Double(quarters) / Double(GlyphMasks.phases)).rounded(.down))
            return (whole, Int8(quarters - whole * GlyphMasks.phases))
        }
        var placed: [PlacedMask] = []
        var left = Int.max, right = Int.min, top = Int.max, bottom = Int.min
        for line in lines {
            let (baseline, phaseY) = split(line.baseline)
            for run in line.runs {
                guard let layout = try? faces[run.face].layout(run.text, size: line.size) else { continue }
                for glyph in layout.glyphs {
                    let (pen, phaseX) = split(run.x + glyph.x)
                    let key = GlyphMasks.Key(face: firstFace + run.face, glyph: glyph.glyph, size: line.size.bitPattern,
                                             phaseX: phaseX, phaseY: phaseY)
                    let mask = glyphMasks.mask(key, in: faces[run.face])
                    if mask.width == 0 || mask.height == 0 { continue }
                    let x = pen + mask.dx, y = baseline + mask.dy
                    placed.append(PlacedMask(mask: mask, x: x, y: y))
                    left = min(left, x); right = max(right, x + mask.width)
                    top = min(top, y); bottom = max(bottom, y + mask.height)
                }
            }
        }
        left = max(0, left); right = min(CardCanvas.width, right)
        top = max(0, top); bottom = min(CardCanvas.height, bottom)
        guard right > left, bottom > top else { return .empty }
        let width = right - left
        // Coverage of glyphs that share a pixel adds up (outlines of neighbours do not overlap,
        // so the sum is their union), capped at opaque.
        var sum = [UInt16](repeating: 0, count: width * (bottom - top))
        // Per row, the columns some glyph covers: the blend below visits only those, not the
        // whole box (most of which is space between lines and after short ones).
        var spans = [(from: Int, to: Int)](repeating: (Int.max, Int.min), count: bottom - top)
        sum.withUnsafeMutableBufferPointer { sum in
            for item in placed {
                let columns = max(item.x, left)..<min(item.x + item.mask.width, right)
                let rows = max(item.y, top)..<min(item.y + item.mask.height, bottom)
                if columns.isEmpty || rows.isEmpty { continue }
                item.mask.alpha.withUnsafeBufferPointer { alpha in
                    for y in rows {
                        let source = alpha.baseAddress! + (y - item.y) * item.mask.width - item.x
                        let target = sum.baseAddress! + (y - top) * width - left
                        for x in columns { target[x] &+= UInt16(source[x]) }
                        spans[y - top].from = min(spans[y - top].from, columns.lowerBound)
                        spans[y - top].to = max(spans[y - top].to, columns.upperBound)
                    }
                }
            }
        }
        let red = UInt32(color.red), green = UInt32(color.green), blue = UInt32(color.blue)
        sum.withUnsafeBufferPointer { sum in
            canvas.pixels.withUnsafeMutableBufferPointer { pixels in
                for y in top..<bottom where spans[y - top].from < spans[y - top].to {
                    let covered = sum.baseAddress! + (y - top) * width - left
                    let row = pixels.baseAddress! + y * CardCanvas.rowBytes
                    for x in spans[y - top].from..<spans[y - top].to {
                        let alpha = UInt32(min(255, covered[x]))
                        if alpha == 0 { continue }
                        let t = row + x * 3
                        if alpha == 255 {
                            t[0] = color.red; t[1] = color.green; t[2] = color.blue
                            continue
                        }
                        // Rounded (a·s + (255 − a)·t) / 255, as CardCanvas.composite.
                        let rest = 255 - alpha
                        let r = alpha * red + rest * UInt32(t[0]) + 127
                        let g = alpha * green + rest * UInt32(t[1]) + 127
                        let b = alpha * blue + rest * UInt32(t[2]) + 127
                        t[0] = UInt8(truncatingIfNeeded: (r + (r >> 8)) >> 8)
                        t[1] = UInt8(truncatingIfNeeded: (g + (g >> 8)) >> 8)
                        t[2] = UInt8(truncatingIfNeeded: (b + (b >> 8)) >> 8)
                    }
                }
            }
        }
        return CardRegion(rows: top..<bottom, columns: left..<right)
    }
}
