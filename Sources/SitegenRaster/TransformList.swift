import Foundation

/// SVG's `transform` attribute: a list of matrix, translate, scale, rotate (with an optional
/// centre), skewX and skewY, applied right to left. A malformed list means no transform,
/// as browsers and librsvg treat it.
enum TransformList {
    static func parse(_ text: String) -> AffineTransform? {
        var scanner = NumberScanner(text)
        var result = AffineTransform.identity
        while true {
            scanner.skipSeparator()
            if scanner.atEnd { return result }
            let nameStart = scanner.i
            while let c = scanner.peek, (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || c == UInt8(ascii: "X") || c == UInt8(ascii: "Y") {
                scanner.i += 1
            }
            let name = String(decoding: scanner.bytes[nameStart..<scanner.i], as: UTF8.self)
            scanner.skipSpace()
            guard scanner.peek == UInt8(ascii: "(") else { return nil }
            scanner.i += 1
            var args: [Double] = []
            while true {
                scanner.skipSpace()
                if scanner.peek == UInt8(ascii: ")") { scanner.i += 1; break }
                guard let v = scanner.number() else { return nil }
                args.append(v)
                scanner.skipSeparator()
            }
            let step: AffineTransform
            switch (name, args.count) {
            case ("matrix", 6):
                step = AffineTransform(a: args[0], b: args[1], c: args[2], d: args[3], e: args[4], f: args[5])
            case ("translate", 1): step = .translation(args[0], 0)
            case ("translate", 2): step = .translation(args[0], args[1])
            case ("scale", 1): step = .scale(args[0], args[0])
            case ("scale", 2): step = .scale(args[0], args[1])
            case ("rotate", 1): step = .rotation(degrees: args[0])
            case ("rotate", 3):
                step = AffineTransform.translation(args[1], args[2])
                    .concatenating(.rotation(degrees: args[0]))
                    .concatenating(.translation(-args[1], -args[2]))
            case ("skewX", 1): step = AffineTransform(c: tan(args[0] * .pi / 180))
            case ("skewY", 1): step = AffineTransform(b: tan(args[0] * .pi / 180))
            default: return nil
            }
            result = result.concatenating(step)
        }
    }
}
