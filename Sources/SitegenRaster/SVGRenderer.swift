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
    /// `use` elements and pattern tiles drawn per picture at most: a chain where each level uses
    /// the one before twice would otherwise double the work 24 times over.
    static let maximumReferencesDrawn = 20_000
    var referenceDepth = 0
    /// Elements being drawn inside one another, references and pattern tiles included. Drawing
    /// recurses once per level (several frames each), so this bounds the stack it needs: deeper
    /// content is not drawn. Real artwork nests a dozen levels or so.
    var nestingDepth = 0
    static let maximumNesting = 64
    /// Viewports of nested `svg` and `symbol` elements being drawn, as device-space convex
    /// polygons. Everything rasterised is cut to them geometrically (not by a coverage mask, which
    /// would multiply two anti-aliased edges where a shape meets its viewport's edge).
    var convexClips: [[Point]] = []
    /// References drawn so far (uses and pattern tiles), shared with the renderers that draw
    /// pattern tiles, so that nesting cannot multiply the work past the budget.
    let referenceBudget: ReferenceBudget

    let fonts: (any SVGFontSource)?
    let images: (any SVGImageDecoder)?

    init(document: SVGDocument, width: Int, height: Int, fonts: (any SVGFontSource)?, images: (any SVGImageDecoder)?,
         referenceBudget: ReferenceBudget = ReferenceBudget(Self.maximumReferencesDrawn)) {
        self.referenceBudget = referenceBudget
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

    mutating func render(_ element: XMLElement, parentStyle: ComputedStyle, transform parentTransform: AffineTransform,
                         viewport: Viewport, into canvas: inout Canvas) {
        let name = element.localName
        guard Self.drawable.contains(String(name)), nestingDepth < Self.maximumNesting else { return }
        nestingDepth += 1
        defer { nestingDepth -= 1 }
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
            guard let fonts else { return }
            let runs = TextLayout(document: document, fonts: fonts, viewport: viewport).runs(of: element, style: style)
            guard !runs.isEmpty else { return }
            withLayer(style, element: element, transform: transform, viewport: viewport, into: &canvas) { renderer, target in
                for run in runs where run.style.visible {
                    renderer.drawShape(run.path, style: run.style, transform: transform, viewport: viewport, into: &target)
                }
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
            let hasMarkers = Self.markable.contains(String(name))
                && (style.markerStart != nil || style.markerMid != nil || style.markerEnd != nil)
            if hasMarkers && shapeStyle.opacity == 1 && style.opacity < 1 { shapeStyle = style }
            withLayer(shapeStyle, element: element, transform: transform, viewport: viewport, into: &canvas) { renderer, target in
                renderer.drawShape(path, style: shapeStyle, transform: transform, viewport: viewport, into: &target)
                if hasMarkers { renderer.drawMarkers(on: path, style: style, transform: transform, viewport: viewport, into: &target) }
            }
        }
    }

    /// The elements markers are drawn on.
    static let markable: Set<String> = ["path", "line", "polyline", "polygon"]

    static let drawable: Set<String> = ["g", "a", "switch", "text", "image", "svg", "use", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon"]

    /// Children of a container, inside a layer when the container has opacity or a clip path.
    mutating func renderGroupContent(_ element: XMLElement, style: ComputedStyle, transform: AffineTransform,
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

    mutating func renderUse(_ element: XMLElement, style: ComputedStyle, transform: AffineTransform,
                            viewport: Viewport, into canvas: inout Canvas) {
        guard let href = element.attribute("href") ?? element.attribute("xlink:href"), href.hasPrefix("#"),
              let target = document.elementsByID[String(href.dropFirst())],
              referenceDepth < Self.maximumReferenceDepth, referenceBudget.take(),
              !isAncestor(target, of: element) else { return }
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

    func isAncestor(_ candidate: XMLElement, of element: XMLElement) -> Bool {
        var node: XMLElement? = element
        while let current = node {
            if current === candidate { return true }
            node = current.parent
        }
        return false
    }
}

/// A count of references that may still be drawn, shared by a renderer and the renderers it
/// starts for pattern tiles.
final class ReferenceBudget {
    private var remaining: Int
    init(_ count: Int) { remaining = count }
    /// Spends one; false when none is left.
    func take() -> Bool {
        guard remaining > 0 else { return false }
        remaining -= 1
        return true
    }
}
