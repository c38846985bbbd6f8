import Foundation

/// A point or vector in some 2-D coordinate system.
struct Point: Equatable {
    var x: Double
    var y: Double

    init(_ x: Double, _ y: Double) { self.x = x; self.y = y }

    static func + (a: Point, b: Point) -> Point { Point(a.x + b.x, a.y + b.y) }
    static func - (a: Point, b: Point) -> Point { Point(a.x - b.x, a.y - b.y) }
    static func * (a: Point, s: Double) -> Point { Point(a.x * s, a.y * s) }
    var length: Double { (x * x + y * y).squareRoot() }
    func dot(_ b: Point) -> Double { x * b.x + y * b.y }
    func cross(_ b: Point) -> Double { x * b.y - y * b.x }
    /// The unit vector, or zero for a zero vector.
    var normalized: Point {
        let l = length
        return l > 0 ? Point(x / l, y / l) : Point(0, 0)
    }
    /// Turned a quarter to the left in a y-down system.
    var perpendicular: Point { Point(-y, x) }
    func lerp(_ b: Point, _ t: Double) -> Point { Point(x + (b.x - x) * t, y + (b.y - y) * t) }
}

/// An affine map `(x, y) → (a·x + c·y + e, b·x + d·y + f)`, as SVG's `matrix(a b c d e f)`.
struct AffineTransform: Equatable {
    var a = 1.0, b = 0.0, c = 0.0, d = 1.0, e = 0.0, f = 0.0

    static let identity = AffineTransform()

    static func translation(_ x: Double, _ y: Double) -> AffineTransform { AffineTransform(e: x, f: y) }
    static func scale(_ x: Double, _ y: Double) -> AffineTransform { AffineTransform(a: x, d: y) }
    static func rotation(degrees: Double) -> AffineTransform {
        let r = degrees * .pi / 180
        let (s, co) = (sin(r), cos(r))
        return AffineTransform(a: co, b: s, c: -s, d: co)
    }

    /// `self` applied after `other`: points go through `other` first.
    func concatenating(_ inner: AffineTransform) -> AffineTransform {
        AffineTransform(
            a: a * inner.a + c * inner.b, b: b * inner.a + d * inner.b,
            c: a * inner.c + c * inner.d, d: b * inner.c + d * inner.d,
            e: a * inner.e + c * inner.f + e, f: b * inner.e + d * inner.f + f)
    }

    func apply(_ p: Point) -> Point { Point(a * p.x + c * p.y + e, b * p.x + d * p.y + f) }

    var determinant: Double { a * d - b * c }

    var inverted: AffineTransform? {
        let det = determinant
        guard det.isFinite, abs(det) > 1e-300 else { return nil }
        return AffineTransform(
            a: d / det, b: -b / det, c: -c / det, d: a / det,
            e: (c * f - d * e) / det, f: (b * e - a * f) / det)
    }

    /// The largest factor by which the map stretches a length: bounds flattening error in device pixels.
    var maximumScale: Double {
        let p = a * a + b * b, q = c * c + d * d, r = a * c + b * d
        let half = (p + q) / 2
        return (half + ((p - q) * (p - q) / 4 + r * r).squareRoot()).squareRoot()
    }
}

/// An axis-aligned rectangle.
struct Box: Equatable {
    var minX: Double, minY: Double, maxX: Double, maxY: Double
    var width: Double { maxX - minX }
    var height: Double { maxY - minY }

    static let empty = Box(minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)
    var isEmpty: Bool { !(maxX >= minX && maxY >= minY) }

    mutating func include(_ p: Point) {
        minX = min(minX, p.x); minY = min(minY, p.y)
        maxX = max(maxX, p.x); maxY = max(maxY, p.y)
    }
}
