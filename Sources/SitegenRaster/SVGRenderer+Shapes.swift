import Foundation

/// Shapes, text and images: their outlines in user space, and drawing them with fill and stroke.
extension SVGRenderer {
    func length(_ element: XMLElement, _ name: String, _ fallback: Length, _ viewport: Viewport, _ axis: Length.Axis) -> Double {
        (element.attribute(name).flatMap(Length.parse) ?? fallback).resolve(viewport, axis)
    }

    func length(_ element: XMLElement, _ name: String, _ fallback: Double, _ viewport: Viewport, _ axis: Length.Axis) -> Double {
        length(element, name, Length(value: fallback), viewport, axis)
    }

    /// The outline of a basic shape or path in its user space, or nil for anything else or a
    /// shape that SVG says is not rendered (a zero width, a negative radius).
    func shapePath(_ element: XMLElement, viewport: Viewport) -> Path? {
        var path = Path()
        switch element.localName {
        case "path":
            guard let d = element.attribute("d") else { return nil }
            path = PathData.parse(d).path
        case "rect":
            let x = length(element, "x", 0, viewport, .horizontal), y = length(element, "y", 0, viewport, .vertical)
            let w = length(element, "width", 0, viewport, .horizontal), h = length(element, "height", 0, viewport, .vertical)
            guard w > 0, h > 0 else { return nil }
            let rxGiven = element.attribute("rx").flatMap(Length.parse).map { $0.resolve(viewport, .horizontal) }.flatMap { $0 >= 0 ? $0 : nil }
            let ryGiven = element.attribute("ry").flatMap(Length.parse).map { $0.resolve(viewport, .vertical) }.flatMap { $0 >= 0 ? $0 : nil }
            let rx = min(w / 2, rxGiven ?? ryGiven ?? 0)
            let ry = min(h / 2, ryGiven ?? rxGiven ?? 0)
            if rx > 0 && ry > 0 {
                let r = Point(rx, ry)
                path.move(to: Point(x + rx, y))
                path.line(to: Point(x + w - rx, y))
                path.arc(radii: r, rotation: 0, largeArc: false, sweep: true, to: Point(x + w, y + ry))
                path.line(to: Point(x + w, y + h - ry))
                path.arc(radii: r, rotation: 0, largeArc: false, sweep: true, to: Point(x + w - rx, y + h))
                path.line(to: Point(x + rx, y + h))
                path.arc(radii: r, rotation: 0, largeArc: false, sweep: true, to: Point(x, y + h - ry))
                path.line(to: Point(x, y + ry))
                path.arc(radii: r, rotation: 0, largeArc: false, sweep: true, to: Point(x + rx, y))
            } else {
                path.move(to: Point(x, y))
                path.line(to: Point(x + w, y))
                path.line(to: Point(x + w, y + h))
                path.line(to: Point(x, y + h))
            }
            path.close()
        case "circle", "ellipse":
            let cx = length(element, "cx", 0, viewport, .horizontal), cy = length(element, "cy", 0, viewport, .vertical)
            var rx: Double, ry: Double
            if element.localName == "circle" {
                rx = length(element, "r", 0, viewport, .other)
                ry = rx
            } else {
                let rxAttribute = element.attribute("rx").flatMap(Length.parse)
                let ryAttribute = element.attribute("ry").flatMap(Length.parse)
                rx = (rxAttribute ?? ryAttribute)?.resolve(viewport, rxAttribute == nil ? .vertical : .horizontal) ?? 0
                ry = (ryAttribute ?? rxAttribute)?.resolve(viewport, ryAttribute == nil ? .horizontal : .vertical) ?? 0
            }
            guard rx > 0, ry > 0 else { return nil }
            let r = Point(rx, ry)
            path.move(to: Point(cx + rx, cy))
            path.arc(radii: r, rotation: 0, largeArc: false, sweep: true, to: Point(cx, cy + ry))
            path.arc(radii: r, rotation: 0, largeArc: false, sweep: true, to: Point(cx - rx, cy))
            path.arc(radii: r, rotation: 0, largeArc: false, sweep: true, to: Point(cx, cy - ry))
            path.arc(radii: r, rotation: 0, largeArc: false, sweep: true, to: Point(cx + rx, cy))
            path.close()
        case "line":
            path.move(to: Point(length(element, "x1", 0, viewport, .horizontal), length(element, "y1", 0, viewport, .vertical)))
            path.line(to: Point(length(element, "x2", 0, viewport, .horizontal), length(element, "y2", 0, viewport, .vertical)))
        case "polyline", "polygon":
            guard let text = element.attribute("points") else { return nil }
            var scanner = NumberScanner(text)
            var numbers: [Double] = []
            while let n = scanner.number() {
                numbers.append(n)
                scanner.skipSeparator()
            }
            guard numbers.count >= 2 else { return nil }
            path.move(to: Point(numbers[0], numbers[1]))
            var i = 2
            while i + 1 < numbers.count {
                path.line(to: Point(numbers[i], numbers[i + 1]))
                i += 2
            }
            if element.localName == "polygon" { path.close() }
        default:
            return nil
        }
        return path
    }

