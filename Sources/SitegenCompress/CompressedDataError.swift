/// Why compressed input was refused, and where: `offset` is the byte of the input at which the
/// problem was found (for a bit-level problem, the byte holding the offending bit).
public struct CompressedDataError: Error, Equatable, CustomStringConvertible, Sendable {
    public let offset: Int
    public let reason: Reason

    public init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public enum Reason: Equatable, Sendable {
        /// The input ended before the stream did.
        case truncated
        case invalidBlockType
        case storedLengthMismatch
        case tooManyLengthOrDistanceSymbols
        /// A code's lengths claim more codes than its bit lengths allow (`what` names the code).
        case oversubscribedCode(String)
        /// A code's lengths leave codes unassigned where RFC 1951 does not allow it.
        case incompleteCode(String)
        case repeatWithoutPreviousLength
        case lengthRepeatPastEnd
        case missingEndOfBlockCode
        /// A bit pattern that is no symbol of the block's code, or a symbol with no meaning (286, 287, 30, 31).
        case invalidSymbol(String)
        case distanceTooFarBack(distance: Int, available: Int)
        /// The output would pass the caller's limit: refused before it is written.
        case outputLimitExceeded(limit: Int)
        case badZlibHeader(String)
        case presetDictionaryUnsupported
        case badGzipHeader(String)
        case checksumMismatch(kind: String, stored: UInt32, computed: UInt32)
        case lengthMismatch(stored: UInt32, computed: UInt32)
        case trailingData(count: Int)
    }

    public var description: String {
        "compressed data, byte \(offset): \(message)"
    }

    public var message: String {
        switch reason {
        case .truncated: return "input ends before the compressed stream does"
        case .invalidBlockType: return "block type 3 is reserved"
        case .storedLengthMismatch: return "stored block length does not match its one's complement"
        case .tooManyLengthOrDistanceSymbols: return "more than 286 literal/length or 30 distance codes"
        case .oversubscribedCode(let what): return "\(what) code lengths are over-subscribed"
        case .incompleteCode(let what): return "\(what) code lengths are incomplete"
        case .repeatWithoutPreviousLength: return "code length repeat with no previous length"
        case .lengthRepeatPastEnd: return "code length repeat runs past the last symbol"
        case .missingEndOfBlockCode: return "no code for end-of-block"
        case .invalidSymbol(let what): return "invalid \(what) code"
        case .distanceTooFarBack(let distance, let available):
            return "distance \(distance) reaches back before the output start (\(available) bytes written)"
        case .outputLimitExceeded(let limit): return "output would exceed the limit of \(limit) bytes"
        case .badZlibHeader(let why): return "bad zlib header: \(why)"
        case .presetDictionaryUnsupported: return "zlib stream needs a preset dictionary, which is not supported"
        case .badGzipHeader(let why): return "bad gzip header: \(why)"
        case .checksumMismatch(let kind, let stored, let computed):
            return "\(kind) mismatch: stored \(hex(stored)), data gives \(hex(computed))"
        case .lengthMismatch(let stored, let computed):
            return "gzip ISIZE \(stored) does not match the \(computed) bytes (mod 2^32) decompressed"
        case .trailingData(let count): return "\(count) bytes after the end of the compressed stream"
        }
    }

    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }
}
