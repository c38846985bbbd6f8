/// The fixed tables of RFC 1951 §3.2.5 shared by the encoder and the decoder.
enum DeflateAlphabet {
    static let endOfBlock = 256
    static let literalLengthSymbols = 286   // 286 and 287 exist in the fixed code but never occur
    static let distanceSymbols = 30         // likewise 30 and 31
    static let codeLengthSymbols = 19
    static let maxMatch = 258
    static let minMatch = 3
    static let windowSize = 32768

    /// Length symbols 257…285: the shortest length each stands for and its extra bits.
    static let lengthBase: [UInt16] = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
        35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
    ]
    static let lengthExtraBits: [UInt8] = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
        3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    static let distanceBase: [UInt16] = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
        257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
    ]
    static let distanceExtraBits: [UInt8] = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
        7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
    ]
    /// The order in which a dynamic block header lists the code-length code's lengths.
    static let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// The fixed literal/length code's bit lengths (all 288 symbols).
    static let fixedLiteralLengths: [UInt8] = (0..<288).map { symbol in
        switch symbol {
        case 0..<144: return 8
        case 144..<256: return 9
        case 256..<280: return 7
        default: return 8
        }
    }
    static let fixedDistanceLengths = [UInt8](repeating: 5, count: 32)

    /// `code`'s low `length` bits in reverse order: Huffman codes are sent most significant bit
    /// first inside a stream that is otherwise read least significant bit first.
    @inline(__always)
    static func reversed(_ code: UInt32, length: Int) -> UInt32 {
        var code = code
        var result: UInt32 = 0
        for _ in 0..<length {
            result = (result << 1) | (code & 1)
            code >>= 1
        }
        return result
    }
}