    /// An `<image>` with a `data:` URL, decoded by the caller's decoder and fitted into its
    /// x/y/width/height box by `preserveAspectRatio` (`slice` clips to the box). A missing width
    /// or height is the image's own, as SVG 2 and librsvg have it.
    func drawImage(_ element: XMLElement, transform: AffineTransform, viewport: Viewport, into canvas: inout Canvas) {
        guard let images, let href = element.attribute("href") ?? element.attribute("xlink:href"),
              let (mediaType, bytes) = DataURL.decode(href),
              let image = images.decode(bytes, mediaType: mediaType),
              image.width > 0, image.height > 0, image.pixels.count == image.width * image.height * 4 else { return }
        let x = length(element, "x", 0, viewport, .horizontal), y = length(element, "y", 0, viewport, .vertical)
        let w = element.attribute("width").flatMap(Length.parse)?.resolve(viewport, .horizontal) ?? Double(image.width)
        let h = element.attribute("height").flatMap(Length.parse)?.resolve(viewport, .vertical) ?? Double(image.height)
        guard w > 0, h > 0 else { return }
        let box = Box(minX: x, minY: y, maxX: x + w, maxY: y + h)
        let aspect = AspectRatio.parse(element.attribute("preserveAspectRatio"))
        let placement = aspect.transform(viewBox: Box(minX: 0, minY: 0, maxX: Double(image.width), maxY: Double(image.height)), into: box)
        let toDevice = transform.concatenating(placement)
        guard let sampler = ImageSampler(image, toDevice: toDevice, opacity: 1) else { return }
        // The area painted: the placed image, cut to the box when sliced.
        var area = box
        if !aspect.slice || aspect.align == nil {
            let a = placement.apply(Point(0, 0)), b = placement.apply(Point(Double(image.width), Double(image.height)))
            area = Box(minX: min(a.x, b.x), minY: min(a.y, b.y), maxX: max(a.x, b.x), maxY: max(a.y, b.y))
        }
        let corners = [Point(area.minX, area.minY), Point(area.maxX, area.minY), Point(area.maxX, area.maxY), Point(area.minX, area.maxY)]
        fill([corners.map(transform.apply)], rule: .nonzero, paint: .image(sampler), into: &canvas)
    }

    mutating func drawShape(_ path: Path, style: ComputedStyle, transform: AffineTransform, viewport: Viewport,
                            into canvas: inout Canvas) {
        if style.strokeFirst { drawStroke(path, style: style, transform: transform, viewport: viewport, into: &canvas) }
        if let paint = resolvePaint(style.fill, style: style, opacity: style.fillOpacity, path: path, transform: transform, viewport: viewport) {
            let polygons = Flattener.flatten(path.transformed(by: transform), tolerance: Self.tolerance).map(\.points)
            fill(polygons, rule: style.fillRule, paint: paint, into: &canvas)
        }
        if !style.strokeFirst { drawStroke(path, style: style, transform: transform, viewport: viewport, into: &canvas) }
    }

    func drawStroke(_ path: Path, style: ComputedStyle, transform: AffineTransform, viewport: Viewport,
                    into canvas: inout Canvas) {
        let strokeWidth = style.strokeWidth.resolve(viewport, .other, fontSize: style.fontSize)
        guard strokeWidth > 0, transform.maximumScale > 0,
              let paint = resolvePaint(style.stroke, style: style, opacity: style.strokeOpacity, path: path, transform: transform, viewport: viewport)
        else { return }
        let userTolerance = Self.tolerance / transform.maximumScale
        var lines = Flattener.flatten(path, tolerance: userTolerance)
        let dashes = style.dashArray.map { $0.resolve(viewport, .other, fontSize: style.fontSize) }
        if !dashes.isEmpty {
            lines = Dasher.dash(lines, pattern: dashes, offset: style.dashOffset.resolve(viewport, .other, fontSize: style.fontSize))
        }
        let stroker = Stroker(halfWidth: strokeWidth / 2, cap: style.lineCap, join: style.lineJoin,
                              miterLimit: style.miterLimit, tolerance: userTolerance)
        let polygons = stroker.stroke(lines).map { $0.map(transform.apply) }
        // Every stroke piece is oriented the same way, so nonzero paints their union.
        fill(polygons, rule: .nonzero, paint: paint, into: &canvas)
    }
}
