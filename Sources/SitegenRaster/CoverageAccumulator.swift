import Foundation

/// Anti-aliased coverage by exact signed-area accumulation, after font-rs and stb_truetype:
/// every edge adds, to the cells it crosses, the signed area it sweeps to its right (and the
/// rest of its vertical extent to the next cell), so that a running sum along a row gives the
/// exact winding-weighted area of each cell.
///
/// Fill rules. The running sum is a winding number averaged over the cell; applying a fill rule
/// to an average is only exact where a single edge crosses the cell. To stay winding-aware where
/// overlapping sub-paths or stroke pieces meet, each pixel row is accumulated as
/// `subRows` separate strips (the edges' y scaled by `subRows`): in every strip the running sum
/// is folded by the rule — nonzero: `min(1, |w|)`; evenodd: the distance of `w` to the nearest
/// even integer, a triangle wave that maps 0→0, 1→1, 2→0 and a partially crossed 1…2 step to
/// 1…0 — and the pixel's coverage is the strips' mean. Areas inside a strip stay exact, so a
/// single edge's coverage is exact as in font-rs; errors from several edges inside one strip of
/// one pixel are bounded by that strip's share of the pixel.
struct CoverageAccumulator {
    static let subRows = 4

    /// The device-pixel box this pass covers; cells outside are never touched.
    let minX: Int, minY: Int, width: Int, height: Int
    /// A pixel's four strips side by side: cell (strip y, x) is at
    /// `((y / subRows) * stride + x) * subRows + y % subRows`, so that `coverage` sums the four
    /// strips of a row in the lanes of one SIMD4, one add per pixel on the running sums' chain
    /// instead of four (what it bought: raster-bench's mean per SVG 3.1–4.2 → 2.8–3.5 ms).
    private var cells: [Float]
    /// Cells per strip row: the box's width and two spare columns the accumulation may reach.
    private let stride: Int

    /// `bounds` is clamped to the canvas by the caller.
    init(minX: Int, minY: Int, width: Int, height: Int) {
        self.minX = minX
        self.minY = minY
        self.width = width
        self.height = height
        stride = width + 2
        cells = [Float](repeating: 0, count: stride * height * Self.subRows)
    }

    /// Adds one edge, in device pixels. Parts left of the box act at its left side (they still
    /// change the winding of everything to their right); parts right of it and above or below do
    /// nothing.
    mutating func addLine(_ a: Point, _ b: Point) {
        let left = Double(minX), right = Double(minX + width)
        let p0 = Point(a.x, (a.y - Double(minY)) * Double(Self.subRows))
        let p1 = Point(b.x, (b.y - Double(minY)) * Double(Self.subRows))
        if p0.y == p1.y || !p0.y.isFinite || !p1.y.isFinite || !p0.x.isFinite || !p1.x.isFinite { return }
        // Split where the edge crosses the box's left and right sides, so every piece is inside
        // or wholly to one side; pieces to the left are moved onto the side.
        var pieces: [(Point, Point)] = [(p0, p1)]
        for boundary in [left, right] {
            var next: [(Point, Point)] = []
            for (s, e) in pieces {
                if (s.x < boundary) != (e.x < boundary) && s.x != boundary && e.x != boundary {
                    let t = (boundary - s.x) / (e.x - s.x)
                    let m = Point(boundary, s.y + (e.y - s.y) * t)
                    next.append((s, m)); next.append((m, e))
                } else {
                    next.append((s, e))
                }
            }
            pieces = next
        }
        for (s, e) in pieces {
            if s.x >= right && e.x >= right { continue }
            let s2 = Point(max(s.x, left) - left, s.y)
            let e2 = Point(max(e.x, left) - left, e.y)
            accumulate(s2, e2)
        }
    }

