/// Where `<text>` gets its glyph outlines. SitegenRaster reads no font files itself: the caller
/// that owns the fonts (the social-card step, with the theme's TrueType fonts) passes one of these
/// to `SVGDocument.render(width:height:fonts:)`; without one, text is left out and reported.
public protocol SVGFontSource: Sendable {
    /// The outlines of `text` set on one line in the first family of `request` that the source
    /// has (or its own fallback), or nil when it cannot set the whole run.
    func glyphRun(for text: String, request: SVGFontRequest) -> SVGGlyphRun?
}

/// The font a `<text>` element asks for, from its computed `font-family`, `font-weight` and
/// `font-style`.
public struct SVGFontRequest: Sendable, Equatable {
    /// Family names in order of preference, quotes removed; generic names (`sans-serif`) included.
    public let families: [String]
    /// 100…900; `bold` is 700.
    public let weight: Int
    public let italic: Bool
}

/// A set line of text, in em units (1 = the font size): the pen starts at (0, 0) on the
/// baseline, x grows to the right and y downwards (so ascenders have negative y).
public struct SVGGlyphRun: Sendable {
    public enum Segment: Sendable, Equatable {
        case move(x: Double, y: Double)
        case line(x: Double, y: Double)
        case quad(cx: Double, cy: Double, x: Double, y: Double)
        case cubic(c1x: Double, c1y: Double, c2x: Double, c2y: Double, x: Double, y: Double)
        case close
    }

    public var segments: [Segment]
    /// How far the pen moved: what `text-anchor` middle and end measure.
    public var advance: Double

    public init(segments: [Segment], advance: Double) {
        self.segments = segments
        self.advance = advance
    }
}
