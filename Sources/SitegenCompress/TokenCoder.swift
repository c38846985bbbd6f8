/// Writes LZ77 tokens in one block's Huffman codes, from tables made once per code: a block of
/// `DeflateEncoder` makes one and uses it once; a `WindowedPiece` keeps one per block and uses
/// it for every version.
struct TokenCoder {
    /// By (is a match) << 8 | (a literal's byte, or a match's length − 3): the literal's code,
    /// or the length's code with its extra bits above it.
    private let firstWrites: [(bits: UInt32, count: Int)]
    private let distanceCodes: [(bits: UInt32, count: Int, base: Int, extraCount: Int)]
    private let endOfBlock: BlockCodes.Code
    /// `SymbolTables.distanceTable`, held here: every read of the global checks its lazy
    /// initialisation (swift_once), once per token when read in the loop.
    private let distanceTable = SymbolTables.distanceTable

    init(_ codes: BlockCodes) {
        var firstWrites = [(bits: UInt32, count: Int)](repeating: (0, 0), count: 512)
        for byte in 0..<256 {
            let code = codes.literalLength[byte]
            firstWrites[byte] = (code.bits, code.count)
        }
        for length in DeflateAlphabet.minMatch...DeflateAlphabet.maxMatch {
            let symbol = Int(SymbolTables.lengthSymbol[length])
            let code = codes.literalLength[257 + symbol]
            let extra = UInt32(length - Int(DeflateAlphabet.lengthBase[symbol]))
            firstWrites[256 + length - 3] = (code.bits | extra << UInt32(code.count), code.count + Int(DeflateAlphabet.lengthExtraBits[symbol]))
        }
        self.firstWrites = firstWrites
        distanceCodes = (0..<DeflateAlphabet.distanceSymbols).map { symbol in
            let code = codes.distance[symbol]
            return (code.bits, code.count, Int(DeflateAlphabet.distanceBase[symbol]), Int(DeflateAlphabet.distanceExtraBits[symbol]))
        }
        endOfBlock = codes.literalLength[DeflateAlphabet.endOfBlock]
    }

    /// Each token as two writes with no branch on its kind: a literal's code, or a match
    /// length's code and extra bits, from one 512-entry table; then a distance symbol's code
    /// and extra bits, zero bits for a literal. The literal/match branch was mispredicted on
    /// mixed image rows: writeTokens was 11% of the cards benchmark's time (perf), 9.9% after, and
    /// the benchmark 5.7% faster over 6 alternating runs, though callgrind counts 6% more instructions.
    /// The same bits as writing codes and extra bits in turn.
    func write(_ tokens: UnsafeBufferPointer<UInt32>, to writer: inout BitWriter) {
        // A token is at most 15 + 5 + 15 + 13 bits: 6 bytes each at most, stored straight into
        // the output.
        writer.writingDirectly(atMost: tokens.count * 6 + 8) { writer in
            withTables { $0.write(tokens, to: &writer) }
        }
    }

    /// The tables as pointers, for writing many runs of tokens.
    func withTables<Result>(_ body: (Tables) -> Result) -> Result {
        firstWrites.withUnsafeBufferPointer { firstWrites in
            distanceCodes.withUnsafeBufferPointer { distanceCodes in
                distanceTable.withUnsafeBufferPointer { distanceTable in
                    body(Tables(firstWrites: firstWrites, distanceCodes: distanceCodes, distanceTable: distanceTable, endOfBlock: endOfBlock))
                }
            }
        }
    }

    struct Tables {
        let firstWrites: UnsafeBufferPointer<(bits: UInt32, count: Int)>
        let distanceCodes: UnsafeBufferPointer<(bits: UInt32, count: Int, base: Int, extraCount: Int)>
        let distanceTable: UnsafeBufferPointer<UInt8>
        let endOfBlock: BlockCodes.Code

        /// `tokens` written in these codes, to be appended to streams later.
        func encoded(_ tokens: UnsafeBufferPointer<UInt32>) -> EncodedBits {
            let memory = UnsafeMutableRawPointer.allocate(byteCount: tokens.count * 6 + 8, alignment: 4)
            defer { memory.deallocate() }
            var writer = DirectBitWriter(base: memory)
            write(tokens, to: &writer)
            let bitCount = writer.written * 8 + writer.bitCount
            // Whole words are flushed, so the pending bits' word is the last one.
            writer.alignToByte()
            return EncodedBits(memory, bitCount: bitCount)
        }

        /// At most 6 bytes a token.
        @inline(__always)
        func write(_ tokens: UnsafeBufferPointer<UInt32>, to writer: inout DirectBitWriter) {
            for token in tokens {
                let isMatch = Int(token >> 31)
                // A literal's byte, or a match's length − 3.
                let byteOrLength = Int((token >> UInt32(isMatch << 4)) & 0xFF)
                let first = firstWrites[(isMatch << 8) | byteOrLength]
                writer.writeWithoutBranching(first.bits, count: first.count)
                // For a literal, a distance of its byte + 1 looked up and not written.
                let backwards = Int(token & 0xFFFF) &+ 1
                let code = distanceCodes[SymbolTables.distanceSymbol(backwards, in: distanceTable)]
                let keep = 0 &- isMatch
                writer.writeWithoutBranching((code.bits | UInt32(truncatingIfNeeded: backwards &- code.base) << UInt32(code.count)) & UInt32(truncatingIfNeeded: keep),
                                             count: (code.count &+ code.extraCount) & keep)
            }
        }
    }

    func writeEndOfBlock(to writer: inout BitWriter) {
        writer.write(endOfBlock.bits, count: endOfBlock.count)
    }
}
