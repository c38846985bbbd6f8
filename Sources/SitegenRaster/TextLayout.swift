import Foundation

/// Lays out a `<text>` element and its `tspan`s on one baseline per chunk: runs of characters
/// set by the font source, each in its own computed style, placed one after the other; an
/// absolute `x` or `y` starts a new chunk, and each chunk is shifted by its `text-anchor`.
/// White space follows the default `xml:space` rule across the whole element: newlines removed,
/// tabs made spaces, runs of spaces collapsed, the ends trimmed.
struct TextLayout {
    let document: SVGDocument
    let fonts: any SVGFontSource
    let viewport: Viewport

    struct Run {
        var path: Path
        var style: ComputedStyle
    }

    /// One span of characters before layout.
    private struct Piece {
        var text: String
        var style: ComputedStyle
        var x: Double?
        var y: Double?
        var dx = 0.0
        var dy = 0.0
    }

    func runs(of element: XMLElement, style: ComputedStyle) -> [Run] {
        var pieces: [Piece] = []
        collect(element, style: style, into: &pieces, depth: 0)
        normaliseWhiteSpace(&pieces)
        // Chunks: a piece with an absolute position starts a new one.
        var chunks: [[Piece]] = []
        for piece in pieces where !piece.text.isEmpty || piece.x != nil || piece.y != nil || piece.dx != 0 || piece.dy != 0 {
            if chunks.isEmpty || piece.x != nil || piece.y != nil { chunks.append([]) }
            chunks[chunks.count - 1].append(piece)
        }
        var runs: [Run] = []
        var pen = Point(0, 0)
        for chunk in chunks {
            var placed: [(SVGGlyphRun, Piece, Point)] = []
            if let x = chunk.first?.x { pen.x = x }
            if let y = chunk.first?.y { pen.y = y }
            let start = pen.x
            for piece in chunk {
                pen.x += piece.dx
                pen.y += piece.dy
                guard !piece.text.isEmpty else { continue }
                let request = SVGFontRequest(families: piece.style.fontFamilies, weight: piece.style.fontWeight, italic: piece.style.italic)
                // A run the source cannot set leaves the whole text out rather than half of it.
                guard let glyphs = fonts.glyphRun(for: piece.text, request: request) else { return [] }
                placed.append((glyphs, piece, pen))
                pen.x += glyphs.advance * piece.style.fontSize
            }
            let width = pen.x - start
            let shift: Double
            switch chunk.first?.style.textAnchor ?? .start {
            case .start: shift = 0
            case .middle: shift = -width / 2
            case .end: shift = -width
            }
            pen.x += shift
            for (glyphs, piece, origin) in placed {
                runs.append(Run(path: Self.path(glyphs, at: Point(origin.x + shift, origin.y), size: piece.style.fontSize),
                                style: piece.style))
            }
        }
        return runs
    }

    private func collect(_ element: XMLElement, style: ComputedStyle, into pieces: inout [Piece], depth: Int) {
        guard depth < 32 else { return }
        func first(_ name: String, _ axis: Length.Axis) -> Double? {
            guard let list = element.attribute(name), let item = list.split(whereSeparator: { $0 == " " || $0 == "," }).first,
                  let length = Length.parse(item) else { return nil }
            return length.resolve(viewport, axis, fontSize: style.fontSize)
        }
        // The element's own position applies to its first piece, even an empty one.
        pieces.append(Piece(text: "", style: style, x: first("x", .horizontal), y: first("y", .vertical),
                            dx: first("dx", .horizontal) ?? 0, dy: first("dy", .vertical) ?? 0))
        for item in element.content {
            switch item {
            case .text(let text):
                pieces.append(Piece(text: text, style: style))
            case .element(let child) where child.localName == "tspan":
                let childStyle = document.computedStyle(of: child, parent: style)
                if childStyle.displayed { collect(child, style: childStyle, into: &pieces, depth: depth + 1) }
            case .element:
                continue
            }
        }
    }

    private func normaliseWhiteSpace(_ pieces: inout [Piece]) {
        var previousWasSpace = true  // trims the start
        for i in pieces.indices {
            var out = ""
            for character in pieces[i].text where character != "\n" && character != "\r" {
                let c: Character = character == "\t" ? " " : character
                if c == " " && previousWasSpace { continue }
                out.append(c)
                previousWasSpace = c == " "
            }
            pieces[i].text = out
        }
        // Trim the end.
        for i in pieces.indices.reversed() {
            while pieces[i].text.last == " " { pieces[i].text.removeLast() }
            if !pieces[i].text.isEmpty { break }
        }
    }

    private static func path(_ run: SVGGlyphRun, at origin: Point, size: Double) -> Path {
        func point(_ x: Double, _ y: Double) -> Point { Point(origin.x + x * size, origin.y + y * size) }
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
}
