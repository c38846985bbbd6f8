/// A canonical Huffman code as a lookup table, built from the code's bit lengths.
///
/// The next `primaryBits` input bits index the primary table; codes longer than that go through a
/// pointer entry to a subtable indexed by the following bits. One lookup decodes most symbols,
/// two the rest, instead of walking a tree bit by bit.
///
/// An entry is a `UInt32`: bits 0–4 the bits to consume, 5–7 the kind, 8–12 the extra bits
/// (for a pointer: the subtable's index bits), 16–31 the value (literal, base, or subtable start).
struct HuffmanDecodeTable {
    let entries: [UInt32]
    let primaryBits: Int
    /// The longest code; 0 when the code has no symbols at all.
    let longestCode: Int

    enum Kind: UInt32 {
        case literal = 0
        case lengthOrDistance = 1
        case endOfBlock = 2
        case subtable = 3
        case invalid = 4
    }

    static func payload(_ kind: Kind, value: Int = 0, extraBits: Int = 0) -> UInt32 {
        UInt32(value) << 16 | UInt32(extraBits) << 8 | kind.rawValue << 5
    }

    @inline(__always) static func bitLength(_ entry: UInt32) -> Int { Int(entry & 0x1F) }
    @inline(__always) static func kind(_ entry: UInt32) -> UInt32 { (entry >> 5) & 0x7 }
    @inline(__always) static func extraBits(_ entry: UInt32) -> Int { Int((entry >> 8) & 0x1F) }
    @inline(__always) static func value(_ entry: UInt32) -> Int { Int(entry >> 16) }

    /// - Parameters:
    ///   - lengths: bit length per symbol, 0 for an unused symbol.
    ///   - payload: the entry, without its bit length, that decoding symbol `i` yields.
    ///   - allowsSingleCode: RFC 1951 permits a literal/length or distance code made of one
    ///     1-bit code (incomplete); the code-length code must always be complete.
    ///   - name: names the code in error messages.
    ///   - offset: where the lengths were read, for errors.
    init(lengths: ArraySlice<UInt8>, primaryBits: Int, payload: (Int) -> UInt32,
         allowsSingleCode: Bool, name: String, offset: Int) throws(CompressedDataError) {
        var counts = [Int](repeating: 0, count: 16)
        for length in lengths { counts[Int(length)] += 1 }
        counts[0] = 0
        var longest = 15
        while longest > 0 && counts[longest] == 0 { longest -= 1 }
        self.primaryBits = primaryBits
        self.longestCode = longest
        let invalid = Self.payload(.invalid)
        guard longest > 0 else {
            // No symbols: every lookup is invalid; the caller decides whether that is allowed.
            entries = [UInt32](repeating: invalid, count: 1 << primaryBits)
            return
        }

        var left = 1
        for length in 1...15 {
            left = (left << 1) - counts[length]
            if left < 0 { throw CompressedDataError(.oversubscribedCode(name), at: offset) }
        }
        if left > 0 && !(allowsSingleCode && longest == 1) {
            throw CompressedDataError(.incompleteCode(name), at: offset)
        }

        var nextCode = [UInt32](repeating: 0, count: 16)
        var code: UInt32 = 0
        for length in 1...15 {
            code = (code + UInt32(counts[length - 1])) << 1
            nextCode[length] = code
        }

        let primarySize = 1 << primaryBits
        let primaryMask = UInt32(primarySize - 1)
        var table = [UInt32](repeating: invalid, count: primarySize)
        let base = lengths.startIndex

        // Codes in canonical order (by length, then symbol), each with its reversed bits.
        var ordered: [(symbol: Int, length: Int, reversed: UInt32)] = []
        ordered.reserveCapacity(lengths.count)
        for length in 1...longest {
            for symbol in 0..<lengths.count where Int(lengths[base + symbol]) == length {
                let reversed = DeflateAlphabet.reversed(nextCode[length], length: length)
                nextCode[length] += 1
                ordered.append((symbol, length, reversed))
            }
        }

        // Long codes sharing their first `primaryBits` bits share a subtable sized for the
        // longest of them.
        var subtableBits = [Int](repeating: 0, count: longest > primaryBits ? primarySize : 0)
        for code in ordered where code.length > primaryBits {
            let prefix = Int(code.reversed & primaryMask)
            subtableBits[prefix] = max(subtableBits[prefix], code.length - primaryBits)
        }

        for code in ordered {
            let entry = payload(code.symbol)
            if code.length <= primaryBits {
                var index = Int(code.reversed)
                while index < primarySize {
                    table[index] = entry | UInt32(code.length)
                    index += 1 << code.length
                }
                continue
            }
            let prefix = Int(code.reversed & primaryMask)
            let bits = subtableBits[prefix]
            if Self.kind(table[prefix]) != Kind.subtable.rawValue {
                table[prefix] = Self.payload(.subtable, value: table.count, extraBits: bits) | UInt32(primaryBits)
                table.append(contentsOf: repeatElement(invalid, count: 1 << bits))
            }
            let start = Self.value(table[prefix])
            let rest = code.length - primaryBits
            var index = Int(code.reversed >> UInt32(primaryBits))
            while index < 1 << bits {
                table[start + index] = entry | UInt32(rest)
                index += 1 << rest
            }
        }
        entries = table
    }

    static func literalLengthPayload(_ symbol: Int) -> UInt32 {
        switch symbol {
        case 0..<256: return payload(.literal, value: symbol)
        case 256: return payload(.endOfBlock)
        case 257...285:
            return payload(.lengthOrDistance, value: Int(DeflateAlphabet.lengthBase[symbol - 257]),
                           extraBits: Int(DeflateAlphabet.lengthExtraBits[symbol - 257]))
        default: return payload(.invalid)
        }
    }

    static func distancePayload(_ symbol: Int) -> UInt32 {
        guard symbol < 30 else { return payload(.invalid) }
        return payload(.lengthOrDistance, value: Int(DeflateAlphabet.distanceBase[symbol]),
                       extraBits: Int(DeflateAlphabet.distanceExtraBits[symbol]))
    }

    static let fixedLiteralLength = try! HuffmanDecodeTable(
        lengths: DeflateAlphabet.fixedLiteralLengths[...], primaryBits: 9, payload: literalLengthPayload,
        allowsSingleCode: true, name: "fixed literal/length", offset: 0)
    static let fixedDistance = try! HuffmanDecodeTable(
        lengths: DeflateAlphabet.fixedDistanceLengths[...], primaryBits: 5, payload: distancePayload,
        allowsSingleCode: true, name: "fixed distance", offset: 0)
}
