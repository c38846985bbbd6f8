/// The `cmap` subtable the font uses to map Unicode code points to glyphs: format 12 (full
/// repertoire) when present, else format 4 (the BMP).
struct CharacterMap: Sendable {
    enum Kind: Sendable { case segments4, groups12, none }

    let data: FontBytes
    let kind: Kind
    let offset: Int
    let glyphCount: Int
    let segmentCount: Int
    /// Whether the format 4 segments' end codes ascend, as the format requires. Then a code
    /// point's segment (the first ending at or after it) is found by bisection: the CJK fallback
    /// font has thousands of segments, and scanning them was ~2% of the cards benchmark's
    /// instructions. A table out of order is still scanned, so every font maps as before.
    let endsAscend: Bool

    init(_ data: FontBytes, table: TrueTypeFont.Table, glyphCount: Int) throws {
        self.data = data
        self.glyphCount = glyphCount
        let recordCount = try data.u16(table.offset + 2)
        try data.require(table.offset + 4, recordCount * 8, "'cmap' encoding records")
        var best: (rank: Int, format: Int, offset: Int)? = nil
        for i in 0..<recordCount {
            let record = table.offset + 4 + i * 8
            let platform = try data.u16(record), encoding = try data.u16(record + 2)
            let offset = table.offset + (try data.u32(record + 4))
            let format = try data.u16(offset)
            let unicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10))
            guard unicode, format == 4 || format == 12 else { continue }
            let rank = format == 12 ? 2 : 1
            if rank > (best?.rank ?? 0) { best = (rank, format, offset) }
        }
        guard let best else {
            kind = .none; offset = 0; segmentCount = 0; endsAscend = false
            return
        }
        offset = best.offset
        if best.format == 4 {
            kind = .segments4
            segmentCount = try data.u16(offset + 6) / 2
            try data.require(offset + 14, segmentCount * 8 + 2, "'cmap' format 4 segment arrays")
            var ascending = true, previous = -1
            for s in 0..<segmentCount {
                let end = try data.u16(offset + 14 + s * 2)
                if end < previous { ascending = false; break }
                previous = end
            }
            endsAscend = ascending
        } else {
            kind = .groups12
            segmentCount = try data.u32(offset + 12)
            try data.require(offset + 16, segmentCount * 12, "'cmap' format 12 groups")
            endsAscend = false
        }
    }

    func glyph(for codePoint: UInt32) -> Int? {
        let glyph: Int?
        switch kind {
        case .none: glyph = nil
        case .segments4: glyph = try? segmentGlyph(Int(codePoint))
        case .groups12: glyph = try? groupGlyph(Int(codePoint))
        }
        guard let glyph, glyph > 0, glyph < glyphCount else { return nil }
        return glyph
    }

    private func segmentGlyph(_ c: Int) throws -> Int? {
        guard c <= 0xFFFF else { return nil }
        let ends = offset + 14, starts = ends + segmentCount * 2 + 2
        let deltas = starts + segmentCount * 2, rangeOffsets = deltas + segmentCount * 2
        var first = 0
        if endsAscend {
            var high = segmentCount
            while first < high {
                let mid = (first + high) / 2
                if (try data.u16(ends + mid * 2)) < c { first = mid + 1 } else { high = mid }
            }
        }
        for s in first..<segmentCount where c <= (try data.u16(ends + s * 2)) {
            let start = try data.u16(starts + s * 2)
            guard c >= start else { return nil }
            let delta = try data.u16(deltas + s * 2)
            let rangeOffset = try data.u16(rangeOffsets + s * 2)
            if rangeOffset == 0 { return (c + delta) & 0xFFFF }
            // idRangeOffset counts bytes from its own slot into glyphIdArray.
            let glyph = try data.u16(rangeOffsets + s * 2 + rangeOffset + (c - start) * 2)
            return glyph == 0 ? nil : (glyph + delta) & 0xFFFF
        }
        return nil
    }

    private func groupGlyph(_ c: Int) throws -> Int? {
        var low = 0, high = segmentCount
        while low < high {
            let mid = (low + high) / 2
            let group = offset + 16 + mid * 12
            if c < (try data.u32(group)) { high = mid }
            else if c > (try data.u32(group + 4)) { low = mid + 1 }
            else { return (try data.u32(group + 8)) + c - (try data.u32(group)) }
        }
        return nil
    }
}
