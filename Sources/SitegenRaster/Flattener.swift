import Foundation

/// One sub-path as a polyline.
struct Polyline {
    var points: [Point]
    var closed: Bool
}

/// Turns a path's curves into polylines whose distance from the true curve stays under a
/// tolerance: each cubic is cut into `n` equal parameter steps, with `n` from the bound on the
/// error of a chord, `|B''|max / (8 n²)`, where `|B''| ≤ 6·max(|p0 − 2p1 + p2|, |p1 − 2p2 + p3|)`.
enum Flattener {
    /// Cap on pieces per curve, so that absurd coordinates cannot make the renderer hang.
    static let maximumSteps = 1000

    static func flatten(_ path: Path, tolerance: Double) -> [Polyline] {
        var lines: [Polyline] = []
        var current: [Point] = []
        var start = Point(0, 0)
        var last = Point(0, 0)
        func finish(closed: Bool) {
            if !current.isEmpty { lines.append(Polyline(points: current, closed: closed)) }
            current = []
        }
        for element in path.elements {
            switch element {
            case .move(let p):
                finish(closed: false)
                current = [p]
                start = p
                last = p
            case .line(let p):
                if current.isEmpty { current = [last] }
                current.append(p)
                last = p
            case .cubic(let c1, let c2, let p):
                if current.isEmpty { current = [last] }
                let p0 = last
                let dd = max((p0 - c1 * 2 + c2).length, (c1 - c2 * 2 + p).length)
                let wanted = (0.75 * dd / tolerance).squareRoot().rounded(.up)
                let steps = wanted.isFinite ? Int(min(Double(maximumSteps), max(1, wanted))) : 1
                for i in 1..<steps {
                    let t = Double(i) / Double(steps)
                    let mt = 1 - t
                    current.append(p0 * (mt * mt * mt) + c1 * (3 * mt * mt * t) + c2 * (3 * mt * t * t) + p * (t * t * t))
                }
                current.append(p)
                last = p
            case .close:
                if current.isEmpty { current = [last] }
                finish(closed: true)
                last = start
            }
        }
        finish(closed: false)
        return lines
    }
}
