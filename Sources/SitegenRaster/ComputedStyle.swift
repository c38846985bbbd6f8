import Foundation

/// What fills or strokes a shape.
enum Paint: Equatable {
    case none
    case color(CSSColor)
    /// `url(#id)` with the colour to use if the reference does not lead to a gradient.
    case server(id: String, fallback: CSSColor?)

    static func parse(_ text: String) -> Paint? {
        let value = text.trimmingCharacters(in: .whitespaces)
        if value == "none" { return Paint.none }
        if value.hasPrefix("url(") {
            guard let close = value.firstIndex(of: ")") else { return nil }
            var reference = value[value.index(value.startIndex, offsetBy: 4)..<close].trimmingCharacters(in: .whitespaces)
            reference = reference.trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
            guard reference.hasPrefix("#") else { return nil }
            let fallbackText = value[value.index(after: close)...].trimmingCharacters(in: .whitespaces)
            let fallback: CSSColor? = fallbackText.isEmpty || fallbackText == "none" ? nil : CSSColor.parse(fallbackText)
            return .server(id: String(reference.dropFirst()), fallback: fallback)
        }
        return CSSColor.parse(value).map(Paint.color)
    }
}

enum FillRule { case nonzero, evenodd }
enum LineCap { case butt, round, square }
enum LineJoin { case miter, round, bevel }
enum TextAnchor { case start, middle, end }

/// The properties that drawing needs, after the cascade: presentation attributes, then the
/// style sheet by specificity and order, then the `style` attribute, then `!important`.
struct ComputedStyle {
    // Inherited.
    var fill: Paint = .color(.color(.black))
    var fillOpacity = 1.0
    var fillRule = FillRule.nonzero
    var stroke: Paint = .none
    var strokeOpacity = 1.0
    var strokeWidth = Length(value: 1)
    var lineCap = LineCap.butt
    var lineJoin = LineJoin.miter
    var miterLimit = 4.0
    var dashArray: [Length] = []
    var dashOffset = Length.zero
    var color = Color.black
    var clipRule = FillRule.nonzero
    var visible = true
    var fontSize = 16.0
    var fontFamilies: [String] = ["sans-serif"]
    var fontWeight = 400
    var italic = false
    var textAnchor = TextAnchor.start
    /// `paint-order` with the stroke before the fill (markers always come last).
    var strokeFirst = false
    var markerStart: String? = nil
    var markerMid: String? = nil
    var markerEnd: String? = nil
    // Not inherited.
    var opacity = 1.0
    var clipPath: String? = nil
    var mask: String? = nil
    var filter: String? = nil
    var displayed = true
    var stopColor: CSSColor = .color(.black)
    var stopOpacity = 1.0

    /// (`marker`, the shorthand, is a CSS property only, not an attribute, as SVG 1.1 has it.)
    static let presentationAttributes: Set<String> = [
        "fill", "fill-opacity", "fill-rule", "stroke", "stroke-opacity", "stroke-width", "stroke-linecap",
        "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "color", "clip-rule",
        "visibility", "font-size", "opacity", "clip-path", "display", "stop-color", "stop-opacity", "filter", "mask",
        "marker-start", "marker-mid", "marker-end", "font-family", "font-weight", "font-style", "text-anchor",
        "paint-order", "mask-type", "overflow", "flood-color", "flood-opacity", "color-interpolation-filters",
    ]

    /// The style of a child: inherited properties kept, the others back to their initial values.
    func inherited() -> ComputedStyle {
        var child = self
        child.opacity = 1
        child.clipPath = nil
        child.mask = nil
        child.filter = nil
        child.displayed = true
        child.stopColor = .color(.black)
        child.stopOpacity = 1
        return child
    }

    mutating func apply(_ declarations: [Declaration], parent: ComputedStyle) {
        // `color` first, since `currentColor` in the same element refers to it.
        for d in declarations where d.property == "color" { apply(d, parent: parent) }
        for d in declarations where d.property != "color" { apply(d, parent: parent) }
    }

