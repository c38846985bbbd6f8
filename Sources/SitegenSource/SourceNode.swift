/// The one tree both parsers produce: JSON and YAML-lite content look the same to every later
/// stage, and every node remembers where it came from so any stage can point at it.
public struct SourceNode: Sendable {
    public enum Value: Sendable {
        /// Entries keep their source order. YAML rejects duplicate keys; JSON keeps them (RFC 8259
        /// allows them) and decoding reports them.
        case mapping([MappingEntry])
        case sequence([SourceNode])
        case string(String)
        /// The number exactly as written (JSON grammar), so decoding decides how to read it.
        case number(String)
        case bool(Bool)
        case null
    }

    public var value: Value
    public var location: SourceLocation

    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }

    /// The name of this node's type as a message shows it ("a string", "a list").
    public var typeDescription: String {
        switch value {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        }
    }
}

public struct MappingEntry: Sendable {
    public var key: String
    public var keyLocation: SourceLocation
    public var value: SourceNode

    public init(key: String, keyLocation: SourceLocation, value: SourceNode) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}
