import Foundation

/// Markers: `marker-start`, `marker-mid` and `marker-end` on paths, lines, polylines and
/// polygons, placed at the vertices with `orient` (an angle, `auto`, `auto-start-reverse`),
/// `markerUnits`, `refX`/`refY`, `viewBox`/`preserveAspectRatio`, and clipped to the marker's
/// viewport unless its `overflow` is visible.
extension SVGRenderer {
    /// A vertex of a path with the directions of the segments into and out of it.
    struct Vertex {
        var point: Point
        var incoming: Point?
        var outgoing: Point?
    }

    mutating func drawMarkers(on path: Path, style: ComputedStyle, transform: AffineTransform, viewport: Viewport,
                              into canvas: inout Canvas) {
        let vertices = Self.vertices(of: path)
        guard !vertices.isEmpty else { return }
        let strokeWidth = style.strokeWidth.resolve(viewport, .other, fontSize: style.fontSize)
        for (index, vertex) in vertices.enumerated() {
            let id = index == 0 ? style.markerStart : (index == vertices.count - 1 ? style.markerEnd : style.markerMid)
            guard let id, let marker = document.elementsByID[id], marker.localName == "marker" else { continue }
            drawMarker(marker, at: vertex, isStart: index == 0, strokeWidth: strokeWidth, transform: transform,
                       viewport: viewport, into: &canvas)
        }
    }

    private mutating func drawMarker(_ marker: XMLElement, at vertex: Vertex, isStart: Bool, strokeWidth: Double,
                                     transform: AffineTransform, viewport: Viewport, into canvas: inout Canvas) {
        guard referenceDepth < Self.maximumReferenceDepth, referenceBudget.take() else { return }
        referenceDepth += 1
        defer { referenceDepth -= 1 }
        let width = marker.attribute("markerWidth").flatMap(Length.parse)?.resolve(viewport, .horizontal) ?? 3
        let height = marker.attribute("markerHeight").flatMap(Length.parse)?.resolve(viewport, .vertical) ?? 3
        guard width > 0, height > 0 else { return }
        var angle = 0.0
        let orient = marker.attribute("orient")?.trimmingCharacters(in: .whitespaces) ?? "0"
        if orient == "auto" || orient == "auto-start-reverse" {
            // The bisector of the directions in and out; at the ends, the one there is.
            let direction: Point
            switch (vertex.incoming, vertex.outgoing) {
            case let (i?, o?): direction = (i.normalized + o.normalized).length > 1e-9 ? i.normalized + o.normalized : o
            case let (i?, nil): direction = i
            case let (nil, o?): direction = o
            default: direction = Point(1, 0)
            }
            angle = atan2(direction.y, direction.x) * 180 / .pi
            if orient == "auto-start-reverse" && isStart { angle += 180 }
        } else {
            angle = Double(orient.replacingOccurrences(of: "deg", with: "")) ?? 0
        }
        var viewBoxMap = AffineTransform.identity
        if let viewBox = SVGDocument.viewBox(of: marker) {
            viewBoxMap = AspectRatio.parse(marker.attribute("preserveAspectRatio"))
                .transform(viewBox: viewBox, into: Box(minX: 0, minY: 0, maxX: width, maxY: height))
        }
        let reference = viewBoxMap.apply(Point(Double(marker.attribute("refX") ?? "") ?? 0, Double(marker.attribute("refY") ?? "") ?? 0))
        let scale = marker.attribute("markerUnits") == "userSpaceOnUse" ? 1 : strokeWidth
        let placed = transform.concatenating(.translation(vertex.point.x, vertex.point.y))
            .concatenating(.rotation(degrees: angle)).concatenating(.scale(scale, scale))
            .concatenating(.translation(-reference.x, -reference.y))
        let clip = viewportClip(of: marker, box: Box(minX: 0, minY: 0, maxX: width, maxY: height), transform: placed)
        let markerStyle = document.computedStyle(of: marker, parent: ComputedStyle())
        renderGroupContent(marker, style: markerStyle, transform: placed.concatenating(viewBoxMap),
                           viewport: viewport, layerOf: ComputedStyle(), clippedTo: clip, into: &canvas)
    }

    /// Every vertex of a path, sub-path ends included, with tangent directions.
    static func vertices(of path: Path) -> [Vertex] {
        var vertices: [Vertex] = []
        var start = Point(0, 0), current = Point(0, 0)
        var subpathStartIndex = 0
        func addSegment(from a: Point, startDirection: Point, endDirection: Point, to b: Point) {
            if vertices.isEmpty { vertices.append(Vertex(point: a)) }
            vertices[vertices.count - 1].outgoing = vertices[vertices.count - 1].outgoing ?? startDirection
            vertices.append(Vertex(point: b, incoming: endDirection))
        }
        for element in path.elements {
            switch element {
            case .move(let p):
                vertices.append(Vertex(point: p))
                subpathStartIndex = vertices.count - 1
                start = p; current = p
            case .line(let p):
                let d = p - current
                addSegment(from: current, startDirection: d, endDirection: d, to: p)
                current = p
            case .cubic(let c1, let c2, let p):
                let startDirection = c1 != current ? c1 - current : (c2 != current ? c2 - current : p - current)
                let endDirection = p != c2 ? p - c2 : (p != c1 ? p - c1 : p - current)
                addSegment(from: current, startDirection: startDirection, endDirection: endDirection, to: p)
                current = p
            case .close:
                let d = start - current
                if d.length > 0 { addSegment(from: current, startDirection: d, endDirection: d, to: start) }
                // The closing vertex turns into the sub-path's first segment.
                if subpathStartIndex < vertices.count {
                    let first = vertices[subpathStartIndex].outgoing
                    vertices[vertices.count - 1].outgoing = first
                    vertices[subpathStartIndex].incoming = vertices[vertices.count - 1].incoming
                }
                current = start
            }
        }
        return vertices
    }
}
