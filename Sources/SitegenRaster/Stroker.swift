import Foundation

/// Expands polylines into the polygons whose union is their stroke: one quadrilateral per
/// segment, a wedge per join (miter, round or bevel) and a piece per cap. Every polygon is
/// turned to the same orientation, so that filling them together with the nonzero rule paints
/// their union. Where a polyline turns only slightly (the vertices of a flattened curve) the two
/// segments are instead cut along the bisector of the turn: they then share that edge exactly,
/// leaving no overlap that anti-aliasing could count twice at the stroke's inner side.
struct Stroker {
    var halfWidth: Double
    var cap: LineCap
    var join: LineJoin
    var miterLimit: Double
    /// Chord error allowed on round joins and caps, in the polylines' units.
    var tolerance: Double

    /// Turns under this angle (radians) use the bisector cut instead of a join piece.
    static let smoothTurn = 0.35

    func stroke(_ lines: [Polyline]) -> [[Point]] {
        var polygons: [[Point]] = []
        for line in lines { strokeOne(line, into: &polygons) }
        return polygons.map(Self.positivelyOriented)
    }

    private func strokeOne(_ line: Polyline, into polygons: inout [[Point]]) {
        var points: [Point] = []
        for p in line.points where points.last.map({ ($0 - p).length > 1e-9 }) ?? true { points.append(p) }
        var closed = line.closed
        if closed && points.count > 1 && (points[0] - points[points.count - 1]).length <= 1e-9 { points.removeLast() }
        if points.count < 2 {
            // A zero-length sub-path: only round and square caps draw it, as a dot.
            guard let p = points.first ?? line.points.first else { return }
            switch cap {
            case .butt: break
            case .round: polygons.append(circle(p))
            case .square:
                let h = halfWidth
                polygons.append([Point(p.x - h, p.y - h), Point(p.x + h, p.y - h), Point(p.x + h, p.y + h), Point(p.x - h, p.y + h)])
            }
            return
        }
        if closed && points.count < 3 { closed = false; points.append(points[0]) }
        let n = points.count
        let segmentCount = closed ? n : n - 1
        func direction(_ i: Int) -> Point { (points[(i + 1) % n] - points[i]).normalized }
        func length(_ i: Int) -> Double { (points[(i + 1) % n] - points[i]).length }
        // The cut at each vertex: offsets on the left (+) and right (-) side of the path there.
        var cutAtStart: [(Point, Point)] = []
        var cutAtEnd: [(Point, Point)] = []
        for i in 0..<segmentCount {
            let normal = direction(i).perpendicular * halfWidth
            let a = points[i], b = points[(i + 1) % n]
            cutAtStart.append((a + normal, a - normal))
            cutAtEnd.append((b + normal, b - normal))
        }
        let vertices = closed ? Array(0..<n) : Array(1..<(n - 1))
        for v in vertices {
            let inSegment = (v - 1 + segmentCount) % segmentCount
            let outSegment = v % segmentCount
            let d0 = direction(inSegment), d1 = direction(outSegment)
            let cross = d0.cross(d1), dot = d0.dot(d1)
            let turn = atan2(cross, dot)
            let p = points[v]
            if abs(turn) < 1e-9 { continue }
            let cutReach = halfWidth * tan(abs(turn) / 2)
            if abs(turn) < Self.smoothTurn && cutReach <= 0.5 * min(length(inSegment), length(outSegment)) {
                let bisector = (d0.perpendicular + d1.perpendicular).normalized
                let reach = halfWidth / bisector.dot(d0.perpendicular)
                let cut = (p + bisector * reach, p - bisector * reach)
                cutAtEnd[inSegment] = cut
                cutAtStart[outSegment] = cut
                continue
            }
            // The outer side is left of the path when it turns right (negative cross), and so on.
            let side: Double = cross > 0 ? -1 : 1
            let a = p + d0.perpendicular * (halfWidth * side)
            let b = p + d1.perpendicular * (halfWidth * side)
            switch join {
            case .bevel:
                polygons.append([p, a, b])
            case .round:
                polygons.append([p] + arc(center: p, from: a, to: b))
            case .miter:
                // The miter ratio is 1/sin(θ/2) for the angle θ between the segments.
                let theta = Double.pi - abs(turn)
                let ratio = 1 / max(1e-12, sin(theta / 2))
                if ratio <= miterLimit {
                    let bisector = ((a - p) + (b - p)).normalized
                    let tip = p + bisector * (halfWidth * ratio)
                    polygons.append([p, a, tip, b])
                } else {
                    polygons.append([p, a, b])
                }
            }
        }
        for i in 0..<segmentCount {
            polygons.append([cutAtStart[i].0, cutAtEnd[i].0, cutAtEnd[i].1, cutAtStart[i].1])
        }
        if !closed {
            addCap(at: points[0], direction: direction(0) * -1, into: &polygons)
            addCap(at: points[n - 1], direction: direction(n - 2), into: &polygons)
        }
    }

