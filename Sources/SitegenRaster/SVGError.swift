/// Why an SVG document could not be read: what went wrong and the byte offset where it did.
public struct SVGError: Error, Equatable, CustomStringConvertible, Sendable {
    public let message: String
    /// Offset into the document's bytes, when the problem has a place.
    public let offset: Int?

    init(_ message: String, at offset: Int? = nil) {
        self.message = message
        self.offset = offset
    }

    public var description: String {
        if let offset { return "\(message) (at byte \(offset))" }
        return message
    }
}
