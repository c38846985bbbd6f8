import SitegenRandom

/// Deterministic test inputs of the kinds the encoder meets: text, noise, runs, image rows.
enum SampleData {
    static func random(_ count: Int, seed: UInt64 = 1) -> [UInt8] {
        var generator = SplitMix(seed: seed)
        return (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    }

    static func text(_ count: Int, seed: UInt64 = 2) -> [UInt8] {
        let words = ["badge", "issuer", "award", "earner", "credential", "the", "of", "and", "a", "verify",
                     "status", "list", "revoked", "holder", "Open", "Badges", "3.0", "proof", "signed", "page"]
        var generator = SplitMix(seed: seed)
        var out: [UInt8] = []
        while out.count < count {
            out += Array(words[generator.below(words.count)].utf8)
            out.append(generator.below(12) == 0 ? 0x0A : 0x20)
        }
        return Array(out.prefix(count))
    }

    /// Rows of a synthetic social card as a PNG encoder hands them to deflate: filter byte 1
    /// (Sub) then RGB deltas. Flat background, a vertical gradient band, an anti-aliased disc and
    /// text-like strokes.
    static func cardScanlines(width: Int, height: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity((width * 3 + 1) * height)
        let cx = Double(width) * 0.25, cy = Double(height) * 0.5, radius = Double(height) * 0.3
        var row = [UInt8](repeating: 0, count: width * 3)
        for y in 0..<height {
            for x in 0..<width {
                var rgb: (Double, Double, Double) = (245, 243, 238)
                if y < height / 8 {
                    let t = Double(y) / Double(height / 8)
                    rgb = (30 + 60 * t, 60 + 40 * t, 120 + 80 * t)
                }
                let distance = ((Double(x) - cx) * (Double(x) - cx) + (Double(y) - cy) * (Double(y) - cy)).squareRoot()
                let coverage = max(0, min(1, radius + 0.5 - distance))
                rgb = (rgb.0 + (200 - rgb.0) * coverage, rgb.1 + (120 - rgb.1) * coverage, rgb.2 + (20 - rgb.2) * coverage)
                // Text-like strokes: short dark bars in lines right of the disc.
                let line = (y - height / 3) / 40
                if x > width / 2, x < width - 60, y > height / 3, line < 4, (y - height / 3) % 40 < 22,
                   (x / 7 + line * 3) % 5 != 0, (x % 7) < 3 {
                    rgb = (40, 40, 48)
                }
                row[x * 3] = UInt8(rgb.0.rounded())
                row[x * 3 + 1] = UInt8(rgb.1.rounded())
                row[x * 3 + 2] = UInt8(rgb.2.rounded())
            }
            out.append(1)
            for i in 0..<row.count { out.append(i < 3 ? row[i] : row[i] &- row[i - 3]) }
        }
        return out
    }

    /// A Bitstring Status List: `bits` entries, a few set.
    static func statusList(bits: Int = 131_072, revoked: [Int] = [7, 4242, 100_000]) -> [UInt8] {
        var list = [UInt8](repeating: 0, count: bits / 8)
        for index in revoked { list[index / 8] |= 0x80 >> UInt8(index % 8) }
        return list
    }
}
