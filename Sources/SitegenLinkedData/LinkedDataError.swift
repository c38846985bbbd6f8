/// Why a document could not be turned into canonical N-Quads. Every refusal is one of these:
/// bad input never traps, and nothing is silently dropped (a dropped statement would be unsigned).
public struct LinkedDataError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
