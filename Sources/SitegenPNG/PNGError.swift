/// Why a PNG file was refused, and where: `offset` is the byte of the file at which the problem
/// was found (for a chunk, where its length field starts; for compressed image data, the byte of
/// the `IDAT` chunk holding the offending bit).
public struct PNGError: Error, Equatable, CustomStringConvertible, Sendable {
    public enum Kind: Equatable, Sendable {
        /// The file breaks the PNG specification (or is cut short).
        case malformed
        /// The file is well formed but larger than this decoder accepts (a likely decompression bomb).
        case tooLarge
    }

    public let kind: Kind
    public let offset: Int
    public let message: String

    init(_ message: String, at offset: Int, kind: Kind = .malformed) {
        self.kind = kind
        self.offset = offset
        self.message = message
    }

    public var description: String { "PNG, byte \(offset): \(message)" }
}
