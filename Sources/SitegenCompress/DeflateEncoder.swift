/// Turns input into deflate blocks: LZ77 tokens from `MatchFinder`, cut into blocks of at most
/// `tokensPerBlock` tokens, each written as stored, fixed-Huffman or dynamic-Huffman, whichever
/// the block's computed size says is smallest.
struct DeflateEncoder {
    /// zlib's block size at its default memory level: small enough for codes to follow changes
    /// in the data, large enough that a dynamic header (~60–100 bytes) is paid back.
    static let tokensPerBlock = 16383
    /// Match finder positions are `Int32`; segments keep them well inside that. Each segment
    /// starts a fresh match finder (no match crosses into it), the blocks run on.
    static let defaultSegmentSize = 1 << 30
    static let maxStoredLength = 65535

    let input: UnsafeBufferPointer<UInt8>
    let level: Deflate.Level
    let segmentSize: Int

    /// false: no block is marked final and the output ends with a sync flush (an empty stored
    /// block), byte-aligned, so that more deflate data can follow it.
    let endsStream: Bool

    init(_ input: UnsafeBufferPointer<UInt8>, level: Deflate.Level, segmentSize: Int = defaultSegmentSize, endsStream: Bool = true) {
        self.input = input
        self.level = level
        self.segmentSize = segmentSize
        self.endsStream = endsStream
    }

    func encode(into output: inout [UInt8]) {
        // No reservation sized by the input: a 2.3 MB card compresses to ~20 KB, and the returned
        // array would keep the unused capacity alive. Doubling costs less than that.
        var writer = BitWriter(appendingTo: output)
        output = []
        if input.isEmpty && endsStream {
            // One final fixed block holding only end-of-block: 03 00, what zlib writes.
            writer.write(0b011, count: 3)
            writer.write(0, count: 7)
        }
        var blockStart = 0
        var block = BlockTokens(capacity: Self.tokensPerBlock)
        var segmentStart = 0
        while segmentStart < input.count {
            let segmentEnd = min(input.count, segmentStart + segmentSize)
            let segment = UnsafeBufferPointer(rebasing: input[segmentStart..<segmentEnd])
            var finder = MatchFinder(segment, parameters: level.matchParameters)
            repeat {
                finder.fill(&block, limit: Self.tokensPerBlock)
                let isFinal = endsStream && finder.isFinished && segmentEnd == input.count
                writeBlock(block, from: blockStart, isFinal: isFinal, to: &writer)
                blockStart += block.byteCount
                block.removeAll()
            } while !finder.isFinished
            segmentStart = segmentEnd
        }
        if !endsStream { Self.writeSyncFlush(to: &writer) }
        writer.alignToByte()
        output = writer.bytes
    }

    /// An empty stored block, not final: what ends a piece, byte-aligned, so more can follow.
    static func writeSyncFlush(to writer: inout BitWriter) {
        writer.write(0, count: 3)
        writer.alignToByte()
        writer.write(0xFFFF_0000, count: 32)
    }

    /// Writes `block`, whose tokens stand for `input[start...]`, as the cheapest of the three types.
    func writeBlock(_ block: BlockTokens, from start: Int, isFinal: Bool, to writer: inout BitWriter) {
        var (literalFrequencies, distanceFrequencies) = block.frequencies
        literalFrequencies[DeflateAlphabet.endOfBlock] = 1
        let dynamic = DynamicBlockHeader(literalFrequencies: literalFrequencies,
                                         distanceFrequencies: distanceFrequencies)
        let extraBits = Self.extraBits(literalFrequencies, distanceFrequencies)
        let dynamicBits = dynamic.headerBits
            + Self.codeBits(literalFrequencies, dynamic.literalLengths)
            + Self.codeBits(distanceFrequencies, dynamic.distanceLengths) + extraBits
        let fixedBits = 3 + Self.codeBits(literalFrequencies, FixedCodes.literalLengths)
            + Self.codeBits(distanceFrequencies, FixedCodes.distanceLengths) + extraBits
        let storedBlocks = max(1, (block.byteCount + Self.maxStoredLength - 1) / Self.maxStoredLength)
        let firstPadding = (8 - (writer.bitCount + 3) % 8) % 8
        let storedBits = storedBlocks * (3 + 32) + (storedBlocks - 1) * 5 + firstPadding + 8 * block.byteCount

        if storedBits <= min(fixedBits, dynamicBits) {
            writeStored(start..<(start + block.byteCount), isFinal: isFinal, to: &writer)
        } else if fixedBits <= dynamicBits {
            writer.write(isFinal ? 0b011 : 0b010, count: 3)
            writeTokens(block, codes: FixedCodes.shared, to: &writer)
        } else {
            writer.write(isFinal ? 0b101 : 0b100, count: 3)
            dynamic.write(to: &writer)
            let codes = BlockCodes(literalLengths: dynamic.literalLengths, distanceLengths: dynamic.distanceLengths)
            writeTokens(block, codes: codes, to: &writer)
        }
    }

