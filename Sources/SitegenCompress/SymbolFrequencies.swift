/// How often each literal/length symbol and distance symbol occurs in some tokens.
public struct SymbolFrequencies: Sendable {
    var literalLength = [Int](repeating: 0, count: DeflateAlphabet.literalLengthSymbols)
    var distance = [Int](repeating: 0, count: DeflateAlphabet.distanceSymbols)

    public init() {}

    init(literalLength: [Int], distance: [Int]) {
        self.literalLength = literalLength
        self.distance = distance
    }

    /// Counts `tokens` in. No branch on a token's kind (mispredicted on image rows, where
    /// literals and matches alternate): its literal/length symbol comes from one table for
    /// both, and its distance symbol's count grows by 0 for a literal.
    mutating func count(_ tokens: UnsafeBufferPointer<UInt32>) {
        let firstSymbols = Self.firstSymbols, distanceTable = SymbolTables.distanceTable
        literalLength.withUnsafeMutableBufferPointer { literalLength in
            distance.withUnsafeMutableBufferPointer { distance in
                firstSymbols.withUnsafeBufferPointer { firstSymbols in
                    distanceTable.withUnsafeBufferPointer { distanceTable in
                        for token in tokens {
                            let isMatch = Int(token >> 31)
                            // A literal's byte, or a match's length − 3.
                            let byteOrLength = Int((token >> UInt32(isMatch << 4)) & 0xFF)
                            literalLength[Int(firstSymbols[(isMatch << 8) | byteOrLength])] &+= 1
                            distance[SymbolTables.distanceSymbol(Int(token & 0xFFFF) &+ 1, in: distanceTable)] &+= isMatch
                        }
                    }
                }
            }
        }
    }

    /// A token's literal/length symbol by (is a match) << 8 | (its byte, or its length − 3).
    private static let firstSymbols: [UInt16] = (0..<256).map { UInt16($0) }
        + (0..<256).map { UInt16(257 + Int(SymbolTables.lengthSymbol[$0 + 3])) }

    /// How many tokens: each has one literal/length symbol (end-of-block not counted).
    var tokenCount: Int { literalLength.reduce(0, +) - literalLength[DeflateAlphabet.endOfBlock] }

    public mutating func add(_ other: SymbolFrequencies) {
        for index in literalLength.indices { literalLength[index] += other.literalLength[index] }
        for index in distance.indices { distance[index] += other.distance[index] }
    }

    public func scaled(by factor: Double) -> SymbolFrequencies {
        SymbolFrequencies(literalLength: literalLength.map { Int((Double($0) * factor).rounded()) },
                          distance: distance.map { Int((Double($0) * factor).rounded()) })
    }

    /// At least 1 for every symbol, so every symbol gets a code.
    mutating func giveEverySymbolACode() {
        literalLength = literalLength.map { max($0, 1) }
        distance = distance.map { max($0, 1) }
    }
}
