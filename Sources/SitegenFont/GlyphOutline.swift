/// A glyph's contours in font units, y up, as TrueType stores them: quadratic B-splines whose
/// points are on or off the curve. Composite glyphs arrive already flattened into their parts.
public struct GlyphOutline: Sendable, Equatable {
    public struct Point: Sendable, Equatable {
        public var x: Double
        public var y: Double
        public var onCurve: Bool
    }

    public var contours: [[Point]]

    public var pointCount: Int { contours.reduce(0) { $0 + $1.count } }

    /// The extent of every point, control points included (as `glyf` bounding boxes are made),
    /// or nil for an empty glyph.
    public var bounds: (xMin: Double, yMin: Double, xMax: Double, yMax: Double)? {
        let points = contours.joined()
        guard let first = points.first else { return nil }
        return points.reduce((first.x, first.y, first.x, first.y)) { box, p in
            (min(box.0, p.x), min(box.1, p.y), max(box.2, p.x), max(box.3, p.y))
        }
    }

    /// The contours as move/line/quad/close steps, through `place` (font units → the caller's
    /// space). Two off-curve points in a row imply an on-curve point midway between them.
    public func segments<S>(_ place: (Double, Double) -> (Double, Double),
                            move: ((Double, Double)) -> S, line: ((Double, Double)) -> S,
                            quad: ((Double, Double), (Double, Double)) -> S, close: S) -> [S] {
        var out: [S] = []
        for contour in contours where contour.count > 1 {
            func mid(_ a: Point, _ b: Point) -> Point { Point(x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, onCurve: true) }
            let points: [Point]
            let start: Point
            if let k = contour.firstIndex(where: \.onCurve) {
                points = Array(contour[(k + 1)...] + contour[...k])
                start = contour[k]
            } else {
                start = mid(contour[0], contour[1])
                points = Array(contour[1...]) + [contour[0], start]
            }
            out.append(move(place(start.x, start.y)))
            var control: Point? = nil
            for p in points {
                if p.onCurve {
                    if let c = control { out.append(quad(place(c.x, c.y), place(p.x, p.y))) } else { out.append(line(place(p.x, p.y))) }
                    control = nil
                } else {
                    if let c = control {
                        let m = mid(c, p)
                        out.append(quad(place(c.x, c.y), place(m.x, m.y)))
                    }
                    control = p
                }
            }
            if let c = control { out.append(quad(place(c.x, c.y), place(start.x, start.y))) }
            out.append(close)
        }
        return out
    }
}

extension TrueTypeFont {
    /// Composite glyphs may nest this deep (the OpenType spec sets no limit; fonts use 1–3).
    static let compositeDepthLimit = 8
    /// Components read in one outline, across all depths: bounds the work a hostile composite
    /// tree (wide fan-out at every level) can ask for.
    static let componentBudget = 4096

    /// The outline of `glyph`, composites resolved.
    public func outline(of glyph: Int) throws -> GlyphOutline {
        var budget = Self.componentBudget
        return GlyphOutline(contours: try contours(of: glyph, depth: 0, budget: &budget))
    }

    private func glyphRange(_ glyph: Int) throws -> Range<Int> {
        let loca = tables["loca"]!, glyf = tables["glyf"]!
        guard glyph >= 0, glyph < glyphCount else { throw FontError(offset: loca.offset, "glyph \(glyph) is not below numGlyphs \(glyphCount)") }
        let start = longLoca ? try data.u32(loca.offset + glyph * 4) : try data.u16(loca.offset + glyph * 2) * 2
        let end = longLoca ? try data.u32(loca.offset + glyph * 4 + 4) : try data.u16(loca.offset + glyph * 2 + 2) * 2
        guard start <= end, end <= glyf.length else {
            throw FontError(offset: loca.offset + glyph * (longLoca ? 4 : 2), "'loca' entry for glyph \(glyph) (\(start)…\(end)) lies outside 'glyf' (\(glyf.length) bytes)")
        }
        return (glyf.offset + start)..<(glyf.offset + end)
    }

    private func contours(of glyph: Int, depth: Int, budget: inout Int) throws -> [[GlyphOutline.Point]] {
        let range = try glyphRange(glyph)
        guard !range.isEmpty else { return [] }
        // Reads stay inside this glyph's own bytes, not merely inside the file.
        let glyphData = data.ending(at: range.upperBound)
        let contourCount = try glyphData.i16(range.lowerBound)
        if contourCount >= 0 {
            return try simpleContours(glyphData, at: range.lowerBound, contourCount: contourCount)
        }
        guard depth < Self.compositeDepthLimit else {
            throw FontError(offset: range.lowerBound, "composite glyph \(glyph) nests deeper than \(Self.compositeDepthLimit)")
        }
        return try compositeContours(glyphData, at: range.lowerBound + 10, depth: depth, budget: &budget)
    }

