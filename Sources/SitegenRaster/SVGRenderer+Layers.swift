import Foundation

/// Layers: group opacity, clip paths, masks, filters and viewport clips.
extension SVGRenderer {
    /// Runs `draw` straight onto `canvas`, or onto a fresh layer composited afterwards with the
    /// element's opacity and clip path.
    /// The device polygon a nested `svg` or a `symbol` clips its content to: its viewport box,
    /// unless `overflow` is `visible` or `auto`.
    func viewportClip(of element: XMLElement, box: Box, transform: AffineTransform) -> [Point]? {
        let overflow = document.declarations(for: element).last { $0.property == "overflow" }?.value
        if overflow == "visible" || overflow == "auto" { return nil }
        return [Point(box.minX, box.minY), Point(box.maxX, box.minY), Point(box.maxX, box.maxY), Point(box.minX, box.maxY)]
            .map(transform.apply)
    }

    mutating func withLayer(_ style: ComputedStyle, element: XMLElement, transform: AffineTransform, viewport: Viewport,
                            into canvas: inout Canvas, _ draw: (inout SVGRenderer, inout Canvas) -> Void) {
        var mask: [Float]? = nil
        if let clipID = style.clipPath {
            guard let clip = document.elementsByID[clipID], clip.localName == "clipPath" else {
                // A reference to nothing: SVG says the element is not rendered.
                return
            }
            let clipped = clipMask(clip, clipped: element, transform: transform, viewport: viewport)
            mask = mask.map { zip($0, clipped).map { $0 * $1 } } ?? clipped
        }
        if let maskID = style.mask {
            // A reference to anything but a mask draws nothing, as for clip paths.
            guard let maskElement = document.elementsByID[maskID], maskElement.localName == "mask" else { return }
            let values = maskValues(maskElement, masked: element, transform: transform, viewport: viewport)
            if let clip = mask {
                mask = zip(clip, values).map { $0 * $1 }
            } else {
                mask = values
            }
        }
        // A filter made only of supported primitives runs on the element drawn alone; any other
        // filter is skipped (the element drawn as is) and reported by the survey.
        var effects: FilterEffects? = nil
        if let filterID = style.filter, let filter = document.elementsByID[filterID], filter.localName == "filter",
           FilterEffects.unsupportedPrimitive(in: filter) == nil {
            guard let region = FilterEffects(document: document, filter: filter, box: bounds(of: element, viewport: viewport),
                                             transform: transform, viewport: viewport,
                                             canvasWidth: canvas.width, canvasHeight: canvas.height) else { return }
            effects = region
        }
        if style.opacity >= 1 && mask == nil && effects == nil {
            draw(&self, &canvas)
            return
        }
        if style.opacity <= 0 { return }
        var layer = Canvas(width: canvas.width, height: canvas.height)
        draw(&self, &layer)
        if let effects { layer = effects.apply(to: layer) }
        canvas.composite(layer, opacity: Float(style.opacity), mask: mask)
    }

    /// What a `<mask>` lets through at every device pixel: its content drawn onto a layer, read
    /// as luminance times alpha (`mask-type: alpha`: alpha alone, as SVG 2 has it), inside the
    /// mask region (by default the masked element's bounding box grown by 10% on every side).
    /// Luminance uses librsvg's coefficients (0.2125, 0.7154, 0.0721) on the sRGB values.
    mutating func maskValues(_ maskElement: XMLElement, masked: XMLElement, transform: AffineTransform,
                             viewport: Viewport) -> [Float] {
        var values = [Float](repeating: 0, count: width * height)
        guard referenceDepth < Self.maximumReferenceDepth else { return values }
        referenceDepth += 1
        defer { referenceDepth -= 1 }
        let box = bounds(of: masked, viewport: viewport)
        let boxUnits = maskElement.attribute("maskUnits") != "userSpaceOnUse"
        let contentInBox = maskElement.attribute("maskContentUnits") == "objectBoundingBox"
        if (boxUnits || contentInBox) && (box.isEmpty || box.width <= 0 || box.height <= 0) { return values }
        func regionValue(_ name: String, _ fallback: Double, _ axis: Length.Axis) -> Double {
            let l = maskElement.attribute(name).flatMap(Length.parse) ?? Length(value: fallback, unit: .percent)
            if boxUnits { return l.unit == .percent ? l.value / 100 : l.value }
            return l.resolve(viewport, axis)
        }
        var region = Box(minX: regionValue("x", -10, .horizontal), minY: regionValue("y", -10, .vertical), maxX: 0, maxY: 0)
        region.maxX = region.minX + regionValue("width", 120, .horizontal)
        region.maxY = region.minY + regionValue("height", 120, .vertical)
        let toBox = AffineTransform(a: box.width, d: box.height, e: box.minX, f: box.minY)
        let regionTransform = boxUnits ? transform.concatenating(toBox) : transform
        let contentTransform = contentInBox ? transform.concatenating(toBox) : transform
        var layer = Canvas(width: width, height: height)
        let maskStyle = document.computedStyle(of: maskElement, parent: ComputedStyle())
        for child in maskElement.children {
            render(child, parentStyle: maskStyle, transform: contentTransform, viewport: viewport, into: &layer)
        }
        let alphaOnly = document.declarations(for: maskElement).last { $0.property == "mask-type" }?.value == "alpha"
        let corners = [Point(region.minX, region.minY), Point(region.maxX, region.minY),
                       Point(region.maxX, region.maxY), Point(region.minX, region.maxY)].map(regionTransform.apply)
        rasterize([corners], rule: .nonzero) { y, x0, coverage, count in
            for i in 0..<count where coverage[i] > 0 {
                let p = y * width + x0 + i
                let o = p * 4
                let amount = alphaOnly ? layer.pixels[o + 3]
                    : 0.2125 * layer.pixels[o] + 0.7154 * layer.pixels[o + 1] + 0.0721 * layer.pixels[o + 2]
                values[p] = min(1, amount) * coverage[i]
            }
        }
        return values
    }

