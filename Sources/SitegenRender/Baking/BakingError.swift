/// Why a badge image could not be baked or read; the message names the image's defect.
public struct BakingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
