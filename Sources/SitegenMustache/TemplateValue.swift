/// The data a template renders: the shape of JSON, with numbers already turned into the strings
/// a page shows, so rendering never has to decide how to print a number.
public enum TemplateValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case string(String)
    case list([TemplateValue])
    case object([String: TemplateValue])
    /// An object with keys hashed when it was built: renders like `.object`, and faster.
    case record(TemplateRecord)
    /// A record written into flat buffers: renders like the record it holds (`document.value`).
    case document(TemplateDocument)

    /// Whether a section shows. The empty string counts as false so that `{{#description}}`
    /// hides a wrapper around a field that was left empty.
    public var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let value): return value
        case .string(let value): return !value.isEmpty
        case .list(let items): return !items.isEmpty
        case .object, .record, .document: return true
        }
    }
}

extension TemplateValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension TemplateValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension TemplateValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}

extension TemplateValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
}

extension TemplateValue: ExpressibleByDictionaryLiteral {
    /// A repeated key keeps its last value, as a JSON object would.
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
