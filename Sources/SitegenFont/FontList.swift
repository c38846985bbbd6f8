import SitegenRaster

/// Fonts in order of preference, drawing SVG `<text>` for the rasteriser: a run is set in the
/// first face (requested family and nearest weight first, then the rest) that has a glyph for
/// every character of it, so a CJK name falls through a Latin face to a CJK one.
public struct FontList: SVGFontSource {
    public struct Face: Sendable {
        public let font: TrueTypeFont
        public let family: String
        public let weight: Int
        public let italic: Bool

        public init(font: TrueTypeFont, family: String, weight: Int = 400, italic: Bool = false) {
            self.font = font
            self.family = family
            self.weight = weight
            self.italic = italic
        }
    }

    public let faces: [Face]

    public init(_ faces: [Face]) { self.faces = faces }

    /// Faces in the order a request tries them.
    public func candidates(for request: SVGFontRequest) -> [Face] {
        let families = request.families.map { $0.lowercased() }
        func rank(_ face: Face, _ position: Int) -> [Int] {
            [families.firstIndex(of: face.family.lowercased()) ?? families.count,
             abs(face.weight - request.weight),
             face.italic == request.italic ? 0 : 1,
             position] // faces that rank the same keep the list's order
        }
        return faces.enumerated().sorted { rank($0.element, $0.offset).lexicographicallyPrecedes(rank($1.element, $1.offset)) }.map(\.element)
    }

    public func glyphRun(for text: String, request: SVGFontRequest) -> SVGGlyphRun? {
        for face in candidates(for: request) {
            if let run = try? Self.run(text, in: face.font) { return run }
        }
        return nil
    }

    /// `text` in `font` as em-unit segments, y down, pen from (0, 0).
    static func run(_ text: String, in font: TrueTypeFont) throws -> SVGGlyphRun {
        let layout = try font.layout(text, size: 1)
        let em = Double(font.unitsPerEm)
        var segments: [SVGGlyphRun.Segment] = []
        for placed in layout.glyphs {
            segments += try font.outline(of: placed.glyph).segments(
                { x, y in (placed.x + x / em, -y / em) },
                move: { .move(x: $0.0, y: $0.1) },
                line: { .line(x: $0.0, y: $0.1) },
                quad: { .quad(cx: $0.0, cy: $0.1, x: $1.0, y: $1.1) },
                close: .close)
        }
        return SVGGlyphRun(segments: segments, advance: layout.width)
    }
}
