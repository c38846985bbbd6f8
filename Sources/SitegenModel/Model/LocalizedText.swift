/// Reader-facing text: one string, or one per locale. Lookups fall back to the site's default
/// locale, which decoding guarantees is present.
public struct LocalizedText: Sendable, Hashable {
    /// A plain string, the common case by far (every holder's name), needs no array.
    private enum Storage: Sendable, Hashable {
        case one(Entry)
        case many([Entry])
    }

    private var storage: Storage

    public struct Entry: Sendable, Hashable {
        public var locale: String
        public var text: String

        public init(locale: String, text: String) {
            self.locale = locale
            self.text = text
        }
    }

    /// (locale, text) in source order; a plain string is stored under the default locale.
    public var entries: [Entry] {
        switch storage {
        case .one(let entry): return [entry]
        case .many(let entries): return entries
        }
    }

    /// The same entries without making an array: output keys digest the name of every holder.
    public func forEachEntry(_ body: (Entry) -> Void) {
        switch storage {
        case .one(let entry): body(entry)
        case .many(let entries): for entry in entries { body(entry) }
        }
    }

    public init(entries: [Entry]) {
        storage = entries.count == 1 ? .one(entries[0]) : .many(entries)
    }

    public init(_ text: String, locale: String) {
        storage = .one(Entry(locale: locale, text: text))
    }

    public func text(in locale: String, fallback: String) -> String {
        switch storage {
        case .one(let entry):
            return entry.text
        case .many(let entries):
            if let hit = entries.first(where: { $0.locale == locale }) { return hit.text }
            if let hit = entries.first(where: { $0.locale == fallback }) { return hit.text }
            return entries.first?.text ?? ""
        }
    }
}

/// The entries in source order, locale then text: a plain string and a one-entry map alike.
extension LocalizedText: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        var failure: (any Error)?
        forEachEntry { entry in
            guard failure == nil else { return }
            do {
                try container.encode(entry.locale)
                try container.encode(entry.text)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
    }
}
