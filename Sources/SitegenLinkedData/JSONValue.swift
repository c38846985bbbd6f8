/// A JSON value as a tree: the pinned contexts as context processing reads them, and @json
/// literals (documents themselves are walked as a `JSONTape`). Objects keep their entries in
/// document order; numbers keep their text, since RDF literals are written from it (an integer
/// stays exact however long it is).
enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// The entry named `key`, if any (the first, should a document repeat a key: the parser refuses that).
    subscript(key: String) -> JSONValue? {
        guard case let .object(entries) = self else { return nil }
        for entry in entries where entry.key == key { return entry.value }
        return nil
    }
}

/// One entry of a JSON object. A struct rather than a labelled tuple: arrays of tuples are
/// destroyed through the runtime's generic tuple path.
struct JSONMember: Sendable {
    var key: String
    var value: JSONValue

    init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}
