/// A stand-in for a 1200×630 social card as the PNG encoder will hand it to deflate: RGB rows,
/// each with the filter (None, Sub, Up, Average, Paeth) of smallest sum of absolute values, the
/// heuristic libpng uses.
enum SyntheticCard {
    static func pixels(width: Int, height: Int) -> [UInt8] {
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        let cx = Double(width) * 0.22, cy = Double(height) * 0.5, radius = Double(height) * 0.32
        for y in 0..<height {
            for x in 0..<width {
                // Flat background; a gradient header band; an anti-aliased disc (the badge);
                // rows of text-like strokes with soft edges.
                var r = 246.0, g = 244.0, b = 239.0
                if y < height / 6 {
                    let t = Double(x) / Double(width)
                    r = 20 + 40 * t; g = 50 + 30 * t; b = 110 + 90 * t
                }
                let d = ((Double(x) - cx) * (Double(x) - cx) + (Double(y) - cy) * (Double(y) - cy)).squareRoot()
                let coverage = max(0, min(1, radius + 0.5 - d))
                let shade = 0.75 + 0.25 * (Double(y) - cy + radius) / (2 * radius)
                r += (210 * shade - r) * coverage; g += (140 * shade - g) * coverage; b += (30 * shade - b) * coverage
                let top = height / 3, lineHeight = 56
                let line = (y - top) / lineHeight, inLine = (y - top) % lineHeight
                if x > width * 45 / 100, x < width - 80, y >= top, line < 4, inLine < 34 {
                    let glyph = (x - width * 45 / 100) / 19
                    let gx = (x - width * 45 / 100) % 19
                    let isGap = (glyph * 7 + line * 3) % 6 == 0
                    let stroke = gx < 4 || (inLine < 4 && gx < 14) || (inLine > 29 && gx < 12) || (glyph % 3 == 1 && abs(gx - inLine / 2) < 2)
                    if !isGap && stroke {
                        let edge = gx == 0 || gx == 3 ? 0.5 : 1.0
                        r += (35 - r) * edge; g += (38 - g) * edge; b += (48 - b) * edge
                    }
                }
                let i = (y * width + x) * 3
                rgb[i] = UInt8(r.rounded()); rgb[i + 1] = UInt8(g.rounded()); rgb[i + 2] = UInt8(b.rounded())
            }
        }
        return rgb
    }

    static func filteredRows(_ rgb: [UInt8], width: Int, height: Int) -> [UInt8] {
        let stride = width * 3
        var out: [UInt8] = []
        out.reserveCapacity((stride + 1) * height)
        var candidates = [[UInt8]](repeating: [UInt8](repeating: 0, count: stride), count: 5)
        for y in 0..<height {
            let row = rgb[(y * stride)..<((y + 1) * stride)].map { $0 }
            let above = y == 0 ? [UInt8](repeating: 0, count: stride) : rgb[((y - 1) * stride)..<(y * stride)].map { $0 }
            for i in 0..<stride {
                let a = i >= 3 ? row[i - 3] : 0, b = above[i], c = i >= 3 ? above[i - 3] : 0
                candidates[0][i] = row[i]
                candidates[1][i] = row[i] &- a
                candidates[2][i] = row[i] &- b
                candidates[3][i] = row[i] &- UInt8((Int(a) + Int(b)) / 2)
                let p = Int(a) + Int(b) - Int(c)
                let pa = abs(p - Int(a)), pb = abs(p - Int(b)), pc = abs(p - Int(c))
                candidates[4][i] = row[i] &- (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)
            }
            var best = 0, bestSum = Int.max
            for filter in 0..<5 {
                let sum = candidates[filter].reduce(0) { $0 + Int(Int(Int8(bitPattern: $1)).magnitude) }
                if sum < bestSum { best = filter; bestSum = sum }
            }
            out.append(UInt8(best))
            out += candidates[best]
        }
        return out
    }
}
