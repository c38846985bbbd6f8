import SitegenSource

/// Strict reading of one mapping node: every key must be known (a typo never passes silently),
/// every value must have the expected type, and every problem is located and collected.
struct Fields {
    let node: SourceNode
    private let entries: [MappingEntry]
    /// What the mapping describes, for messages ("holder", "award").
    let what: String

    /// nil (with an error) unless `node` is a mapping.
    init?(_ node: SourceNode, what: String, allowed: [String], diagnostics: inout Diagnostics) {
        guard case .mapping(let entries) = node.value else {
            diagnostics.error("\(Self.article(what)) \(what) must be a mapping, found \(node.typeDescription)",
                              at: node.location)
            return nil
        }
        self.node = node
        self.entries = entries
        self.what = what
        for (index, entry) in entries.enumerated() {
            if !allowed.contains(entry.key) {
                var message = "unknown key '\(Quoted.text(entry.key))' in \(what)"
                if let suggestion = Suggestion.closest(to: entry.key, among: allowed) {
                    message += "; did you mean '\(suggestion)'?"
                } else {
                    message += " (known keys: \(allowed.joined(separator: ", ")))"
                }
                diagnostics.error(message, at: entry.keyLocation)
            }
            if let first = entries[..<index].first(where: { $0.key == entry.key }) {
                diagnostics.error("duplicate key '\(Quoted.text(entry.key))' (first at line \(first.keyLocation.line), column \(first.keyLocation.column))",
                                  at: entry.keyLocation)
            }
        }
    }

    /// The value of `key`; nil when absent or null (SPEC: a null key is the same as absent).
    subscript(key: String) -> SourceNode? {
        for entry in entries where entry.key == key {
            if case .null = entry.value.value { return nil }
            return entry.value
        }
        return nil
    }

    func required(_ key: String, _ diagnostics: inout Diagnostics) -> SourceNode? {
        if let value = self[key] { return value }
        diagnostics.error("\(what) is missing required key '\(key)'", at: node.location)
        return nil
    }

    static func article(_ word: String) -> String {
        guard let first = word.unicodeScalars.first else { return "a" }
        return "aeiou".unicodeScalars.contains(first) ? "an" : "a"
    }
}
