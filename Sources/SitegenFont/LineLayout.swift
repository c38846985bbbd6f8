/// A code point the font has no glyph for, and where it is in the text (in Unicode scalars).
public struct MissingGlyph: Error, Equatable, CustomStringConvertible {
    public let scalar: Unicode.Scalar
    public let index: Int

    public var description: String {
        "no glyph for U+\(String(scalar.value, radix: 16, uppercase: true)) at character \(index + 1)"
    }
}

/// One line of text set in one font at one size: glyphs with their pen positions, in pixels
/// (or whatever unit `size` is in), x to the right from the line's start.
public struct LineLayout: Sendable, Equatable {
    public struct PlacedGlyph: Sendable, Equatable {
        public let glyph: Int
        public let x: Double
        /// The glyph's own advance, before kerning with the next one.
        public let advance: Double
    }

    public let glyphs: [PlacedGlyph]
    /// Where the pen ends: the sum of advances and kerning.
    public let width: Double
}

extension TrueTypeFont {
    /// Glyph ids for every scalar of `text`, or the first one the font lacks.
    public func glyphs(for text: String) throws -> [Int] {
        try text.unicodeScalars.enumerated().map { index, scalar in
            guard let glyph = glyph(for: scalar) else { throw MissingGlyph(scalar: scalar, index: index) }
            return glyph
        }
    }

    /// `text` on one line at `size` (the em size), with `kern` pairs applied.
    public func layout(_ text: String, size: Double) throws -> LineLayout {
        let scale = size / Double(unitsPerEm)
        let ids = try glyphs(for: text)
        var pen = 0
        var placed: [LineLayout.PlacedGlyph] = []
        for (i, glyph) in ids.enumerated() {
            let advance = try advance(of: glyph)
            placed.append(.init(glyph: glyph, x: Double(pen) * scale, advance: Double(advance) * scale))
            pen += advance
            if i + 1 < ids.count { pen += kerning(between: glyph, and: ids[i + 1]) }
        }
        return LineLayout(glyphs: placed, width: Double(pen) * scale)
    }

    /// `text` broken into lines no wider than `maxWidth` at `size`: at spaces, and before or
    /// after a CJK character (ideographs, kana, hangul). A word wider than the line is left
    /// whole on a line of its own rather than cut. Spaces at a break are dropped; no
    /// kinsoku (line-start punctuation) rules.
    public func breakLines(_ text: String, size: Double, maxWidth: Double) throws -> [String] {
        // Widths in font units, kept per line as it grows, so a long text costs one pass.
        let limit = maxWidth / size * Double(unitsPerEm)
        var lines: [String] = []
        var line = ""
        var lineWidth = 0, lineTrimmedWidth = 0, lineLast: Int? = nil
        for chunk in LineBreaks.chunks(text) {
            let ids = try glyphs(for: chunk)
            let trimmedCount = LineBreaks.trimmingTrailingSpaces(chunk).unicodeScalars.count
            let (full, trimmed) = try widths(ids, trimmedCount: trimmedCount)
            let joint = lineLast.map { kerning(between: $0, and: ids[0]) } ?? 0
            let candidateTrimmed = trimmedCount == 0 ? lineTrimmedWidth : lineWidth + joint + trimmed
            if !line.isEmpty, Double(candidateTrimmed) > limit {
                lines.append(LineBreaks.trimmingTrailingSpaces(line))
                let rest = String(chunk.drop(while: { $0 == " " }))
                let restIds = Array(ids.suffix(rest.unicodeScalars.count))
                line = rest
                (lineWidth, lineTrimmedWidth) = try widths(restIds, trimmedCount: LineBreaks.trimmingTrailingSpaces(rest).unicodeScalars.count)
                lineLast = restIds.last
            } else {
                line += chunk
                lineWidth += joint + full
                lineTrimmedWidth = candidateTrimmed
                lineLast = ids.last
            }
        }
        let last = LineBreaks.trimmingTrailingSpaces(line)
        if !last.isEmpty || lines.isEmpty { lines.append(last) }
        return lines
    }

    /// The kerned width of `ids`, and of its first `trimmedCount` glyphs, in font units.
    private func widths(_ ids: [Int], trimmedCount: Int) throws -> (full: Int, trimmed: Int) {
        var pen = 0, trimmed = 0
        for (i, glyph) in ids.enumerated() {
            if i > 0 { pen += kerning(between: ids[i - 1], and: glyph) }
            pen += try advance(of: glyph)
            if i + 1 == trimmedCount { trimmed = pen }
        }
        return (pen, trimmed)
    }
}

/// Where a line may break (a small subset of UAX #14 that covers names and titles). Public for
/// the social card, which breaks lines of text set in several faces.
public enum LineBreaks {
    /// Pieces that may not be split, each keeping the spaces that follow it.
    public static func chunks(_ text: String) -> [String] {
        var chunks: [String] = []
        var current = ""
        var previous: Unicode.Scalar? = nil
        for scalar in text.unicodeScalars {
            if let previous, !current.isEmpty, breakAllowed(between: previous, and: scalar) {
                chunks.append(current)
                current = ""
            }
            current.unicodeScalars.append(scalar)
            previous = scalar
        }
        if !current.isEmpty { chunks.append(current) }
        return chunks
    }

    static func breakAllowed(between a: Unicode.Scalar, and b: Unicode.Scalar) -> Bool {
        if b == " " { return false }
        if a == " " { return true }
        // A combining mark stays with what it marks.
        if b.properties.generalCategory == .nonspacingMark { return false }
        return isCJK(a) || isCJK(b)
    }

    static func isCJK(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x1100...0x11FF, 0x3130...0x318F, 0xA960...0xA97F, 0xAC00...0xD7AF, 0xD7B0...0xD7FF: return true // hangul
        case 0x3040...0x309F, 0x30A0...0x30FF, 0x31F0...0x31FF: return true // kana
        case 0x2E80...0x2FDF, 0x3005...0x3007, 0x3021...0x3029, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF: return true // ideographs
        case 0x20000...0x3FFFF: return true // supplementary ideographs
        default: return false
        }
    }

    static func trimmingTrailingSpaces(_ s: String) -> String {
        var s = s
        while s.last == " " { s.removeLast() }
        return s
    }
}
