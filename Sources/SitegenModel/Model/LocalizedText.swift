/// Reader-facing text: one string, or one per locale. Lookups fall back to the site's default
/// locale, which decoding guarantees is present.
public struct LocalizedText: Sendable, Hashable {
    /// (locale, text) in source order; a plain string is stored under the default locale.
    public var entries: [Entry]

    public struct Entry: Sendable, Hashable {
        public var locale: String
        public var text: String

        public init(locale: String, text: String) {
            self.locale = locale
            self.text = text
        }
    }

    public init(entries: [Entry]) {
        self.entries = entries
    }

    public init(_ text: String, locale: String) {
        self.entries = [Entry(locale: locale, text: text)]
    }

    public func text(in locale: String, fallback: String) -> String {
        if entries.count == 1 { return entries[0].text }
        if let hit = entries.first(where: { $0.locale == locale }) { return hit.text }
        if let hit = entries.first(where: { $0.locale == fallback }) { return hit.text }
        return entries.first?.text ?? ""
    }
}
