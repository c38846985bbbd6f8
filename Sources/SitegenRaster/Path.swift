import Foundation

/// An outline in one coordinate system: sub-paths of lines and cubic Béziers. Quadratics and
/// arcs are turned into cubics when the path is built, so later stages see only these four.
struct Path {
    enum Element {
        case move(Point)
        case line(Point)
        case cubic(Point, Point, Point)
        case close
    }

    var elements: [Element] = []
    private(set) var current = Point(0, 0)
    private var subpathStart = Point(0, 0)

    var isEmpty: Bool { elements.isEmpty }

    mutating func move(to p: Point) {
        elements.append(.move(p))
        current = p
        subpathStart = p
    }

    mutating func line(to p: Point) {
        elements.append(.line(p))
        current = p
    }

    mutating func cubic(_ c1: Point, _ c2: Point, _ p: Point) {
        elements.append(.cubic(c1, c2, p))
        current = p
    }

    /// A quadratic, raised to the cubic with the same curve.
    mutating func quad(_ c: Point, _ p: Point) {
        let p0 = current
        cubic(p0 + (c - p0) * (2.0 / 3), p + (c - p) * (2.0 / 3), p)
    }

    mutating func close() {
        elements.append(.close)
        current = subpathStart
    }

    /// An elliptical arc from the current point, by the endpoint-to-centre conversion of the SVG
    /// implementation notes (F.6.5, with radii scaled up per F.6.6), as cubics of at most 90°.
    mutating func arc(radii: Point, rotation degrees: Double, largeArc: Bool, sweep: Bool, to p: Point) {
        let p0 = current
        var rx = abs(radii.x), ry = abs(radii.y)
        if p0 == p { return }
        if rx == 0 || ry == 0 { line(to: p); return }
        let phi = degrees * .pi / 180
        let (sinPhi, cosPhi) = (sin(phi), cos(phi))
        let dx2 = (p0.x - p.x) / 2, dy2 = (p0.y - p.y) / 2
        let x1p = cosPhi * dx2 + sinPhi * dy2
        let y1p = -sinPhi * dx2 + cosPhi * dy2
        let lambda = (x1p * x1p) / (rx * rx) + (y1p * y1p) / (ry * ry)
        if lambda > 1 {
            let s = lambda.squareRoot()
            rx *= s; ry *= s
        }
        let num = rx * rx * ry * ry - rx * rx * y1p * y1p - ry * ry * x1p * x1p
        let den = rx * rx * y1p * y1p + ry * ry * x1p * x1p
        var coef = den > 0 ? (max(0, num) / den).squareRoot() : 0
        if largeArc == sweep { coef = -coef }
        let cxp = coef * (rx * y1p / ry)
        let cyp = coef * -(ry * x1p / rx)
        let cx = cosPhi * cxp - sinPhi * cyp + (p0.x + p.x) / 2
        let cy = sinPhi * cxp + cosPhi * cyp + (p0.y + p.y) / 2
        func angle(_ ux: Double, _ uy: Double, _ vx: Double, _ vy: Double) -> Double {
            atan2(ux * vy - uy * vx, ux * vx + uy * vy)
        }
        let ux = (x1p - cxp) / rx, uy = (y1p - cyp) / ry
        let vx = (-x1p - cxp) / rx, vy = (-y1p - cyp) / ry
        let theta1 = angle(1, 0, ux, uy)
        var delta = angle(ux, uy, vx, vy)
        if !sweep && delta > 0 { delta -= 2 * .pi }
        if sweep && delta < 0 { delta += 2 * .pi }
        // Overflowing radii can leave NaNs behind; SVG would draw nothing sensible, so a line.
        guard delta.isFinite, theta1.isFinite, cx.isFinite, cy.isFinite else { line(to: p); return }
        let segments = max(1, Int((abs(delta) / (.pi / 2) - 1e-9).rounded(.up)))
        let step = delta / Double(segments)
        let k = 4.0 / 3 * tan(step / 4)
        func pointOn(_ t: Double) -> (Point, Point) {
            let (s, c) = (sin(t), cos(t))
            let position = Point(cx + rx * c * cosPhi - ry * s * sinPhi, cy + rx * c * sinPhi + ry * s * cosPhi)
            let derivative = Point(-rx * s * cosPhi - ry * c * sinPhi, -rx * s * sinPhi + ry * c * cosPhi)
            return (position, derivative)
        }
        var t = theta1
        var (start, startDerivative) = pointOn(t)
        for index in 0..<segments {
            let t2 = t + step
            var (end, endDerivative) = pointOn(t2)
            if index == segments - 1 { end = p }
            cubic(start + startDerivative * k, end - endDerivative * k, end)
            t = t2
            start = end
            startDerivative = endDerivative
        }
    }

    func transformed(by m: AffineTransform) -> Path {
        var out = Path()
        out.elements = elements.map { element in
            switch element {
            case .move(let p): return .move(m.apply(p))
            case .line(let p): return .line(m.apply(p))
            case .cubic(let a, let b, let c): return .cubic(m.apply(a), m.apply(b), m.apply(c))
            case .close: return .close
            }
        }
        return out
    }

    /// The bounds of the control polygon's curve: exact for lines, and for cubics the bounds of
    /// their extrema, since `objectBoundingBox` units need the tight box.
    var bounds: Box {
        var box = Box.empty
        var last = Point(0, 0)
        var start = Point(0, 0)
        for element in elements {
            switch element {
            case .move(let p): box.include(p); last = p; start = p
            case .line(let p): box.include(p); last = p
            case .close: last = start
            case .cubic(let c1, let c2, let p):
                box.include(p)
                for t in Self.cubicExtrema(last.x, c1.x, c2.x, p.x) + Self.cubicExtrema(last.y, c1.y, c2.y, p.y) {
                    let mt = 1 - t
                    box.include(last * (mt * mt * mt) + c1 * (3 * mt * mt * t) + c2 * (3 * mt * t * t) + p * (t * t * t))
                }
                last = p
            }
        }
        return box
    }

    private static func cubicExtrema(_ p0: Double, _ p1: Double, _ p2: Double, _ p3: Double) -> [Double] {
        let a = -p0 + 3 * p1 - 3 * p2 + p3
        let b = 2 * (p0 - 2 * p1 + p2)
        let c = p1 - p0
        var roots: [Double] = []
        if abs(a) < 1e-12 {
            if abs(b) > 1e-12 { roots.append(-c / b) }
        } else {
            let disc = b * b - 4 * a * c
            if disc >= 0 {
                let s = disc.squareRoot()
                roots.append((-b + s) / (2 * a))
                roots.append((-b - s) / (2 * a))
            }
        }
        return roots.filter { $0 > 0 && $0 < 1 }
    }
}
