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

    /// The shared symbol tables, held here: read through the globals, every match paid a
    /// lazy-initialisation check (swift_once) in the match finder's loop.
    private let lengthSymbols = SymbolTables.lengthSymbol
    private let distanceTable = SymbolTables.distanceTable

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
        literalLengthFrequencies[257 + Int(lengthSymbols[length])] &+= 1
        distanceFrequencies[SymbolTables.distanceSymbol(distance, in: distanceTable)] &+= 1
        byteCount &+= length
    }

    /// Tokens parsed earlier (a `WindowedPiece`'s shared ones) with their symbols' counts
    /// (literal/length symbols, then distance symbols) and the bytes they stand for: the same
    /// block as appending them one by one, without decoding each token again.
    mutating func append(parsed: UnsafeBufferPointer<UInt32>, counts: UnsafeBufferPointer<UInt16>, byteCount: Int) {
        tokens.append(contentsOf: parsed)
        let literals = DeflateAlphabet.literalLengthSymbols
        for symbol in 0..<literals { literalLengthFrequencies[symbol] &+= Int(counts[symbol]) }
        for symbol in 0..<DeflateAlphabet.distanceSymbols { distanceFrequencies[symbol] &+= Int(counts[literals + symbol]) }
        self.byteCount &+= byteCount
    }

    mutating func removeAll() {
        tokens.removeAll(keepingCapacity: true)
        for i in literalLengthFrequencies.indices { literalLengthFrequencies[i] = 0 }
        for i in distanceFrequencies.indices { distanceFrequencies[i] = 0 }
        byteCount = 0
    }
}
