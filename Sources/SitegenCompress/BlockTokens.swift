/// The LZ77 output of one block: literals and (length, distance) pairs, and how many input
/// bytes they stand for. The symbol frequencies the block's Huffman codes are built from are
/// counted in one pass when the block is written (`frequencies`), not as tokens arrive: an
/// append is then one array append, where counting cost two more array writes, each with its
/// uniqueness check (a runtime call), in the match finders' loops.
struct BlockTokens {
    /// A literal is its byte; a match is `1 << 31 | (length - 3) << 16 | (distance - 1)`.
    private(set) var tokens: [UInt32] = []
    /// How many input bytes the tokens stand for: a stored block copies them instead.
    private(set) var byteCount = 0

    static let matchFlag: UInt32 = 1 << 31

    init(capacity: Int) {
        tokens.reserveCapacity(capacity + 1)
    }

    var count: Int { tokens.count }

    @inline(__always)
    mutating func appendLiteral(_ byte: UInt8) {
        tokens.append(UInt32(byte))
        byteCount &+= 1
    }

    @inline(__always)
    mutating func appendMatch(length: Int, distance: Int) {
        tokens.append(Self.matchFlag | UInt32(length &- 3) << 16 | UInt32(distance &- 1))
        byteCount &+= length
    }

    /// How often each literal/length symbol (286) and distance symbol (30) occurs.
    var frequencies: SymbolFrequencies {
        var frequencies = SymbolFrequencies()
        tokens.withUnsafeBufferPointer { frequencies.count($0) }
        return frequencies
    }

    mutating func removeAll() {
        tokens.removeAll(keepingCapacity: true)
        byteCount = 0
    }
}
