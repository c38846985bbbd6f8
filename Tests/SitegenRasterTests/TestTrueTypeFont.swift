import Foundation
@testable import SitegenRaster

/// A test-only TrueType reader, just enough to feed `SVGFontSource` from the fixture fonts:
/// `cmap` format 4, `hmtx`, `loca`/`glyf` simple glyphs (quadratic contours with implied
/// on-curve points). No kerning, no hinting. The project's own TrueType support belongs to the
/// social-card text step.
struct TestTrueTypeFont {
    struct Failure: Error, CustomStringConvertible { let description: String }

    let bytes: [UInt8]
    let tables: [String: Int]
    let unitsPerEm: Double
    let longLoca: Bool
    let horizontalMetricCount: Int

    init(_ bytes: [UInt8]) throws {
        self.bytes = bytes
        guard bytes.count > 12 else { throw Failure(description: "too short") }
        var tables: [String: Int] = [:]
        let count = Int(bytes[4]) << 8 | Int(bytes[5])
        for i in 0..<count {
            let record = 12 + i * 16
            guard record + 16 <= bytes.count else { throw Failure(description: "truncated table directory") }
            tables[String(decoding: bytes[record..<(record + 4)], as: UTF8.self)] = Int(Self.u32(bytes, record + 8))
        }
        for name in ["head", "hhea", "hmtx", "cmap", "loca", "glyf"] where tables[name] == nil {
            throw Failure(description: "no \(name) table")
        }
        self.tables = tables
        unitsPerEm = Double(Self.u16(bytes, tables["head"]! + 18))
        longLoca = Self.u16(bytes, tables["head"]! + 50) == 1
        horizontalMetricCount = Self.u16(bytes, tables["hhea"]! + 34)
    }