    /// font-rs's line accumulation, in box-local coordinates with x in [0, width].
    private mutating func accumulate(_ a: Point, _ b: Point) {
        let rows = height * Self.subRows
        let dir: Float = a.y < b.y ? 1 : -1
        let (p0, p1) = a.y < b.y ? (a, b) : (b, a)
        if p1.y <= 0 || p0.y >= Double(rows) { return }
        let dxdy = (p1.x - p0.x) / (p1.y - p0.y)
        let maxX = Double(width)
        var x = p0.x
        if p0.y < 0 { x -= p0.y * dxdy }
        // Rounding can carry x a hair outside [0, width]; the unchecked writes below rely on it not.
        x = min(maxX, max(0, x))
        let yStart = Int(max(0, p0.y.rounded(.down)))
        let yEnd = Int(min(Double(rows), p1.y.rounded(.up)))
        cells.withUnsafeMutableBufferPointer { cell in
            // Unchecked indexing here: this loop is the rasteriser's inner loop, and every index
            // is bounded by the clamps above (x in [0, width], rows in [0, rows)).
            for y in yStart..<yEnd {
                // Cell x of this strip is at lineStart + x * subRows (`cells`).
                let lineStart = (y / Self.subRows * stride) * Self.subRows + y % Self.subRows
                let dy = min(Double(y + 1), p1.y) - max(Double(y), p0.y)
                let xNext = min(maxX, max(0, x + dxdy * dy))
                let d = Float(dy) * dir
                let (x0, x1) = x < xNext ? (x, xNext) : (xNext, x)
                let x0Floor = x0.rounded(.down)
                let x0i = Int(x0Floor)
                let x1Ceil = x1.rounded(.up)
                let x1i = Int(x1Ceil)
                if x1i <= x0i + 1 {
                    let xmf = Float(0.5 * (x + xNext) - x0Floor)
                    cell[lineStart + x0i * Self.subRows] += d - d * xmf
                    cell[lineStart + (x0i + 1) * Self.subRows] += d * xmf
                } else {
                    let s = Float(1 / (x1 - x0))
                    let x0f = Float(x0 - x0Floor)
                    let a0 = 0.5 * s * (1 - x0f) * (1 - x0f)
                    let x1f = Float(x1 - x1Ceil + 1)
                    let am = 0.5 * s * x1f * x1f
                    cell[lineStart + x0i * Self.subRows] += d * a0
                    if x1i == x0i + 2 {
                        cell[lineStart + (x0i + 1) * Self.subRows] += d * (1 - a0 - am)
                    } else {
                        let a1 = s * (1.5 - x0f)
                        cell[lineStart + (x0i + 1) * Self.subRows] += d * (a1 - a0)
                        if x0i + 2 < x1i - 1 {
                            for xi in (x0i + 2)..<(x1i - 1) { cell[lineStart + xi * Self.subRows] += d * s }
                        }
                        let a2 = a1 + Float(x1i - x0i - 3) * s
                        cell[lineStart + (x1i - 1) * Self.subRows] += d * (1 - a2 - am)
                    }
                    cell[lineStart + x1i * Self.subRows] += d * am
                }
                x = xNext
            }
        }
    }

    /// The coverage (0…1) of every pixel of one box row, by the fill rule; `row` is box-local.
    /// The four strips' running sums go side by side in SIMD lanes; a pixel's coverage adds the
    /// lanes in strip order, as one strip after another did.
    func coverage(row: Int, rule: FillRule, into out: inout [Float]) {
        let scale = 1 / Float(Self.subRows)
        let width = self.width, stride = self.stride
        let one = SIMD4<Float>(repeating: 1), two = SIMD4<Float>(repeating: 2)
        cells.withUnsafeBufferPointer { cell in
            out.withUnsafeMutableBufferPointer { o in
                // Unchecked, and one loop per rule: this runs once per pixel for every shape,
                // and is most of the rasteriser's time.
                let line = UnsafeRawPointer(cell.baseAddress!).advanced(by: row * stride * Self.subRows * MemoryLayout<Float>.stride)
                var winding = SIMD4<Float>()
                switch rule {
                case .nonzero:
                    for i in 0..<width {
                        winding += line.loadUnaligned(fromByteOffset: i * 16, as: SIMD4<Float>.self)
                        // min(1, |w|) as the scalar min does it (NaN gives 1), without its
                        // per-lane branches: pointwiseMin compiled to a branch per lane.
                        let w = Self.magnitude(winding)
                        let c = w.replacing(with: one, where: .!(w .< one)) * scale
                        o[i] = c[0] + c[1] + c[2] + c[3]
                    }
                case .evenodd:
                    for i in 0..<width {
                        winding += line.loadUnaligned(fromByteOffset: i * 16, as: SIMD4<Float>.self)
                        let w = Self.magnitude(winding)
                        let r = w - 2 * (w * 0.5).rounded(.down)
                        let c = r.replacing(with: two - r, where: r .> one) * scale
                        o[i] = c[0] + c[1] + c[2] + c[3]
                    }
                }
            }
        }
    }

    /// |v| lane by lane: the sign bits cleared.
    @inline(__always)
    private static func magnitude(_ v: SIMD4<Float>) -> SIMD4<Float> {
        unsafeBitCast(unsafeBitCast(v, to: SIMD4<UInt32>.self) & SIMD4<UInt32>(repeating: 0x7fff_ffff), to: SIMD4<Float>.self)
    }
}
