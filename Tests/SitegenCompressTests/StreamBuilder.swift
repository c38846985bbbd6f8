/// Writes hand-made deflate streams bit by bit (RFC 1951 §3.1.1: values least significant bit
/// first, Huffman codes most significant bit first), to build inputs our encoder would never make.
struct StreamBuilder {
    private(set) var bytes: [UInt8] = []
    private var bitCount = 0

    mutating func bits(_ value: Int, _ count: Int) {
        for i in 0..<count {
            if bitCount % 8 == 0 { bytes.append(0) }
            if (value >> i) & 1 == 1 { bytes[bytes.count - 1] |= 1 << UInt8(bitCount % 8) }
            bitCount += 1
        }
    }

    /// A Huffman code: its bits from the most significant.
    mutating func code(_ code: Int, _ length: Int) {
        for i in stride(from: length - 1, through: 0, by: -1) { bits((code >> i) & 1, 1) }
    }

    /// Canonical codes for `lengths` (RFC 1951 §3.2.2), -1 for unused symbols.
    static func canonicalCodes(_ lengths: [Int]) -> [Int] {
        var counts = [Int](repeating: 0, count: 16)
        for length in lengths where length > 0 { counts[length] += 1 }
        var next = [Int](repeating: 0, count: 16)
        var code = 0
        for length in 1..<16 {
            code = (code + counts[length - 1]) << 1
            next[length] = code
        }
        return lengths.map { length in
            guard length > 0 else { return -1 }
            defer { next[length] += 1 }
            return next[length]
        }
    }

    /// A code-length code giving every symbol 0…18 a code (13 of 4 bits, 6 of 5): complete.
    static let codeLengthLengths: [Int] = (0..<19).map { $0 < 13 ? 4 : 5 }
    static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// A dynamic block header. `symbols` are code-length symbols with their extra bits, sent as
    /// given (no checks): `(length, 0)` for a plain length, `(16, r)` to repeat, and so on.
    mutating func dynamicHeader(final: Bool = true, literalCount: Int, distanceCount: Int,
                                symbols: [(symbol: Int, extra: Int)]) {
        bits(final ? 1 : 0, 1)
        bits(2, 2)
        bits(literalCount - 257, 5)
        bits(distanceCount - 1, 5)
        bits(19 - 4, 4)
        for symbol in Self.codeLengthOrder { bits(Self.codeLengthLengths[symbol], 3) }
        let codes = Self.canonicalCodes(Self.codeLengthLengths)
        let extraBits = [16: 2, 17: 3, 18: 7]
        for (symbol, extra) in symbols {
            code(codes[symbol], Self.codeLengthLengths[symbol])
            if let count = extraBits[symbol] { bits(extra, count) }
        }
    }

    /// A dynamic header listing `literalLengths` and `distanceLengths` one by one.
    mutating func dynamicHeader(final: Bool = true, literalLengths: [Int], distanceLengths: [Int]) {
        dynamicHeader(final: final, literalCount: literalLengths.count, distanceCount: distanceLengths.count,
                      symbols: (literalLengths + distanceLengths).map { ($0, 0) })
    }
}