    static func u16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) << 8 | Int(b[i + 1]) }
    static func i16(_ b: [UInt8], _ i: Int) -> Int { Int(Int16(bitPattern: UInt16(u16(b, i)))) }
    static func u32(_ b: [UInt8], _ i: Int) -> UInt32 { UInt32(u16(b, i)) << 16 | UInt32(u16(b, i + 2)) }

    func glyphIndex(_ scalar: Unicode.Scalar) -> Int? {
        let cmap = tables["cmap"]!
        let subtableCount = Self.u16(bytes, cmap + 2)
        for i in 0..<subtableCount {
            let record = cmap + 4 + i * 8
            guard Self.u16(bytes, record) == 3, Self.u16(bytes, record + 2) == 1 else { continue }
            let table = cmap + Int(Self.u32(bytes, record + 4))
            guard Self.u16(bytes, table) == 4 else { continue }
            let segments = Self.u16(bytes, table + 6) / 2
            let ends = table + 14, starts = ends + segments * 2 + 2
            let deltas = starts + segments * 2, offsets = deltas + segments * 2
            let c = Int(scalar.value)
            for s in 0..<segments where c <= Self.u16(bytes, ends + s * 2) {
                let start = Self.u16(bytes, starts + s * 2)
                guard c >= start else { return nil }
                let rangeOffset = Self.u16(bytes, offsets + s * 2)
                if rangeOffset == 0 { return (c + Self.u16(bytes, deltas + s * 2)) & 0xFFFF }
                let glyph = Self.u16(bytes, offsets + s * 2 + rangeOffset + (c - start) * 2)
                return glyph == 0 ? nil : (glyph + Self.u16(bytes, deltas + s * 2)) & 0xFFFF
            }
        }
        return nil
    }

    func advance(_ glyph: Int) -> Double {
        let index = min(glyph, horizontalMetricCount - 1)
        return Double(Self.u16(bytes, tables["hmtx"]! + index * 4)) / unitsPerEm
    }

    /// The glyph's contours as segments in em units, y down, pen at `penX`.
    func outline(_ glyph: Int, penX: Double) throws -> [SVGGlyphRun.Segment] {
        let loca = tables["loca"]!
        let start = longLoca ? Int(Self.u32(bytes, loca + glyph * 4)) : Self.u16(bytes, loca + glyph * 2) * 2
        let end = longLoca ? Int(Self.u32(bytes, loca + glyph * 4 + 4)) : Self.u16(bytes, loca + glyph * 2 + 2) * 2
        if end <= start { return [] }
        let g = tables["glyf"]! + start
        let contourCount = Self.i16(bytes, g)
        guard contourCount >= 0 else { throw Failure(description: "composite glyph \(glyph) not supported") }
        var endPoints: [Int] = []
        for i in 0..<contourCount { endPoints.append(Self.u16(bytes, g + 10 + i * 2)) }
        let pointCount = (endPoints.last ?? -1) + 1
        var p = g + 10 + contourCount * 2
        p += 2 + Self.u16(bytes, p)
        var flags: [UInt8] = []
        while flags.count < pointCount {
            let flag = bytes[p]; p += 1
            flags.append(flag)
            if flag & 8 != 0 {
                let repeats = Int(bytes[p]); p += 1
                flags += Array(repeating: flag, count: repeats)
            }
        }
        func coordinates(short: UInt8, same: UInt8) -> [Int] {
            var values: [Int] = []
            var v = 0
            for flag in flags.prefix(pointCount) {
                if flag & short != 0 {
                    let d = Int(bytes[p]); p += 1
                    v += flag & same != 0 ? d : -d
                } else if flag & same == 0 {
                    v += Self.i16(bytes, p); p += 2
                }
                values.append(v)
            }
            return values
        }
        let xs = coordinates(short: 2, same: 16)
        let ys = coordinates(short: 4, same: 32)
        func point(_ i: Int) -> (Double, Double) { (penX + Double(xs[i]) / unitsPerEm, -Double(ys[i]) / unitsPerEm) }
        var segments: [SVGGlyphRun.Segment] = []
        var first = 0
        for last in endPoints {
            let indices = Array(first...last)
            first = last + 1
            guard indices.count > 1 else { continue }
            // Start on an on-curve point, or at the midpoint of two off-curve ones.
            let onCurve = { (i: Int) in flags[i] & 1 != 0 }
            let rotated: [Int]
            var startPoint: (Double, Double)
            if let k = indices.firstIndex(where: onCurve) {
                rotated = Array(indices[k...] + indices[..<k])
                startPoint = point(rotated[0])
            } else {
                rotated = indices
                let (a, b) = (point(indices[0]), point(indices[1]))
                startPoint = ((a.0 + b.0) / 2, (a.1 + b.1) / 2)
            }
            segments.append(.move(x: startPoint.0, y: startPoint.1))
            var control: (Double, Double)? = nil
            for i in rotated.dropFirst(onCurve(rotated[0]) ? 1 : 0) + [rotated[0]] {
                let q = point(i)
                if onCurve(i) {
                    if let c = control { segments.append(.quad(cx: c.0, cy: c.1, x: q.0, y: q.1)) } else { segments.append(.line(x: q.0, y: q.1)) }
                    control = nil
                } else {
                    if let c = control {
                        let mid = ((c.0 + q.0) / 2, (c.1 + q.1) / 2)
                        segments.append(.quad(cx: c.0, cy: c.1, x: mid.0, y: mid.1))
                    }
                    control = q
                }
            }
            if let c = control { segments.append(.quad(cx: c.0, cy: c.1, x: startPoint.0, y: startPoint.1)) }
            segments.append(.close)
        }
        return segments
    }
}

/// The fixture DejaVu Sans faces as an `SVGFontSource`: bold for weights of 600 and up.
struct TestFontSource: SVGFontSource {
    let regular: TestTrueTypeFont
    let bold: TestTrueTypeFont

    static func fixtures() throws -> TestFontSource {
        let folder = Corpus.fixtures.deletingLastPathComponent().appendingPathComponent("fonts")
        return TestFontSource(
            regular: try TestTrueTypeFont(Corpus.bytes(folder.appendingPathComponent("DejaVuSans-ASCII.ttf"))),
            bold: try TestTrueTypeFont(Corpus.bytes(folder.appendingPathComponent("DejaVuSans-Bold-ASCII.ttf"))))
    }

    func glyphRun(for text: String, request: SVGFontRequest) -> SVGGlyphRun? {
        let font = request.weight >= 600 ? bold : regular
        var pen = 0.0
        var segments: [SVGGlyphRun.Segment] = []
        for scalar in text.unicodeScalars {
            guard let glyph = font.glyphIndex(scalar), let outline = try? font.outline(glyph, penX: pen) else { return nil }
            segments += outline
            pen += font.advance(glyph)
        }
        return SVGGlyphRun(segments: segments, advance: pen)
    }
}
