/// Sutherland–Hodgman clipping of a closed polygon to a convex one. Applied to every contour of
/// a shape, it keeps the winding number of every point inside the convex region, so fill rules
/// still hold; edges it adds along the boundary come in cancelling pairs.
enum ConvexClipper {
    static func clip(_ polygon: [Point], to convex: [Point]) -> [Point] {
        guard convex.count >= 3 else { return polygon }
        // Which side of each clip edge is inside depends on the clip polygon's orientation.
        let orientation: Double = Stroker.signedArea(convex) >= 0 ? 1 : -1
        var output = polygon
        for i in convex.indices {
            let a = convex[i], b = convex[(i + 1) % convex.count]
            let edge = b - a
            func inside(_ p: Point) -> Bool { edge.cross(p - a) * orientation >= 0 }
            func crossing(_ p: Point, _ q: Point) -> Point {
                let dp = edge.cross(p - a), dq = edge.cross(q - a)
                let t = dp / (dp - dq)
                return p.lerp(q, t.isFinite ? t : 0)
            }
            let input = output
            output = []
            guard let last = input.last else { return [] }
            var previous = last
            for current in input {
                if inside(current) {
                    if !inside(previous) { output.append(crossing(previous, current)) }
                    output.append(current)
                } else if inside(previous) {
                    output.append(crossing(previous, current))
                }
                previous = current
            }
        }
        return output
    }
}
