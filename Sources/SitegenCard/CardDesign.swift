import SitegenCompress
import SitegenFont
import SitegenRaster

/// A theme's card style with its fonts read: what every card of the site is drawn with.
public struct CardDesign: Sendable {
    public let style: CardStyle
    /// The fonts `style` names for the badge's name and the issuer, in its order.
    let nameFaces: [TrueTypeFont]
    let issuerFaces: [TrueTypeFont]
    /// Every font of the theme, for `<text>` in SVG badge artwork: the requested family when a
    /// font is named so, else the nearest weight.
    let artworkFonts: FontList
    /// `<text>` of the card itself is set from these: one family per font, named by position.
    let textFonts: FontList
    /// Glyph coverage drawn once for all cards of the design (see `GlyphMasks`).
    let glyphMasks = GlyphMasks()
    /// The background every card is drawn on, and what a card's text is expected to compress
    /// to (`textFrequencies(of:)`): made for the first card, so that a build drawing none (a
    /// rebuild that changed no badge) does not pay for them (three sample texts laid out,
    /// drawn and parsed).
    var background: CardBackground { madeBackground.value { CardBackground(style: style) } }
    var textFrequencies: SymbolFrequencies { madeTextFrequencies.value { Self.textFrequencies(of: self) } }
    private let madeBackground = MadeOnce<CardBackground>()
    private let madeTextFrequencies = MadeOnce<SymbolFrequencies>()

    /// `fonts`: the theme's font files by file name, read. Names in the style that are not
    /// among them were reported when the theme was read, and are skipped here.
    public init(style: CardStyle, fonts: [(name: String, font: TrueTypeFont)]) {
        self.style = style
        func faces(_ names: [String]) -> [TrueTypeFont] {
            names.compactMap { name in fonts.first { $0.name == name }?.font }
        }
        nameFaces = faces(style.nameFonts)
        issuerFaces = faces(style.issuerFonts)
        // The style's order first (Latin before CJK), so a request no family matches gets the
        // Latin face of its weight rather than a CJK face's Latin glyphs.
        let preferred = style.nameFonts + style.issuerFonts
        let ordered = fonts.sorted { (preferred.firstIndex(of: $0.name) ?? preferred.count) < (preferred.firstIndex(of: $1.name) ?? preferred.count) }
        artworkFonts = FontList(ordered.map { entry in
            let lower = entry.name.lowercased()
            let bold = lower.contains("bold") || lower.hasSuffix("b.ttf")
            let family = String(entry.name.prefix { $0 != "-" && $0 != "." })
            return FontList.Face(font: entry.font, family: family, weight: bold ? 700 : 400)
        })
        textFonts = FontList((nameFaces + issuerFaces).enumerated().map { FontList.Face(font: $0.element, family: "card\($0.offset)") })
    }

    /// The family name `textFonts` gives a face of the name (`issuer`: false) or issuer list.
    func family(_ faceIndex: Int, issuer: Bool) -> String {
        "card\(issuer ? nameFaces.count + faceIndex : faceIndex)"
    }
}
