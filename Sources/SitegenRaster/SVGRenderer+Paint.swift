import Foundation

/// Paint servers resolved for one shape, and rasterising polygons with them.
extension SVGRenderer {
    enum ResolvedPaint {
        case solid(Float, Float, Float, Float)
        case gradient(GradientSampler)
        case image(ImageSampler)
    }

    func resolvePaint(_ paint: Paint, style: ComputedStyle, opacity: Double, path: Path,
                      transform: AffineTransform, viewport: Viewport) -> ResolvedPaint? {
        func solid(_ c: CSSColor) -> ResolvedPaint? {
            let color = style.resolve(c)
            let a = color.a * opacity
            guard a > 0 else { return nil }
            return .solid(Float(color.r * a), Float(color.g * a), Float(color.b * a), Float(a))
        }
        switch paint {
        case .none: return nil
        case .color(let c): return solid(c)
        case .server(let id, let fallback):
            if let element = document.elementsByID[id], element.localName == "pattern" {
                return patternPaint(element, opacity: opacity, path: path, transform: transform, viewport: viewport)
            }
            guard let element = document.elementsByID[id],
                  element.localName == "linearGradient" || element.localName == "radialGradient" else {
                return fallback.flatMap(solid)
            }
            guard let gradient = GradientReader(document: document).gradient(element) else { return nil }
            if gradient.stops.count == 1 {
                let c = gradient.stops[0].color
                return solid(.color(c))
            }
            var toUser = AffineTransform.identity
            if !gradient.userSpaceUnits {
                let box = path.bounds
                guard !box.isEmpty, box.width > 0, box.height > 0 else { return fallback.flatMap(solid) }
                toUser = AffineTransform(a: box.width, d: box.height, e: box.minX, f: box.minY)
            }
            let toDevice = transform.concatenating(toUser).concatenating(gradient.transform)
            guard let sampler = GradientSampler(gradient, toDevice: toDevice, viewport: viewport, opacity: opacity) else { return nil }
            return .gradient(sampler)
        }
    }

    /// A `<pattern>`: its tile drawn once at device resolution by a renderer of its own, then
    /// repeated by a wrapping image sampler. Attributes and content follow `href` chains.
    func patternPaint(_ pattern: XMLElement, opacity: Double, path: Path, transform: AffineTransform,
                      viewport: Viewport) -> ResolvedPaint? {
        guard referenceDepth < Self.maximumReferenceDepth, referenceBudget.take() else { return nil }
        var chain = [pattern]
        while chain.count < 32, let href = chain.last!.attribute("href") ?? chain.last!.attribute("xlink:href"), href.hasPrefix("#"),
              let next = document.elementsByID[String(href.dropFirst())], next.localName == "pattern",
              !chain.contains(where: { $0 === next }) {
            chain.append(next)
        }
        func attribute(_ name: String) -> String? {
            for e in chain { if let v = e.attribute(name) { return v } }
            return nil
        }
        let content = chain.first { !$0.children.isEmpty } ?? pattern
        let box = path.bounds
        let boxUnits = attribute("patternUnits") != "userSpaceOnUse"
        let contentInBox = attribute("patternContentUnits") == "objectBoundingBox"
        if (boxUnits || contentInBox) && (box.isEmpty || box.width <= 0 || box.height <= 0) { return nil }
        func value(_ name: String, _ axis: Length.Axis) -> Double {
            let l = attribute(name).flatMap(Length.parse) ?? .zero
            guard boxUnits else { return l.resolve(viewport, axis) }
            let fraction = l.unit == .percent ? l.value / 100 : l.value
            switch axis {
            case .horizontal: return fraction * box.width
            default: return fraction * box.height
            }
        }
        var x = value("x", .horizontal), y = value("y", .vertical)
        let w = value("width", .horizontal), h = value("height", .vertical)
        if boxUnits { x += box.minX; y += box.minY }
        guard w > 0, h > 0, w.isFinite, h.isFinite else { return nil }
        let patternTransform = attribute("patternTransform").flatMap(TransformList.parse) ?? .identity
        let tileToDevice = transform.concatenating(patternTransform).concatenating(.translation(x, y))
        let sx = (tileToDevice.a * tileToDevice.a + tileToDevice.b * tileToDevice.b).squareRoot()
        let sy = (tileToDevice.c * tileToDevice.c + tileToDevice.d * tileToDevice.d).squareRoot()
        // The tile at device resolution, kept to the size of the largest picture we draw.
        let tw = Int(min(Double(SVGDocument.maximumSize), max(1, (w * sx).rounded(.up))))
        let th = Int(min(Double(SVGDocument.maximumSize), max(1, (h * sy).rounded(.up))))
        var contentToTile = AffineTransform.identity
        if let viewBox = SVGDocument.viewBox(of: chain.first { $0.attribute("viewBox") != nil } ?? pattern) {
            contentToTile = AspectRatio.parse(attribute("preserveAspectRatio"))
                .transform(viewBox: viewBox, into: Box(minX: 0, minY: 0, maxX: w, maxY: h))
        } else if contentInBox {
            contentToTile = .scale(box.width, box.height)
        }
        var tileRenderer = SVGRenderer(document: document, width: tw, height: th, fonts: fonts, images: images,
                                       referenceBudget: referenceBudget)
        tileRenderer.referenceDepth = referenceDepth + 1
        tileRenderer.nestingDepth = nestingDepth
        var tile = Canvas(width: tw, height: th)
        let style = document.computedStyle(of: pattern, parent: ComputedStyle())
        tileRenderer.renderGroupContent(content, style: style,
                                        transform: AffineTransform.scale(Double(tw) / w, Double(th) / h).concatenating(contentToTile),
                                        viewport: viewport, layerOf: ComputedStyle(), into: &tile)
        if opacity < 1 { tile.pixels = tile.pixels.map { $0 * Float(opacity) } }
        let pixelToDevice = tileToDevice.concatenating(.scale(w / Double(tw), h / Double(th)))
        return ImageSampler(premultiplied: tile.pixels, width: tw, height: th, toDevice: pixelToDevice, wraps: true).map { .image($0) }
    }

