import Foundation

/// An SVG document, parsed and ready to draw at any size.
///
/// Draws what badge artwork uses — shapes and paths, groups and transforms, fills and strokes,
/// gradients, patterns, markers, `use`/`symbol`, clip paths, masks, shadow filters, style sheets; text and embedded
/// images through the caller's fonts and decoders — and lists what it had to leave out
/// (other filters, animation, …) in `unsupportedFeatures`. docs/svg-rasteriser.md has it all.
///
/// Sendable by assertion: its element tree is built once, in `init`, and only read afterwards,
/// so one parsed document can be drawn from several threads (cards in parallel).
public struct SVGDocument: @unchecked Sendable {
    let root: XMLElement
    let styleSheet: StyleSheet
    let elementsByID: [String: XMLElement]

    /// The largest width or height drawn: the float canvas of 2048² pixels is 64 MiB, and badge
    /// artwork is wanted at card size (630 px).
    public static let maximumSize = 2048

    /// What the document uses that the renderer leaves out, each named once, in document order.
    public let unsupportedFeatures: [String]

    /// The document's own size in CSS pixels, from `width`/`height` or else the viewBox.
    public let intrinsicSize: (width: Double, height: Double)?

    public init(parsing bytes: [UInt8]) throws(SVGError) {
        let root = try XMLReader.parse(bytes)
        guard root.localName == "svg" else { throw SVGError("the root element is <\(root.name)>, not <svg>", at: 0) }
        self.root = root
        var sheet = StyleSheet()
        var ids: [String: XMLElement] = [:]
        var stack = [root]
        var ordered: [XMLElement] = []
        while let element = stack.popLast() {
            ordered.append(element)
            if let id = element.attribute("id"), ids[id] == nil { ids[id] = element }
            if element.localName == "style" {
                let type = element.attribute("type") ?? "text/css"
                if type == "text/css" || type.isEmpty { sheet.add(element.text) }
            }
            stack.append(contentsOf: element.children.reversed())
        }
        styleSheet = sheet
        elementsByID = ids
        var report = UnsupportedFeatures()
        for item in sheet.unsupported { report.note(item) }
        Self.survey(root, sheet: sheet, ids: ids, into: &report)
        unsupportedFeatures = report.names

        let viewBox = Self.viewBox(of: root)
        let width = root.attribute("width").flatMap(Length.parse)
        let height = root.attribute("height").flatMap(Length.parse)
        func absolute(_ l: Length?) -> Double? { l.flatMap { $0.unit == .percent ? nil : $0.resolve(Viewport(width: 0, height: 0), .other) } }
        if let w = absolute(width), let h = absolute(height) {
            intrinsicSize = (w, h)
        } else if let viewBox {
            let w = absolute(width), h = absolute(height)
            let ratio = viewBox.width / viewBox.height
            intrinsicSize = (w ?? h.map { $0 * ratio } ?? viewBox.width, h ?? w.map { $0 / ratio } ?? viewBox.height)
        } else {
            intrinsicSize = nil
        }
    }

    /// The picture at `width × height` pixels: the root viewBox fitted into that box by the
    /// root's `preserveAspectRatio` (a document without a viewBox is treated as having one of its
    /// own width and height). Sizes are clamped to 1…`maximumSize`.
    ///
    /// With `fonts`, `<text>` elements holding plain character data are drawn from its outlines
    /// (`x`/`y` of the first glyph, `text-anchor`, the font properties, fill and stroke). With
    /// `images`, `<image>` elements carrying a `data:` URL are drawn from what it decodes.
    public func render(width: Int, height: Int, fonts: (any SVGFontSource)? = nil,
                       images: (any SVGImageDecoder)? = nil) -> RasterImage {
        let w = min(Self.maximumSize, max(1, width)), h = min(Self.maximumSize, max(1, height))
        var renderer = SVGRenderer(document: self, width: w, height: h, fonts: fonts, images: images)
        return renderer.renderRoot()
    }

    /// `unsupportedFeatures` as they stand when drawing with a font source and/or an image
    /// decoder: `<text>` with its `tspan`s, and images embedded as `data:` URLs, are drawn then
    /// (a run the font source cannot set, or an image the decoder refuses, is still left out,
    /// silently).
    public func unsupportedFeatures(withFonts: Bool, withImageDecoder: Bool) -> [String] {
        unsupportedFeatures.filter { !(withFonts && $0 == "text") && !(withImageDecoder && $0 == "embedded image") }
    }