    /// A cap at an open end; `direction` points away from the line.
    private func addCap(at p: Point, direction d: Point, into polygons: inout [[Point]]) {
        let normal = d.perpendicular * halfWidth
        switch cap {
        case .butt:
            break
        case .square:
            let ahead = d * halfWidth
            polygons.append([p + normal, p + normal + ahead, p - normal + ahead, p - normal])
        case .round:
            polygons.append(arc(center: p, from: p + normal, to: p - normal, through: p + d * halfWidth))
        }
    }

    /// Points along a circular arc around `center` from `from` to `to` (both included), through
    /// the shorter way unless `through` says otherwise.
    private func arc(center: Point, from: Point, to: Point, through: Point? = nil) -> [Point] {
        let start = atan2(from.y - center.y, from.x - center.x)
        var end = atan2(to.y - center.y, to.x - center.x)
        var sweep = end - start
        if let through {
            let mid = atan2(through.y - center.y, through.x - center.x)
            // Choose the sweep direction that passes the midpoint.
            var m = mid - start
            while m < 0 { m += 2 * .pi }
            var s = sweep
            while s < 0 { s += 2 * .pi }
            sweep = m < s ? s : s - 2 * .pi
        } else {
            while sweep > .pi { sweep -= 2 * .pi }
            while sweep < -.pi { sweep += 2 * .pi }
        }
        end = start + sweep
        let wanted = (abs(sweep) / stepAngle).rounded(.up)
        let steps = wanted.isFinite ? Int(max(1, min(256, wanted))) : 1
        var out: [Point] = []
        for i in 0...steps {
            let t = start + sweep * Double(i) / Double(steps)
            out.append(Point(center.x + halfWidth * cos(t), center.y + halfWidth * sin(t)))
        }
        out[0] = from
        out[steps] = to
        return out
    }

    private func circle(_ center: Point) -> [Point] {
        let steps = max(8, min(512, Int((2 * .pi / stepAngle).rounded(.up))))
        return (0..<steps).map { i in
            let t = 2 * .pi * Double(i) / Double(steps)
            return Point(center.x + halfWidth * cos(t), center.y + halfWidth * sin(t))
        }
    }

    /// The angle step whose chord stays within `tolerance` of a circle of radius `halfWidth`.
    private var stepAngle: Double {
        guard halfWidth > tolerance else { return .pi / 2 }
        return max(0.01, 2 * acos(1 - tolerance / halfWidth))
    }

    static func signedArea(_ polygon: [Point]) -> Double {
        var area = 0.0
        for i in polygon.indices {
            area += polygon[i].cross(polygon[(i + 1) % polygon.count])
        }
        return area / 2
    }

    static func positivelyOriented(_ polygon: [Point]) -> [Point] {
        signedArea(polygon) < 0 ? polygon.reversed() : polygon
    }
}