    /// The coverage of a `clipPath`: the union of its shapes, each by its `clip-rule`.
    mutating func clipMask(_ clip: XMLElement, clipped: XMLElement, transform: AffineTransform, viewport: Viewport) -> [Float] {
        var mask = [Float](repeating: 0, count: width * height)
        guard referenceDepth < Self.maximumReferenceDepth else { return mask }
        referenceDepth += 1
        defer { referenceDepth -= 1 }
        let clipStyle = document.computedStyle(of: clip, parent: ComputedStyle())
        var clipTransform = transform
        if let text = clip.attribute("transform"), let t = TransformList.parse(text) { clipTransform = clipTransform.concatenating(t) }
        if clip.attribute("clipPathUnits") == "objectBoundingBox" {
            let box = bounds(of: clipped, viewport: viewport)
            guard !box.isEmpty, box.width > 0, box.height > 0 else { return mask }
            clipTransform = clipTransform.concatenating(AffineTransform(a: box.width, d: box.height, e: box.minX, f: box.minY))
        }
        for child in clip.children {
            var element = child
            var t = clipTransform
            var parentStyle = clipStyle
            if child.localName == "use" {
                guard let href = child.attribute("href") ?? child.attribute("xlink:href"), href.hasPrefix("#"),
                      let target = document.elementsByID[String(href.dropFirst())] else { continue }
                let useStyle = document.computedStyle(of: child, parent: clipStyle)
                guard useStyle.displayed else { continue }
                if let text = child.attribute("transform"), let m = TransformList.parse(text) { t = t.concatenating(m) }
                t = t.concatenating(.translation(length(child, "x", 0, viewport, .horizontal), length(child, "y", 0, viewport, .vertical)))
                element = target
                parentStyle = useStyle
            }
            let style = document.computedStyle(of: element, parent: parentStyle)
            guard style.displayed, style.visible, let path = shapePath(element, viewport: viewport) else { continue }
            if let text = element.attribute("transform"), let m = TransformList.parse(text) { t = t.concatenating(m) }
            let polygons = Flattener.flatten(path.transformed(by: t), tolerance: Self.tolerance).map(\.points)
            rasterize(polygons, rule: style.clipRule) { y, x0, coverage, count in
                for i in 0..<count {
                    let o = y * width + x0 + i
                    mask[o] = mask[o] + coverage[i] - mask[o] * coverage[i]
                }
            }
        }
        return mask
    }

    /// An element's geometry bounds in its user space (its own transform not applied).
    func bounds(of element: XMLElement, viewport: Viewport) -> Box {
        if let path = shapePath(element, viewport: viewport) { return path.bounds }
        var box = Box.empty
        for child in element.children {
            let childBox = bounds(of: child, viewport: viewport)
            guard !childBox.isEmpty else { continue }
            let t = child.attribute("transform").flatMap(TransformList.parse) ?? .identity
            for corner in [Point(childBox.minX, childBox.minY), Point(childBox.maxX, childBox.minY),
                           Point(childBox.minX, childBox.maxY), Point(childBox.maxX, childBox.maxY)] {
                box.include(t.apply(corner))
            }
        }
        return box
    }
}
