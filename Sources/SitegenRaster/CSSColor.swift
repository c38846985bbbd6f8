import Foundation

/// A straight (not premultiplied) sRGB colour with alpha, each channel in 0…1.
struct Color: Equatable {
    var r: Double, g: Double, b: Double, a: Double

    static let black = Color(r: 0, g: 0, b: 0, a: 1)
    static let transparent = Color(r: 0, g: 0, b: 0, a: 0)
}

/// A parsed CSS colour value: a colour, or `currentColor` (resolved later against `color`).
enum CSSColor: Equatable {
    case color(Color)
    case currentColor

    /// Every CSS colour syntax: names, `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, `rgb()`/`rgba()` with
    /// numbers or percentages (comma or space separated, `/ alpha`), `hsl()`/`hsla()`,
    /// `transparent` and `currentColor`. Nil when the text is none of these.
    static func parse(_ raw: some StringProtocol) -> CSSColor? {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if text == "currentcolor" { return .currentColor }
        if text == "transparent" { return .color(.transparent) }
        if let rgb = NamedColors.table[text] {
            return .color(Color(r: Double(rgb.0) / 255, g: Double(rgb.1) / 255, b: Double(rgb.2) / 255, a: 1))
        }
        if text.hasPrefix("#") { return hex(text.dropFirst()).map(CSSColor.color) }
        guard let open = text.firstIndex(of: "("), text.hasSuffix(")") else { return nil }
        let function = text[..<open].trimmingCharacters(in: .whitespaces)
        let body = text[text.index(after: open)..<text.index(before: text.endIndex)]
        var parts = body.replacingOccurrences(of: "/", with: " / ")
            .split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        var alphaText: String? = nil
        if let slash = parts.firstIndex(of: "/") {
            guard slash == 3, parts.count == 5 else { return nil }
            alphaText = parts[4]
            parts = Array(parts[0..<3])
        } else if parts.count == 4 {
            alphaText = parts[3]
            parts = Array(parts[0..<3])
        }
        guard parts.count == 3 else { return nil }
        var alpha = 1.0
        if let alphaText {
            guard let a = component(alphaText, percentScale: 1, numberScale: 1) else { return nil }
            alpha = a
        }
        alpha = min(1, max(0, alpha))
        switch function {
        case "rgb", "rgba":
            var channels: [Double] = []
            for part in parts {
                guard let v = component(part, percentScale: 1, numberScale: 1.0 / 255) else { return nil }
                channels.append(min(1, max(0, v)))
            }
            return .color(Color(r: channels[0], g: channels[1], b: channels[2], a: alpha))
        case "hsl", "hsla":
            let hueText = parts[0].hasSuffix("deg") ? String(parts[0].dropLast(3)) : parts[0]
            guard let hue = Double(hueText), parts[1].hasSuffix("%"), parts[2].hasSuffix("%"),
                  let s = Double(parts[1].dropLast()), let l = Double(parts[2].dropLast()) else { return nil }
            let (r, g, b) = hslToRGB(h: hue, s: min(1, max(0, s / 100)), l: min(1, max(0, l / 100)))
            return .color(Color(r: r, g: g, b: b, a: alpha))
        default:
            return nil
        }
    }

    private static func component(_ text: String, percentScale: Double, numberScale: Double) -> Double? {
        if text.hasSuffix("%") {
            guard let v = Double(text.dropLast()), v.isFinite else { return nil }
            return v / 100 * percentScale
        }
        guard let v = Double(text), v.isFinite else { return nil }
        return v * numberScale
    }

    private static func hex(_ digits: Substring) -> Color? {
        let values = digits.compactMap { $0.hexDigitValue }
        guard values.count == digits.count else { return nil }
        func pair(_ i: Int) -> Double { Double(values[i] * 16 + values[i + 1]) / 255 }
        func single(_ i: Int) -> Double { Double(values[i] * 17) / 255 }
        switch values.count {
        case 3: return Color(r: single(0), g: single(1), b: single(2), a: 1)
        case 4: return Color(r: single(0), g: single(1), b: single(2), a: single(3))
        case 6: return Color(r: pair(0), g: pair(2), b: pair(4), a: 1)
        case 8: return Color(r: pair(0), g: pair(2), b: pair(4), a: pair(6))
        default: return nil
        }
    }

    /// CSS Color 3's HSL-to-RGB algorithm.
    private static func hslToRGB(h: Double, s: Double, l: Double) -> (Double, Double, Double) {
        let hue = (h.truncatingRemainder(dividingBy: 360) + 360).truncatingRemainder(dividingBy: 360) / 360
        let m2 = l <= 0.5 ? l * (s + 1) : l + s - l * s
        let m1 = l * 2 - m2
        func channel(_ h0: Double) -> Double {
            var h = h0
            if h < 0 { h += 1 }
            if h > 1 { h -= 1 }
            if h * 6 < 1 { return m1 + (m2 - m1) * h * 6 }
            if h * 2 < 1 { return m2 }
            if h * 3 < 2 { return m1 + (m2 - m1) * (2.0 / 3 - h) * 6 }
            return m1
        }
        return (channel(hue + 1.0 / 3), channel(hue), channel(hue - 1.0 / 3))
    }
}