    static func viewBox(of element: XMLElement) -> Box? {
        guard let text = element.attribute("viewBox"), let v = NumberScanner.list(text), v.count == 4, v[2] > 0, v[3] > 0 else {
            return nil
        }
        return Box(minX: v[0], minY: v[1], maxX: v[0] + v[2], maxY: v[1] + v[3])
    }

    /// The declarations that apply to an element, lowest priority first.
    func declarations(for element: XMLElement) -> [Declaration] {
        var result: [Declaration] = []
        for attribute in element.attributes where ComputedStyle.presentationAttributes.contains(attribute.name) {
            result.append(Declaration(property: attribute.name, value: attribute.value.trimmingCharacters(in: .whitespaces), important: false))
        }
        let sheet = styleSheet.declarations(for: element)
        result += sheet.filter { !$0.important }
        if let style = element.attribute("style") { result += Declaration.parseList(style).filter { !$0.important } }
        result += sheet.filter(\.important)
        if let style = element.attribute("style") { result += Declaration.parseList(style).filter(\.important) }
        return result
    }

    func computedStyle(of element: XMLElement, parent: ComputedStyle) -> ComputedStyle {
        var style = parent.inherited()
        style.apply(declarations(for: element), parent: parent)
        return style
    }

    /// Elements and properties the renderer leaves out, anywhere in the document.
    private static func survey(_ root: XMLElement, sheet: StyleSheet, ids: [String: XMLElement], into report: inout UnsupportedFeatures) {
        let document = SVGDocumentSurvey(sheet: sheet)
        var stack = [root]
        while let element = stack.popLast() {
            let name = String(element.localName)
            if let feature = UnsupportedFeatures.elements[name] {
                report.note(feature)
                // Inside text, tspans are laid out; anything else is not.
                if name == "text" {
                    var inner = element.children
                    while let child = inner.popLast() {
                        if child.localName == "tspan" { inner += child.children; continue }
                        report.note(UnsupportedFeatures.elements[String(child.localName)] ?? "text content <\(child.name)>")
                    }
                }
                continue
            }
            for declaration in document.declarations(for: element) {
                let isNone = declaration.value.trimmingCharacters(in: .whitespaces) == "none"
                switch declaration.property {
                case "filter":
                    guard !isNone else { break }
                    if case .server(let id, _)? = Paint.parse(declaration.value), let target = ids[id], target.localName == "filter" {
                        if let primitive = FilterEffects.unsupportedPrimitive(in: target) { report.note("filter \(primitive)") }
                    } else {
                        report.note("filter")
                    }
                case "fill", "stroke":
                    if case .server(let id, _)? = Paint.parse(declaration.value), let target = ids[id] {
                        let targetName = String(target.localName)
                        if targetName != "linearGradient" && targetName != "radialGradient" && targetName != "pattern" {
                            report.note(UnsupportedFeatures.elements[targetName] ?? "paint server <\(targetName)>")
                        }
                    }
                default: break
                }
            }
            if name == "image" {
                let href = element.attribute("href") ?? element.attribute("xlink:href") ?? ""
                report.note(DataURL.decode(href) == nil ? "external image" : "embedded image")
                continue
            }
            if name == "path", let d = element.attribute("d"), let error = PathData.parse(d).error {
                report.note("invalid path data (\(error)); drawn up to the error")
            }
            if name == "switch" {
                // Only the chosen child is drawn, so only it can leave anything out.
                if let chosen = SwitchChoice.child(of: element) { stack.append(chosen) }
                continue
            }
            stack.append(contentsOf: element.children.reversed())
        }
    }
}

/// The cascade without the rest of the document, for the survey at parse time.
private struct SVGDocumentSurvey {
    let sheet: StyleSheet
    func declarations(for element: XMLElement) -> [Declaration] {
        var result: [Declaration] = []
        for attribute in element.attributes where ComputedStyle.presentationAttributes.contains(attribute.name) {
            result.append(Declaration(property: attribute.name, value: attribute.value, important: false))
        }
        result += sheet.declarations(for: element)
        if let style = element.attribute("style") { result += Declaration.parseList(style) }
        return result
    }
}

/// The list of left-out features, each once, in the order first met.
struct UnsupportedFeatures {
    private(set) var names: [String] = []

    static let elements: [String: String] = [
        "text": "text",
        "foreignObject": "foreignObject",
        "animate": "animation", "animateTransform": "animation", "set": "animation",
        "animateMotion": "animation", "textPath": "text on a path",
    ]

    mutating func note(_ feature: String) {
        if !names.contains(feature) { names.append(feature) }
    }
}
