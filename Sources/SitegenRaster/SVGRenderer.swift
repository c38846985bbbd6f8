import Foundation

/// Walks a document's tree and draws it onto a canvas: the cascade, transforms and viewports,
/// `use`/`symbol`, layers for group opacity and clip paths, and each shape's fill and stroke.
struct SVGRenderer {
    let document: SVGDocument
    let width: Int
    let height: Int
    /// Device-pixel chord error for curves: well under what 8-bit anti-aliasing can show.
    static let tolerance = 0.1
    /// `use` and clip-path nesting deeper than this is taken for a reference cycle.
    static let maximumReferenceDepth = 24
    /// `use` elements drawn per picture at most: a chain where each level uses the one before
    /// twice would otherwise double the work 24 times over.
    static let maximumReferencesDrawn = 20_000
    private var referenceDepth = 0
    /// Viewports of nested `svg` and `symbol` elements being drawn, as device-space convex
    /// polygons. Everything rasterised is cut to them geometrically (not by a coverage mask, which
    /// would multiply two anti-aliased edges where a shape meets its viewport's edge).
    private var convexClips: [[Point]] = []
    private var referencesDrawn = 0

    let fonts: (any SVGFontSource)?
    let images: (any SVGImageDecoder)?

    init(document: SVGDocument, width: Int, height: Int, fonts: (any SVGFontSource)?, images: (any SVGImageDecoder)?) {
        self.document = document
        self.width = width
        self.height = height
        self.fonts = fonts
        self.images = images
    }

    mutating func renderRoot() -> RasterImage {
        var canvas = Canvas(width: width, height: height)
        let root = document.root
        let style = document.computedStyle(of: root, parent: ComputedStyle())
        let output = Box(minX: 0, minY: 0, maxX: Double(width), maxY: Double(height))
        let viewBox: Box
        if let box = SVGDocument.viewBox(of: root) {
            viewBox = box
        } else if let size = document.intrinsicSize {
            viewBox = Box(minX: 0, minY: 0, maxX: size.width, maxY: size.height)
        } else {
            viewBox = output
        }
        let transform = AspectRatio.parse(root.attribute("preserveAspectRatio")).transform(viewBox: viewBox, into: output)
        let viewport = Viewport(width: viewBox.width, height: viewBox.height)
        if style.displayed {
            renderGroupContent(root, style: style, transform: transform, viewport: viewport, layerOf: style, into: &canvas)
        }
        return canvas.image()
    }

    // MARK: Elements

    private mutating func render(_ element: XMLElement, parentStyle: ComputedStyle, transform parentTransform: AffineTransform,
                                 viewport: Viewport, into canvas: inout Canvas) {
        let name = element.localName
        guard Self.drawable.contains(String(name)) else { return }
        let style = document.computedStyle(of: element, parent: parentStyle)
        guard style.displayed else { return }
        var transform = parentTransform
        // A malformed transform is ignored, as browsers and librsvg ignore an invalid attribute.
        if name != "svg", let text = element.attribute("transform"), let t = TransformList.parse(text) {
            transform = parentTransform.concatenating(t)
        }
        switch name {
        case "g", "a":
            renderGroupContent(element, style: style, transform: transform, viewport: viewport, layerOf: style, into: &canvas)
        case "switch":
            guard let chosen = SwitchChoice.child(of: element) else { return }
            withLayer(style, element: element, transform: transform, viewport: viewport, into: &canvas) { renderer, target in
                renderer.render(chosen, parentStyle: style, transform: transform, viewport: viewport, into: &target)
            }
        case "svg":
            let x = length(element, "x", 0, viewport, .horizontal), y = length(element, "y", 0, viewport, .vertical)
            let w = length(element, "width", Length(value: 100, unit: .percent), viewport, .horizontal)
            let h = length(element, "height", Length(value: 100, unit: .percent), viewport, .vertical)
            guard w > 0, h > 0 else { return }
            let port = Box(minX: x, minY: y, maxX: x + w, maxY: y + h)
            let viewBox = SVGDocument.viewBox(of: element) ?? Box(minX: 0, minY: 0, maxX: w, maxY: h)
            let inner = AspectRatio.parse(element.attribute("preserveAspectRatio")).transform(viewBox: viewBox, into: port)
            renderGroupContent(element, style: style, transform: transform.concatenating(inner),
                               viewport: Viewport(width: viewBox.width, height: viewBox.height), layerOf: style,
                               clippedTo: viewportClip(of: element, box: port, transform: transform), into: &canvas)
        case "use":
            renderUse(element, style: style, transform: transform, viewport: viewport, into: &canvas)
        case "image":
            guard style.visible else { return }
            withLayer(style, element: element, transform: transform, viewport: viewport, into: &canvas) { renderer, target in
                renderer.drawImage(element, transform: transform, viewport: viewport, into: &target)
            }
        case "text":
            guard style.visible, let path = textPath(element, style: style, viewport: viewport) else { return }
            withLayer(style, element: element, transform: transform, viewport: viewport, into: &canvas) { renderer, target in
                renderer.drawShape(path, style: style, transform: transform, viewport: viewport, into: &target)
            }
        default:
            guard style.visible, let path = shapePath(element, viewport: viewport) else { return }
            var shapeStyle = style
            // A shape painted once (fill or stroke, not both) and not clipped looks the same with
            // its opacity folded into that paint: no layer, which saves a canvas-sized pass.
            let fills = style.fill != .none, strokes = style.stroke != .none && style.strokeWidth.value > 0
            if style.opacity < 1 && style.clipPath == nil && style.mask == nil && style.filter == nil && !(fills && strokes) {
                shapeStyle.fillOpacity *= style.opacity
                shapeStyle.strokeOpacity *= style.opacity
                shapeStyle.opacity = 1
            }
            withLayer(shapeStyle, element: element, transform: transform, viewport: viewport, into: &canvas) { renderer, target in
                renderer.drawShape(path, style: shapeStyle, transform: transform, viewport: viewport, into: &target)
            }
        }
    }

