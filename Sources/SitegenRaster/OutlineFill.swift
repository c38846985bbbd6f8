/// One outline's coverage in a box of pixels, as bytes (0…255, rounded to nearest): what a
/// caller that sets text itself (the link-preview card) blends straight into its own pixels.
public struct CoverageMask: Sendable, Equatable {
    /// The box, in the caller's pixel grid.
    public let x: Int, y: Int, width: Int, height: Int
    /// Row by row, `width` a row.
    public let alpha: [UInt8]
}

/// Fills an outline of lines and quadratic curves (TrueType glyphs) by the nonzero rule, with
/// the accumulator and curve tolerance the SVG renderer uses, but with no document, style,
/// float RGBA canvas or composite pass in between.
public struct OutlineFill {
    private var accumulator: CoverageAccumulator
    private var start = Point(0, 0)
    private var current = Point(0, 0)

    /// Coordinates are in device pixels, y down; the box is where coverage is kept (edges left
    /// of it still count, as for any fill).
    public init(x: Int, y: Int, width: Int, height: Int) {
        accumulator = CoverageAccumulator(minX: x, minY: y, width: max(0, width), height: max(0, height))
    }

    public mutating func move(to x: Double, _ y: Double) {
        close()
        start = Point(x, y)
        current = start
    }

    public mutating func line(to x: Double, _ y: Double) {
        let p = Point(x, y)
        accumulator.addLine(current, p)
        current = p
    }

    /// A quadratic Bézier from the current point, cut into chords no farther than the
    /// renderer's tolerance from the curve: `|B''| = 2·|p0 − 2c + p|`, chord error ≤ |B''| / (8 n²).
    public mutating func quad(_ cx: Double, _ cy: Double, _ x: Double, _ y: Double) {
        let p0 = current, c = Point(cx, cy), p = Point(x, y)
        let dd = (p0 - c * 2 + p).length
        let wanted = (0.25 * dd / SVGRenderer.tolerance).squareRoot().rounded(.up)
        let steps = wanted.isFinite ? Int(min(Double(Flattener.maximumSteps), max(1, wanted))) : 1
        var previous = p0
        for i in 1..<steps {
            let t = Double(i) / Double(steps), mt = 1 - t
            let q = p0 * (mt * mt) + c * (2 * mt * t) + p * (t * t)
            accumulator.addLine(previous, q)
            previous = q
        }
        accumulator.addLine(previous, p)
        current = p
    }

    /// Closes the current contour back to its start.
    public mutating func close() {
        if current != start { accumulator.addLine(current, start) }
        current = start
    }

    /// The coverage so far (open contours closed).
    public mutating func mask() -> CoverageMask {
        close()
        let width = accumulator.width, height = accumulator.height
        var alpha = [UInt8](repeating: 0, count: width * height)
        var row = [Float](repeating: 0, count: width)
        alpha.withUnsafeMutableBufferPointer { alpha in
            for y in 0..<height {
                accumulator.coverage(row: y, rule: .nonzero, into: &row)
                for x in 0..<width {
                    alpha[y * width + x] = UInt8(min(1, max(0, row[x])) * 255 + 0.5)
                }
            }
        }
        return CoverageMask(x: accumulator.minX, y: accumulator.minY, width: width, height: height, alpha: alpha)
    }
}
