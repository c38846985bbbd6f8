/// The LZ77 output of one block: literals and (length, distance) pairs, with the symbol
/// frequencies the block's Huffman codes are built from, counted as tokens arrive.
struct BlockTokens {
    /// A literal is its byte; a match is `1 << 31 | (length - 3) << 16 | (distance - 1)`.
    private(set) var tokens: [UInt32] = []
    private(set) var literalLengthFrequencies = [Int](repeating: 0, count: DeflateAlphabet.literalLengthSymbols)
    private(set) var distanceFrequencies = [Int](repeating: 0, count: DeflateAlphabet.distanceSymbols)
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
        literalLengthFrequencies[Int(byte)] &+= 1
        byteCount &+= 1
    }

    @inline(__always)
    mutating func appendMatch(length: Int, distance: Int) {
        tokens.append(Self.matchFlag | UInt32(length &- 3) << 16 | UInt32(distance &- 1))
        literalLengthFrequencies[257 + Int(SymbolTables.lengthSymbol[length])] &+= 1
        distanceFrequencies[SymbolTables.distanceSymbol(distance)] &+= 1
        byteCount &+= length
    }

    mutating func removeAll() {
        tokens.removeAll(keepingCapacity: true)
        for i in literalLengthFrequencies.indices { literalLengthFrequencies[i] = 0 }
        for i in distanceFrequencies.indices { distanceFrequencies[i] = 0 }
        byteCount = 0
    }
}

/// Lookups from a match length or distance to its symbol (an index into the `DeflateAlphabet` tables).
enum SymbolTables {
    /// Indexed by length 0…258 (0…2 unused): the length symbol minus 257.
    static let lengthSymbol: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 259)
        for symbol in 0..<29 {
            let base = Int(DeflateAlphabet.lengthBase[symbol])
            let span = 1 << Int(DeflateAlphabet.lengthExtraBits[symbol])
            for length in base..<min(base + span, 259) { table[length] = UInt8(symbol) }
        }
        table[258] = 28  // 258 has its own symbol (285), though 284 with extra bits 31 also reaches it
        return table
    }()

    /// Distances 1…256 directly, then 257…32768 by `(distance - 1) >> 7` (zlib's `d_code`).
    private static let distanceTable: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 512)
        for symbol in 0..<30 {
            let base = Int(DeflateAlphabet.distanceBase[symbol])
            let span = 1 << Int(DeflateAlphabet.distanceExtraBits[symbol])
            for distance in base..<(base + span) {
                if distance <= 256 {
                    table[distance - 1] = UInt8(symbol)
                } else {
                    table[256 + ((distance - 1) >> 7)] = UInt8(symbol)
                }
            }
        }
        return table
    }()

    @inline(__always)
    static func distanceSymbol(_ distance: Int) -> Int {
        distance <= 256 ? Int(distanceTable[distance &- 1]) : Int(distanceTable[256 &+ ((distance &- 1) >> 7)])
    }
}
