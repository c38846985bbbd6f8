import Foundation

/// Reads `linearGradient` and `radialGradient` elements, following `href` for the attributes
/// and stops an element does not set itself.
struct GradientReader {
    let document: SVGDocument

    func gradient(_ element: XMLElement) -> Gradient? {
        // The chain of referenced gradients, nearest first, stopping at a cycle.
        var chain: [XMLElement] = [element]
        while chain.count < 32, let href = chain.last!.attribute("href") ?? chain.last!.attribute("xlink:href"), href.hasPrefix("#"),
              let next = document.elementsByID[String(href.dropFirst())],
              next.localName == "linearGradient" || next.localName == "radialGradient",
              !chain.contains(where: { $0 === next }) {
            chain.append(next)
        }
        func attribute(_ name: String) -> String? {
            for e in chain { if let v = e.attribute(name) { return v } }
            return nil
        }
        func lengthAttribute(_ name: String, _ fallback: Length) -> Length {
            attribute(name).flatMap(Length.parse) ?? fallback
        }
        func sameKindAttribute(_ name: String) -> String? {
            for e in chain where e.localName == element.localName { if let v = e.attribute(name) { return v } }
            return nil
        }
        let kind: Gradient.Kind
        if element.localName == "linearGradient" {
            func l(_ name: String, _ fallback: Double) -> Length {
                sameKindAttribute(name).flatMap(Length.parse) ?? Length(value: fallback, unit: .percent)
            }
            kind = .linear(x1: l("x1", 0), y1: l("y1", 0), x2: l("x2", 100), y2: l("y2", 0))
        } else {
            func l(_ name: String) -> Length? { sameKindAttribute(name).flatMap(Length.parse) }
            let half = Length(value: 50, unit: .percent)
            let cx = l("cx") ?? half, cy = l("cy") ?? half
            kind = .radial(cx: cx, cy: cy, r: l("r") ?? half, fx: l("fx") ?? cx, fy: l("fy") ?? cy)
        }
        let spread: Gradient.Spread
        switch attribute("spreadMethod") {
        case "reflect": spread = .reflect
        case "repeat": spread = .repeat
        default: spread = .pad
        }
        let transform = attribute("gradientTransform").flatMap(TransformList.parse) ?? .identity
        let stopsOwner = chain.first { e in e.children.contains { $0.localName == "stop" } }
        var stops: [Gradient.Stop] = []
        if let owner = stopsOwner {
            let ownerStyle = document.computedStyle(of: owner, parent: ComputedStyle())
            var last = 0.0
            for stop in owner.children where stop.localName == "stop" {
                let style = document.computedStyle(of: stop, parent: ownerStyle)
                var offset = 0.0
                if let text = stop.attribute("offset")?.trimmingCharacters(in: .whitespaces) {
                    if text.hasSuffix("%") { offset = (Double(text.dropLast()) ?? 0) / 100 } else { offset = Double(text) ?? 0 }
                }
                offset = max(last, min(1, max(0, offset)))
                last = offset
                var color = style.resolve(style.stopColor)
                color.a *= style.stopOpacity
                stops.append(Gradient.Stop(offset: offset, color: color))
            }
        }
        guard !stops.isEmpty else { return nil }
        return Gradient(kind: kind, userSpaceUnits: attribute("gradientUnits") == "userSpaceOnUse", spread: spread,
                        transform: transform, stops: stops)
    }
}
