/// A code ready to write: reversed code bits and their count, per symbol.
struct BlockCodes {
    struct Code {
        let bits: UInt32
        let count: Int
    }

    let literalLength: [Code]
    let distance: [Code]

    init(literalLengths: [UInt8], distanceLengths: [UInt8]) {
        literalLength = Self.codes(literalLengths)
        distance = Self.codes(distanceLengths)
    }

    private static func codes(_ lengths: [UInt8]) -> [Code] {
        zip(HuffmanCodeBuilder.codes(for: lengths), lengths).map { Code(bits: UInt32($0), count: Int($1)) }
    }
}

enum FixedCodes {
    static let literalLengths = Array(DeflateAlphabet.fixedLiteralLengths[0..<DeflateAlphabet.literalLengthSymbols])
    static let distanceLengths = Array(DeflateAlphabet.fixedDistanceLengths[0..<DeflateAlphabet.distanceSymbols])
    /// Built from all 288 literal/length and 32 distance lengths, as RFC 1951 defines the code:
    /// canonical codes depend on how many codes of each length exist, and leaving out symbols 286
    /// and 287 (two 8-bit codes) shifted every 9-bit code, literals 144–255, by two.
    static let shared = BlockCodes(literalLengths: DeflateAlphabet.fixedLiteralLengths,
                                   distanceLengths: DeflateAlphabet.fixedDistanceLengths)
}
