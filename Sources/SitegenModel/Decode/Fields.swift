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
        // Known keys seen so far, by their index in `allowed`: a repeated one is found without
        // comparing every pair of keys (this runs for each of a million award mappings).
        precondition(allowed.count <= 64, "a seen-set of one word")
        var seen: UInt64 = 0
        // Unknown keys have no slot: they are found again by hashing, and each distinct one gets
        // its "did you mean" once (searching the earlier entries for every unknown key made a
        // mapping of 80,000 of them take 20 seconds, issue 17).
        var unknown: [String: (first: Int, message: String)] = [:]
        // Where a repeated known key first stood, searched once per key, not once per repeat.
        var firstOfSlot: [Int: Int] = [:]
        for index in entries.indices {
            let key = entries[index].key
            if let slot = allowed.firstIndex(where: { Self.same($0, key) }) {
                if seen & (1 << slot) != 0 {
                    let first = firstOfSlot[slot] ?? entries.firstIndex { Self.same($0.key, key) }!
                    firstOfSlot[slot] = first
                    Self.duplicate(entries[index], first: entries[first], &diagnostics)
                }
                seen |= 1 << slot
            } else if let earlier = unknown[key] {
                diagnostics.error(earlier.message, at: entries[index].keyLocation)
                Self.duplicate(entries[index], first: entries[earlier.first], &diagnostics)
            } else {
                var message = "unknown key '\(Quoted.text(key))' in \(what)"
                if let suggestion = Suggestion.closest(to: key, among: allowed) {
                    message += "; did you mean '\(suggestion)'?"
                } else {
                    message += " (known keys: \(allowed.joined(separator: ", ")))"
                }
                diagnostics.error(message, at: entries[index].keyLocation)
                unknown[key] = (index, message)
            }
        }
    }

    private static func duplicate(_ entry: MappingEntry, first: MappingEntry, _ diagnostics: inout Diagnostics) {
        diagnostics.error("duplicate key '\(Quoted.text(entry.key))' (first at line \(first.keyLocation.line), column \(first.keyLocation.column))",
                          at: entry.keyLocation)
    }

    /// Most keys differ in length, and comparing lengths is far cheaper than comparing strings.
    @inline(__always)
    private static func same(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && a == b
    }

    /// The value of `key`; nil when absent or null (SPEC: a null key is the same as absent).
    subscript(key: String) -> SourceNode? {
        for index in entries.indices where Self.same(entries[index].key, key) {
            if case .null = entries[index].value.value { return nil }
            return entries[index].value
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
