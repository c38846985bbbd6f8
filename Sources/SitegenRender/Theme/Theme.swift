import SitegenCard
import SitegenMustache
import SitegenSource

/// A loaded theme: Mustache templates, strings per locale, and static assets, each taken from
/// the nearest theme folder of its chain that has it (`ThemeChain`).
///
///     Themes/<name>/theme.yaml             optional: `extends: <parent>`
///     Themes/<name>/templates/*.mustache   pages and partials, named by base name
///     Themes/<name>/locales/<locale>.yaml  interface strings (flat map, key → text)
///     Themes/<name>/assets/…               copied to /assets/
///     Themes/<name>/card.yaml              the link-preview card's colours, layout and fonts
///     Themes/<name>/fonts/*.ttf            TrueType fonts for the card (never copied to the output)
public struct Theme: Sendable {
    /// The templates every theme must have: one per kind of page.
    public static let pageTemplates = ["index", "issuer", "badge", "award", "holder", "embed", "404"]

    public var name: String
    public var templates: TemplateLibrary
    public var strings: ThemeStrings
    /// Path below `assets/` → bytes.
    public var assets: [(path: String, bytes: [UInt8])]
    /// The link-preview card's style with the theme's fonts read.
    public var card: CardDesign
    /// A digest of everything in the theme, so incremental builds know when it changed.
    public var fingerprint: String
}

/// Interface strings per locale; a key missing in a locale falls back to the default locale.
public struct ThemeStrings: Sendable {
    public var byLocale: [String: [String: String]]
    public var defaultLocale: String

    public init(byLocale: [String: [String: String]], defaultLocale: String) {
        self.byLocale = byLocale
        self.defaultLocale = defaultLocale
    }

    public func table(for locale: String) -> [String: String] {
        let fallback = byLocale[defaultLocale] ?? [:]
        guard let own = byLocale[locale], locale != defaultLocale else { return fallback }
        return fallback.merging(own) { _, localized in localized }
    }
}