    // MARK: Rasterising

    func fill(_ polygons: [[Point]], rule: FillRule, paint: ResolvedPaint, into canvas: inout Canvas) {
        switch paint {
        case .solid(let r, let g, let b, let a):
            rasterize(polygons, rule: rule) { y, x0, coverage, count in
                canvas.blend(row: y, x0: x0, coverage: coverage, count: count, color: (r, g, b, a), sampler: nil as GradientSampler?)
            }
        case .gradient(let sampler):
            rasterize(polygons, rule: rule) { y, x0, coverage, count in
                canvas.blend(row: y, x0: x0, coverage: coverage, count: count, color: (0, 0, 0, 0), sampler: sampler)
            }
        case .image(let sampler):
            rasterize(polygons, rule: rule) { y, x0, coverage, count in
                canvas.blend(row: y, x0: x0, coverage: coverage, count: count, color: (0, 0, 0, 0), sampler: sampler)
            }
        }
    }

    /// Accumulates closed polygons (device pixels) and hands each row's coverage to `emit`.
    func rasterize(_ unclipped: [[Point]], rule: FillRule, _ emit: (Int, Int, [Float], Int) -> Void) {
        var polygons = unclipped
        for clip in convexClips { polygons = polygons.map { ConvexClipper.clip($0, to: clip) }.filter { $0.count >= 3 } }
        var box = Box.empty
        for polygon in polygons { for p in polygon where p.x.isFinite && p.y.isFinite { box.include(p) } }
        guard !box.isEmpty else { return }
        // Clamped while still Double: converting a huge coordinate to Int would trap.
        func clamped(_ v: Double, _ limit: Int) -> Int { Int(min(Double(limit), max(0, v))) }
        let y0 = clamped(box.minY.rounded(.down), height), y1 = clamped(box.maxY.rounded(.up), height)
        let x0 = clamped(box.minX.rounded(.down), width), x1 = min(width, clamped(box.maxX.rounded(.up), width) + 1)
        guard y1 > y0, x1 > x0 else { return }
        var accumulator = CoverageAccumulator(minX: x0, minY: y0, width: x1 - x0, height: y1 - y0)
        for polygon in polygons where polygon.count >= 2 {
            for i in polygon.indices {
                accumulator.addLine(polygon[i], polygon[(i + 1) % polygon.count])
            }
        }
        var coverage = [Float](repeating: 0, count: x1 - x0)
        for row in 0..<(y1 - y0) {
            accumulator.coverage(row: row, rule: rule, into: &coverage)
            emit(y0 + row, x0, coverage, x1 - x0)
        }
    }
}