    private mutating func apply(_ d: Declaration, parent: ComputedStyle) {
        let v = d.value
        if v == "inherit" {
            inheritProperty(d.property, from: parent)
            return
        }
        func opacityValue() -> Double? {
            let t = v.trimmingCharacters(in: .whitespaces)
            if t.hasSuffix("%"), let n = Double(t.dropLast()) { return min(1, max(0, n / 100)) }
            return Double(t).map { min(1, max(0, $0)) }
        }
        switch d.property {
        case "fill": if let p = Paint.parse(v) { fill = p }
        case "stroke": if let p = Paint.parse(v) { stroke = p }
        case "fill-opacity": if let o = opacityValue() { fillOpacity = o }
        case "stroke-opacity": if let o = opacityValue() { strokeOpacity = o }
        case "opacity": if let o = opacityValue() { opacity = o }
        case "stop-opacity": if let o = opacityValue() { stopOpacity = o }
        case "fill-rule": if let r = Self.fillRule(v) { fillRule = r }
        case "clip-rule": if let r = Self.fillRule(v) { clipRule = r }
        case "stroke-width": if let l = Length.parse(v), l.value >= 0 { strokeWidth = l }
        case "stroke-linecap":
            switch v { case "butt": lineCap = .butt; case "round": lineCap = .round; case "square": lineCap = .square; default: break }
        case "stroke-linejoin":
            switch v {
            case "miter", "miter-clip", "arcs": lineJoin = .miter
            case "round": lineJoin = .round
            case "bevel": lineJoin = .bevel
            default: break
            }
        case "stroke-miterlimit": if let m = Double(v), m >= 1 { miterLimit = m }
        case "stroke-dasharray":
            if v == "none" { dashArray = [] }
            else if let lengths = Self.lengthList(v), !lengths.contains(where: { $0.value < 0 }) { dashArray = lengths }
        case "stroke-dashoffset": if let l = Length.parse(v) { dashOffset = l }
        case "color":
            if case .color(let c)? = CSSColor.parse(v) { color = c }
            else if CSSColor.parse(v) == .currentColor { color = parent.color }
        case "stop-color": if let c = CSSColor.parse(v) { stopColor = c }
        case "visibility": visible = !(v == "hidden" || v == "collapse")
        case "display": displayed = v != "none"
        case "font-size":
            if let l = Length.parse(v) {
                switch l.unit {
                case .user: fontSize = l.value
                case .em: fontSize = l.value * parent.fontSize
                case .ex: fontSize = l.value * parent.fontSize / 2
                case .percent: fontSize = l.value / 100 * parent.fontSize
                }
            }
        case "font-family":
            let families = v.split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
            }.filter { !$0.isEmpty }
            if !families.isEmpty { fontFamilies = families }
        case "font-weight":
            switch v {
            case "normal": fontWeight = 400
            case "bold": fontWeight = 700
            case "bolder": fontWeight = min(900, max(700, parent.fontWeight + 300))
            case "lighter": fontWeight = max(100, parent.fontWeight - 300)
            default: if let n = Int(v), (1...1000).contains(n) { fontWeight = n }
            }
        case "font-style": italic = v == "italic" || v == "oblique"
        case "paint-order":
            // What is painted first; an order naming only markers keeps fill before stroke.
            let order = v.split(separator: " ").filter { $0 == "fill" || $0 == "stroke" }
            strokeFirst = order.first == "stroke"
        case "text-anchor":
            switch v { case "start": textAnchor = .start; case "middle": textAnchor = .middle; case "end": textAnchor = .end; default: break }
        case "clip-path":
            if v == "none" { clipPath = nil }
            else if case .server(let id, _)? = Paint.parse(v) { clipPath = id }
        case "marker-start", "marker-mid", "marker-end", "marker":
            var id: String? = nil
            if case .server(let reference, _)? = Paint.parse(v) { id = reference } else if v != "none" { break }
            if d.property == "marker-start" || d.property == "marker" { markerStart = id }
            if d.property == "marker-mid" || d.property == "marker" { markerMid = id }
            if d.property == "marker-end" || d.property == "marker" { markerEnd = id }
        case "filter":
            if v == "none" { filter = nil }
            else if case .server(let id, _)? = Paint.parse(v) { filter = id }
        case "mask":
            if v == "none" { mask = nil }
            else if case .server(let id, _)? = Paint.parse(v) { mask = id }
        default: break
        }
    }

    private mutating func inheritProperty(_ property: String, from parent: ComputedStyle) {
        switch property {
        case "fill": fill = parent.fill
        case "stroke": stroke = parent.stroke
        case "fill-opacity": fillOpacity = parent.fillOpacity
        case "stroke-opacity": strokeOpacity = parent.strokeOpacity
        case "opacity": opacity = parent.opacity
        case "stroke-width": strokeWidth = parent.strokeWidth
        case "color": color = parent.color
        case "stop-color": stopColor = parent.stopColor
        case "stop-opacity": stopOpacity = parent.stopOpacity
        default: break
        }
    }

    private static func fillRule(_ v: String) -> FillRule? {
        switch v { case "nonzero": return .nonzero; case "evenodd": return .evenodd; default: return nil }
    }

    private static func lengthList(_ v: String) -> [Length]? {
        let parts = v.split(whereSeparator: { $0 == "," || $0 == " " })
        var out: [Length] = []
        for p in parts {
            guard let l = Length.parse(p) else { return nil }
            out.append(l)
        }
        return out
    }

    /// A colour with `currentColor` resolved.
    func resolve(_ c: CSSColor) -> Color {
        switch c {
        case .color(let color): return color
        case .currentColor: return color
        }
    }
}