    private static let drawable: Set<String> = ["g", "a", "switch", "text", "image", "svg", "use", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon"]

    /// Children of a container, inside a layer when the container has opacity or a clip path.
    private mutating func renderGroupContent(_ element: XMLElement, style: ComputedStyle, transform: AffineTransform,
                                             viewport: Viewport, layerOf layerStyle: ComputedStyle, clippedTo viewportClip: [Point]? = nil,
                                             into canvas: inout Canvas) {
        withLayer(layerStyle, element: element, transform: transform, viewport: viewport, into: &canvas) { renderer, target in
            if let viewportClip { renderer.convexClips.append(viewportClip) }
            for child in element.children {
                renderer.render(child, parentStyle: style, transform: transform, viewport: viewport, into: &target)
            }
            if viewportClip != nil { renderer.convexClips.removeLast() }
        }
    }

    private mutating func renderUse(_ element: XMLElement, style: ComputedStyle, transform: AffineTransform,
                                    viewport: Viewport, into canvas: inout Canvas) {
        guard let href = element.attribute("href") ?? element.attribute("xlink:href"), href.hasPrefix("#"),
              let target = document.elementsByID[String(href.dropFirst())],
              referenceDepth < Self.maximumReferenceDepth, referencesDrawn < Self.maximumReferencesDrawn,
              !isAncestor(target, of: element) else { return }
        referencesDrawn += 1
        referenceDepth += 1
        defer { referenceDepth -= 1 }
        let x = length(element, "x", 0, viewport, .horizontal), y = length(element, "y", 0, viewport, .vertical)
        let placed = transform.concatenating(.translation(x, y))
        withLayer(style, element: element, transform: transform, viewport: viewport, into: &canvas) { renderer, target2 in
            if target.localName == "symbol" {
                let symbolStyle = renderer.document.computedStyle(of: target, parent: style)
                guard symbolStyle.displayed else { return }
                let w = renderer.length(element, "width", Length(value: 100, unit: .percent), viewport, .horizontal)
                let h = renderer.length(element, "height", Length(value: 100, unit: .percent), viewport, .vertical)
                guard w > 0, h > 0 else { return }
                var inner = AffineTransform.identity
                var innerViewport = viewport
                if let viewBox = SVGDocument.viewBox(of: target) {
                    inner = AspectRatio.parse(target.attribute("preserveAspectRatio"))
                        .transform(viewBox: viewBox, into: Box(minX: 0, minY: 0, maxX: w, maxY: h))
                    innerViewport = Viewport(width: viewBox.width, height: viewBox.height)
                }
                let clip = renderer.viewportClip(of: target, box: Box(minX: 0, minY: 0, maxX: w, maxY: h), transform: placed)
                renderer.renderGroupContent(target, style: symbolStyle, transform: placed.concatenating(inner),
                                            viewport: innerViewport, layerOf: symbolStyle, clippedTo: clip, into: &target2)
            } else {
                renderer.render(target, parentStyle: style, transform: placed, viewport: viewport, into: &target2)
            }
        }
    }

    private func isAncestor(_ candidate: XMLElement, of element: XMLElement) -> Bool {
        var node: XMLElement? = element
        while let current = node {
            if current === candidate { return true }
            node = current.parent
        }
        return false
    }

    // MARK: Layers

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

    private mutating func withLayer(_ style: ComputedStyle, element: XMLElement, transform: AffineTransform, viewport: Viewport,
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
    private mutating func maskValues(_ maskElement: XMLElement, masked: XMLElement, transform: AffineTransform,
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
    private mutating func clipMask(_ clip: XMLElement, clipped: XMLElement, transform: AffineTransform, viewport: Viewport) -> [Float] {
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
    private func bounds(of element: XMLElement, viewport: Viewport) -> Box {
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

    // MARK: Shapes

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
    private func drawImage(_ element: XMLElement, transform: AffineTransform, viewport: Viewport, into canvas: inout Canvas) {
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

    /// The outline of a `<text>` element that holds only character data, set by the font source.
    private func textPath(_ element: XMLElement, style: ComputedStyle, viewport: Viewport) -> Path? {
        guard let fonts, element.children.isEmpty else { return nil }
        // Default `xml:space` handling: newlines go, tabs become spaces, runs of spaces collapse,
        // and the ends are trimmed.
        var text = ""
        for character in element.text where character != "\n" && character != "\r" {
            let c: Character = character == "\t" ? " " : character
            if c == " " && (text.isEmpty || text.last == " ") { continue }
            text.append(c)
        }
        while text.last == " " { text.removeLast() }
        guard !text.isEmpty else { return nil }
        let request = SVGFontRequest(families: style.fontFamilies, weight: style.fontWeight, italic: style.italic)
        guard let run = fonts.glyphRun(for: text, request: request) else { return nil }
        func first(_ name: String, _ axis: Length.Axis) -> Double {
            guard let list = element.attribute(name), let item = list.split(whereSeparator: { $0 == " " || $0 == "," }).first,
                  let length = Length.parse(item) else { return 0 }
            return length.resolve(viewport, axis, fontSize: style.fontSize)
        }
        let size = style.fontSize
        var originX = first("x", .horizontal) + first("dx", .horizontal)
        let originY = first("y", .vertical) + first("dy", .vertical)
        switch style.textAnchor {
        case .start: break
        case .middle: originX -= run.advance * size / 2
        case .end: originX -= run.advance * size
        }
        func point(_ x: Double, _ y: Double) -> Point { Point(originX + x * size, originY + y * size) }
        var path = Path()
        for segment in run.segments {
            switch segment {
            case .move(let x, let y): path.move(to: point(x, y))
            case .line(let x, let y): path.line(to: point(x, y))
            case .quad(let cx, let cy, let x, let y): path.quad(point(cx, cy), point(x, y))
            case .cubic(let ax, let ay, let bx, let by, let x, let y): path.cubic(point(ax, ay), point(bx, by), point(x, y))
            case .close: path.close()
            }
        }
        return path
    }

    private mutating func drawShape(_ path: Path, style: ComputedStyle, transform: AffineTransform, viewport: Viewport,
                                    into canvas: inout Canvas) {
        if style.strokeFirst { drawStroke(path, style: style, transform: transform, viewport: viewport, into: &canvas) }
        if let paint = resolvePaint(style.fill, style: style, opacity: style.fillOpacity, path: path, transform: transform, viewport: viewport) {
            let polygons = Flattener.flatten(path.transformed(by: transform), tolerance: Self.tolerance).map(\.points)
            fill(polygons, rule: style.fillRule, paint: paint, into: &canvas)
        }
        if !style.strokeFirst { drawStroke(path, style: style, transform: transform, viewport: viewport, into: &canvas) }
    }

    private func drawStroke(_ path: Path, style: ComputedStyle, transform: AffineTransform, viewport: Viewport,
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

    // MARK: Paint

    private enum ResolvedPaint {
        case solid(Float, Float, Float, Float)
        case gradient(GradientSampler)
        case image(ImageSampler)
    }

    private func resolvePaint(_ paint: Paint, style: ComputedStyle, opacity: Double, path: Path,
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

    // MARK: Rasterising

    private func fill(_ polygons: [[Point]], rule: FillRule, paint: ResolvedPaint, into canvas: inout Canvas) {
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
    private func rasterize(_ unclipped: [[Point]], rule: FillRule, _ emit: (Int, Int, [Float], Int) -> Void) {
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
