import Foundation

/// An SVG length with its unit, resolved to user units only when the viewport is known.
struct Length: Equatable {
    enum Unit: Equatable { case user, percent, em, ex }
    var value: Double
    var unit: Unit = .user

    static let zero = Length(value: 0)

    /// Which viewport dimension a percentage refers to.
    enum Axis { case horizontal, vertical, other }

    /// Numbers with `px`, `pt`, `pc`, `mm`, `cm`, `in`, `em`, `ex` or `%` (CSS's 96 px to the inch).
    static func parse(_ raw: some StringProtocol) -> Length? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        var scanner = NumberScanner(text)
        guard let number = scanner.number() else { return nil }
        let unit = String(decoding: scanner.bytes[scanner.i...], as: UTF8.self).lowercased()
        switch unit {
        case "", "px": return Length(value: number)
        case "pt": return Length(value: number * 4 / 3)
        case "pc": return Length(value: number * 16)
        case "mm": return Length(value: number * 96 / 25.4)
        case "cm": return Length(value: number * 96 / 2.54)
        case "in": return Length(value: number * 96)
        case "%": return Length(value: number, unit: .percent)
        case "em": return Length(value: number, unit: .em)
        case "ex": return Length(value: number, unit: .ex)
        default: return nil
        }
    }

    func resolve(_ viewport: Viewport, _ axis: Axis, fontSize: Double = 16) -> Double {
        switch unit {
        case .user: return value
        case .em: return value * fontSize
        case .ex: return value * fontSize / 2
        case .percent:
            switch axis {
            case .horizontal: return value / 100 * viewport.width
            case .vertical: return value / 100 * viewport.height
            case .other: return value / 100 * ((viewport.width * viewport.width + viewport.height * viewport.height) / 2).squareRoot()
            }
        }
    }
}

/// The size percentages are taken from: the nearest `svg` or `symbol` viewport, in user units.
struct Viewport: Equatable {
    var width: Double
    var height: Double
}

/// `preserveAspectRatio`: how a viewBox is fitted into a viewport.
struct AspectRatio: Equatable {
    /// 0, 0.5 or 1 along each axis (min, mid, max); nil alignment means `none`, a stretch.
    var align: (x: Double, y: Double)?
    var slice = false

    static let `default` = AspectRatio(align: (0.5, 0.5), slice: false)

    static func == (l: AspectRatio, r: AspectRatio) -> Bool {
        l.slice == r.slice && l.align?.x == r.align?.x && l.align?.y == r.align?.y
    }

    static func parse(_ text: String?) -> AspectRatio {
        guard let text else { return .default }
        var words = text.split(separator: " ").map(String.init)
        if words.first == "defer" { words.removeFirst() }
        guard let alignWord = words.first else { return .default }
        var result = AspectRatio.default
        if words.count > 1 {
            switch words[1] {
            case "slice": result.slice = true
            case "meet": break
            default: return .default
            }
        }
        if alignWord == "none" { result.align = nil; return result }
        let positions: [String: Double] = ["Min": 0, "Mid": 0.5, "Max": 1]
        guard alignWord.count == 8, alignWord.hasPrefix("x"),
              let x = positions[String(alignWord.dropFirst(1).prefix(3))],
              alignWord.dropFirst(4).hasPrefix("Y"),
              let y = positions[String(alignWord.dropFirst(5).prefix(3))] else { return .default }
        result.align = (x, y)
        return result
    }

    /// The map from viewBox coordinates into a viewport of the given origin and size.
    func transform(viewBox: Box, into viewport: Box) -> AffineTransform {
        guard viewBox.width > 0, viewBox.height > 0 else { return .identity }
        var sx = viewport.width / viewBox.width
        var sy = viewport.height / viewBox.height
        guard let align else {
            return AffineTransform.translation(viewport.minX, viewport.minY)
                .concatenating(.scale(sx, sy)).concatenating(.translation(-viewBox.minX, -viewBox.minY))
        }
        let s = slice ? max(sx, sy) : min(sx, sy)
        sx = s; sy = s
        let tx = viewport.minX + (viewport.width - viewBox.width * s) * align.x - viewBox.minX * s
        let ty = viewport.minY + (viewport.height - viewBox.height * s) * align.y - viewBox.minY * s
        return AffineTransform(a: s, d: s, e: tx, f: ty)
    }
}