    private func simpleContours(_ data: FontBytes, at start: Int, contourCount: Int) throws -> [[GlyphOutline.Point]] {
        var ends: [Int] = []
        for i in 0..<contourCount {
            let end = try data.u16(start + 10 + i * 2)
            guard end >= (ends.last ?? -1) + 1 else { throw FontError(offset: start + 10 + i * 2, "contour end points are not increasing") }
            ends.append(end)
        }
        let pointCount = (ends.last ?? -1) + 1
        var p = start + 10 + contourCount * 2
        p += 2 + (try data.u16(p)) // instructions
        var flags: [UInt8] = []
        flags.reserveCapacity(pointCount)
        while flags.count < pointCount {
            let flag = UInt8(try data.u8(p)); p += 1
            flags.append(flag)
            if flag & 0x08 != 0 {
                let repeats = try data.u8(p); p += 1
                flags += repeatElement(flag, count: min(repeats, pointCount - flags.count))
            }
        }
        func coordinates(short: UInt8, sameOrPositive: UInt8) throws -> [Int] {
            var values: [Int] = []
            values.reserveCapacity(pointCount)
            var v = 0
            for flag in flags {
                if flag & short != 0 {
                    let d = try data.u8(p); p += 1
                    v += flag & sameOrPositive != 0 ? d : -d
                } else if flag & sameOrPositive == 0 {
                    v += try data.i16(p); p += 2
                }
                values.append(v)
            }
            return values
        }
        let xs = try coordinates(short: 0x02, sameOrPositive: 0x10)
        let ys = try coordinates(short: 0x04, sameOrPositive: 0x20)
        var contours: [[GlyphOutline.Point]] = []
        var first = 0
        for end in ends {
            contours.append((first...end).map { GlyphOutline.Point(x: Double(xs[$0]), y: Double(ys[$0]), onCurve: flags[$0] & 1 != 0) })
            first = end + 1
        }
        return contours
    }

    private func compositeContours(_ data: FontBytes, at start: Int, depth: Int, budget: inout Int) throws -> [[GlyphOutline.Point]] {
        var contours: [[GlyphOutline.Point]] = []
        var p = start
        var more = true
        while more {
            budget -= 1
            guard budget >= 0 else { throw FontError(offset: p, "composite glyph uses more than \(Self.componentBudget) components") }
            let componentStart = p
            let flags = try data.u16(p)
            let component = try data.u16(p + 2)
            p += 4
            let arg1: Int, arg2: Int
            let xyValues = flags & 0x0002 != 0
            if flags & 0x0001 != 0 {
                arg1 = xyValues ? try data.i16(p) : try data.u16(p)
                arg2 = xyValues ? try data.i16(p + 2) : try data.u16(p + 2)
                p += 4
            } else {
                arg1 = xyValues ? Int(Int8(truncatingIfNeeded: try data.u8(p))) : try data.u8(p)
                arg2 = xyValues ? Int(Int8(truncatingIfNeeded: try data.u8(p + 1))) : try data.u8(p + 1)
                p += 2
            }
            // x' = xx·x + yx·y + dx, y' = xy·x + yy·y + dy
            var (xx, xy, yx, yy) = (1.0, 0.0, 0.0, 1.0)
            if flags & 0x0008 != 0 {
                xx = try data.f2dot14(p); yy = xx; p += 2
            } else if flags & 0x0040 != 0 {
                xx = try data.f2dot14(p); yy = try data.f2dot14(p + 2); p += 4
            } else if flags & 0x0080 != 0 {
                xx = try data.f2dot14(p); xy = try data.f2dot14(p + 2)
                yx = try data.f2dot14(p + 4); yy = try data.f2dot14(p + 6); p += 8
            }
            let parts = try self.contours(of: component, depth: depth + 1, budget: &budget)
            var placed = parts.map { $0.map { q in
                GlyphOutline.Point(x: xx * q.x + yx * q.y, y: xy * q.x + yy * q.y, onCurve: q.onCurve)
            } }
            var (dx, dy) = (0.0, 0.0)
            if xyValues {
                (dx, dy) = (Double(arg1), Double(arg2))
                // SCALED_COMPONENT_OFFSET is rare; honour it when set, as FreeType does.
                if flags & 0x0800 != 0, flags & 0x1000 == 0 {
                    (dx, dy) = (xx * Double(arg1) + yx * Double(arg2), xy * Double(arg1) + yy * Double(arg2))
                }
            } else {
                // Point matching: the component's point arg2 lands on the glyph-so-far's point arg1.
                let parent = contours.joined().map { $0 }, child = placed.joined().map { $0 }
                guard arg1 < parent.count, arg2 < child.count else {
                    throw FontError(offset: componentStart + 4, "component anchor points \(arg1)/\(arg2) do not exist")
                }
                (dx, dy) = (parent[arg1].x - child[arg2].x, parent[arg1].y - child[arg2].y)
            }
            placed = placed.map { $0.map { GlyphOutline.Point(x: $0.x + dx, y: $0.y + dy, onCurve: $0.onCurve) } }
            contours += placed
            more = flags & 0x0020 != 0
        }
        return contours
    }
}