    private func writeStored(_ range: Range<Int>, isFinal: Bool, to writer: inout BitWriter) {
        var offset = range.lowerBound
        repeat {
            let length = min(Self.maxStoredLength, range.upperBound - offset)
            let isLast = offset + length == range.upperBound
            writer.write(isFinal && isLast ? 1 : 0, count: 3)
            writer.alignToByte()
            writer.write(UInt32(length) | UInt32(~length & 0xFFFF) << 16, count: 32)
            writer.bytes.append(contentsOf: input[offset..<(offset + length)])
            offset += length
        } while offset < range.upperBound
    }

    /// Each token as two writes with no branch on its kind: a literal's code, or a match
    /// length's code and extra bits, from one 512-entry table; then a distance symbol's code
    /// and extra bits, zero bits for a literal. The literal/match branch was mispredicted on
    /// mixed image rows: writeTokens was 11% of the cards benchmark's time (perf), 9.9% after, and
    /// the benchmark 5.7% faster over 6 alternating runs, though callgrind counts 6% more instructions.
    /// The tables are made per block; read through the shared ones, every token paid a
    /// lazy-global check (swift_once). The same bits as writing codes and extra bits in turn.
    private func writeTokens(_ block: BlockTokens, codes: BlockCodes, to writer: inout BitWriter) {
        // 0..<256: literals; 256 + (length - 3): lengths.
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
        var distanceCodes = [(bits: UInt32, count: Int, base: Int, extraCount: Int)](repeating: (0, 0, 0, 0), count: DeflateAlphabet.distanceSymbols)
        for symbol in 0..<DeflateAlphabet.distanceSymbols {
            let code = codes.distance[symbol]
            distanceCodes[symbol] = (code.bits, code.count, Int(DeflateAlphabet.distanceBase[symbol]), Int(DeflateAlphabet.distanceExtraBits[symbol]))
        }
        let distanceTable = SymbolTables.distanceTable
        firstWrites.withUnsafeBufferPointer { firstWrites in
            distanceCodes.withUnsafeBufferPointer { distanceCodes in
                distanceTable.withUnsafeBufferPointer { distanceTable in
                    // A token is at most 15 + 5 + 15 + 13 bits: 6 bytes each at most, stored
                    // straight into the output.
                    writer.writingDirectly(atMost: block.tokens.count * 6 + 8) { writer in
                        for token in block.tokens {
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
            }
        }
        let end = codes.literalLength[DeflateAlphabet.endOfBlock]
        writer.write(end.bits, count: end.count)
    }

    private static func codeBits(_ frequencies: [Int], _ lengths: [UInt8]) -> Int {
        var total = 0
        for symbol in frequencies.indices { total += frequencies[symbol] * Int(lengths[symbol]) }
        return total
    }

    private static func extraBits(_ literalFrequencies: [Int], _ distanceFrequencies: [Int]) -> Int {
        var total = 0
        for symbol in 0..<29 { total += literalFrequencies[257 + symbol] * Int(DeflateAlphabet.lengthExtraBits[symbol]) }
        for symbol in 0..<30 { total += distanceFrequencies[symbol] * Int(DeflateAlphabet.distanceExtraBits[symbol]) }
        return total
    }
}
