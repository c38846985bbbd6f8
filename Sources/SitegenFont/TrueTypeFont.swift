/// A TrueType (`glyf`-outline) font: the tables needed to map text to glyphs, measure them,
/// kern them and draw them. Every read is bounds-checked; a broken file is a `FontError`.
public struct TrueTypeFont: Sendable {
    struct Table: Sendable { let offset: Int; let length: Int }

    let data: FontBytes
    let tables: [String: Table]
    public let unitsPerEm: Int
    public let glyphCount: Int
    /// From `hhea`, in font units; the descender is negative (below the baseline).
    public let ascender: Int
    public let descender: Int
    public let lineGap: Int
    let longLoca: Bool
    let horizontalMetricCount: Int
    let characterMap: CharacterMap
    let kerning: [UInt32: Int]

    public init(bytes: [UInt8]) throws {
        let data = FontBytes(bytes: bytes)
        self.data = data
        let version = try data.u32(0)
        guard version == 0x0001_0000 || version == 0x7472_7565 else { // 'true' is Apple's tag
            throw FontError(offset: 0, version == 0x4F54_544F ? "a CFF (OpenType 'OTTO') font, not TrueType outlines" : "not a TrueType font (sfnt version \(version))")
        }
        let tableCount = try data.u16(4)
        try data.require(12, tableCount * 16, "the table directory")
        var tables: [String: Table] = [:]
        for i in 0..<tableCount {
            let record = 12 + i * 16
            let table = Table(offset: try data.u32(record + 8), length: try data.u32(record + 12))
            let tag = try data.tag(record)
            try data.require(table.offset, table.length, "table '\(tag)'")
            tables[tag] = table
        }
        func table(_ tag: String) throws -> Table {
            guard let table = tables[tag] else { throw FontError(offset: 12, "no '\(tag)' table") }
            return table
        }
        self.tables = tables
        let head = try table("head")
        try data.require(head.offset, 54, "table 'head'")
        unitsPerEm = try data.u16(head.offset + 18)
        guard (16...16384).contains(unitsPerEm) else { throw FontError(offset: head.offset + 18, "unitsPerEm \(unitsPerEm) is outside 16…16384") }
        let locaFormat = try data.i16(head.offset + 50)
        guard locaFormat == 0 || locaFormat == 1 else { throw FontError(offset: head.offset + 50, "indexToLocFormat \(locaFormat) is neither 0 nor 1") }
        longLoca = locaFormat == 1
        let maxp = try table("maxp")
        try data.require(maxp.offset, 6, "table 'maxp'")
        glyphCount = try data.u16(maxp.offset + 4)
        let hhea = try table("hhea")
        try data.require(hhea.offset, 36, "table 'hhea'")
        ascender = try data.i16(hhea.offset + 4)
        descender = try data.i16(hhea.offset + 6)
        lineGap = try data.i16(hhea.offset + 8)
        horizontalMetricCount = try data.u16(hhea.offset + 34)
        guard horizontalMetricCount >= 1 else { throw FontError(offset: hhea.offset + 34, "numberOfHMetrics is 0") }
        let hmtx = try table("hmtx")
        guard horizontalMetricCount * 4 <= hmtx.length else { throw FontError(offset: hmtx.offset, "'hmtx' is shorter than numberOfHMetrics × 4") }
        let loca = try table("loca")
        guard (glyphCount + 1) * (longLoca ? 4 : 2) <= loca.length else { throw FontError(offset: loca.offset, "'loca' is shorter than numGlyphs + 1 entries") }
        _ = try table("glyf")
        characterMap = try CharacterMap(data, table: try table("cmap"), glyphCount: glyphCount)
        kerning = try tables["kern"].map { try Self.readKern(data, table: $0) } ?? [:]
    }

    /// The glyph for a code point, or nil when the font has none (glyph 0, `.notdef`).
    public func glyph(for scalar: Unicode.Scalar) -> Int? {
        characterMap.glyph(for: scalar.value)
    }

    /// The advance width in font units.
    public func advance(of glyph: Int) throws -> Int {
        guard glyph >= 0, glyph < glyphCount else { throw FontError(offset: tables["hmtx"]!.offset, "glyph \(glyph) is not below numGlyphs \(glyphCount)") }
        return try data.u16(tables["hmtx"]!.offset + min(glyph, horizontalMetricCount - 1) * 4)
    }

    /// The `kern` adjustment between two glyphs, in font units (0 for none).
    public func kerning(between left: Int, and right: Int) -> Int {
        kerning[UInt32(truncatingIfNeeded: left) << 16 | UInt32(truncatingIfNeeded: right)] ?? 0
    }

    /// Windows-style `kern` (version 0) horizontal format-0 subtables. Apple's version-1 `kern`
    /// and GPOS pair kerning are not read: the fonts this serves carry a classic `kern` or none.
    static func readKern(_ data: FontBytes, table: TrueTypeFont.Table) throws -> [UInt32: Int] {
        guard try data.u16(table.offset) == 0 else { return [:] }
        var pairs: [UInt32: Int] = [:]
        var subtable = table.offset + 4
        for _ in 0..<(try data.u16(table.offset + 2)) {
            let length = try data.u16(subtable + 2)
            let coverage = try data.u16(subtable + 4)
            // Format 0, horizontal, not minimum values, not cross-stream.
            if coverage >> 8 == 0, coverage & 0x7 == 0x1 {
                let pairCount = try data.u16(subtable + 6)
                try data.require(subtable + 14, pairCount * 6, "'kern' pairs")
                for p in 0..<pairCount {
                    let at = subtable + 14 + p * 6
                    let key = UInt32(try data.u16(at)) << 16 | UInt32(try data.u16(at + 2))
                    pairs[key, default: 0] += try data.i16(at + 4)
                }
            }
            guard length >= 6 else { throw FontError(offset: subtable + 2, "'kern' subtable length \(length) is under its header") }
            subtable += length
        }
        return pairs
    }
}
