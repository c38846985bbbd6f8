/// The `d` attribute: every command (M L H V C S Q T A Z, absolute and relative, with implicit
/// repeats). As SVG requires, a path is drawn up to the first error in its data; the error is
/// reported so the caller can say so.
enum PathData {
    static func parse(_ text: String) -> (path: Path, error: String?) {
        var scanner = NumberScanner(text)
        var path = Path()
        var command: UInt8 = 0
        var lastControl: Point? = nil
        var lastCommandWasCubic = false, lastCommandWasQuad = false
        while true {
            scanner.skipSpace()
            guard let c = scanner.peek else { break }
            if isCommandLetter(c) {
                command = c
                scanner.i += 1
            } else if command == 0 {
                return (path, "path data must start with a moveto command")
            } else if command == UInt8(ascii: "Z") || command == UInt8(ascii: "z") {
                return (path, "number after a closepath command")
            }
            let relative = command >= UInt8(ascii: "a")
            let upper = relative ? command - 32 : command
            if path.isEmpty && upper != UInt8(ascii: "M") { return (path, "path data must start with a moveto command") }
            let origin = relative ? path.current : Point(0, 0)
            func pointArg() -> Point? {
                guard let x = scanner.number() else { return nil }
                scanner.skipSeparator()
                guard let y = scanner.number() else { return nil }
                scanner.skipSeparator()
                return Point(x, y) + origin
            }
            var isCubic = false, isQuad = false
            switch upper {
            case UInt8(ascii: "Z"):
                path.close()
                scanner.skipSeparator()
            case UInt8(ascii: "M"):
                guard let p = pointArg() else { return (path, "bad moveto arguments") }
                path.move(to: p)
                // Further pairs after a moveto are implicit linetos.
                command = relative ? UInt8(ascii: "l") : UInt8(ascii: "L")
            case UInt8(ascii: "L"):
                guard let p = pointArg() else { return (path, "bad lineto arguments") }
                path.line(to: p)
            case UInt8(ascii: "H"):
                guard let x = scanner.number() else { return (path, "bad horizontal lineto argument") }
                scanner.skipSeparator()
                path.line(to: Point(x + origin.x, path.current.y))
            case UInt8(ascii: "V"):
                guard let y = scanner.number() else { return (path, "bad vertical lineto argument") }
                scanner.skipSeparator()
                path.line(to: Point(path.current.x, y + origin.y))
            case UInt8(ascii: "C"):
                guard let c1 = pointArg(), let c2 = pointArg(), let p = pointArg() else { return (path, "bad curveto arguments") }
                path.cubic(c1, c2, p)
                lastControl = c2; isCubic = true
            case UInt8(ascii: "S"):
                let p0 = path.current
                let c1 = lastCommandWasCubic ? p0 + (p0 - lastControl!) : p0
                guard let c2 = pointArg(), let p = pointArg() else { return (path, "bad smooth curveto arguments") }
                path.cubic(c1, c2, p)
                lastControl = c2; isCubic = true
            case UInt8(ascii: "Q"):
                guard let c = pointArg(), let p = pointArg() else { return (path, "bad quadratic curveto arguments") }
                path.quad(c, p)
                lastControl = c; isQuad = true
            case UInt8(ascii: "T"):
                let p0 = path.current
                let c = lastCommandWasQuad ? p0 + (p0 - lastControl!) : p0
                guard let p = pointArg() else { return (path, "bad smooth quadratic curveto arguments") }
                path.quad(c, p)
                lastControl = c; isQuad = true
            case UInt8(ascii: "A"):
                guard let rx = scanner.number() else { return (path, "bad arc arguments") }
                scanner.skipSeparator()
                guard let ry = scanner.number() else { return (path, "bad arc arguments") }
                scanner.skipSeparator()
                guard let rotation = scanner.number() else { return (path, "bad arc arguments") }
                scanner.skipSeparator()
                guard let large = scanner.flag() else { return (path, "bad arc flag") }
                scanner.skipSeparator()
                guard let sweep = scanner.flag() else { return (path, "bad arc flag") }
                scanner.skipSeparator()
                guard let p = pointArg() else { return (path, "bad arc arguments") }
                path.arc(radii: Point(rx, ry), rotation: rotation, largeArc: large, sweep: sweep, to: p)
            default:
                return (path, "unknown path command")
            }
            lastCommandWasCubic = isCubic
            lastCommandWasQuad = isQuad
        }
        return (path, nil)
    }

    private static func isCommandLetter(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "M"), UInt8(ascii: "m"), UInt8(ascii: "L"), UInt8(ascii: "l"), UInt8(ascii: "H"), UInt8(ascii: "h"),
             UInt8(ascii: "V"), UInt8(ascii: "v"), UInt8(ascii: "C"), UInt8(ascii: "c"), UInt8(ascii: "S"), UInt8(ascii: "s"),
             UInt8(ascii: "Q"), UInt8(ascii: "q"), UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: "A"), UInt8(ascii: "a"),
             UInt8(ascii: "Z"), UInt8(ascii: "z"):
            return true
        default:
            return false
        }
    }
}
