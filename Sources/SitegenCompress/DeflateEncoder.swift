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
        let frequencies = block.frequencies
        var literalFrequencies = frequencies.literalLength
        let distanceFrequencies = frequencies.distance
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

    private func writeTokens(_ block: BlockTokens, codes: BlockCodes, to writer: inout BitWriter) {
        let coder = TokenCoder(codes)
        block.tokens.withUnsafeBufferPointer { coder.write($0, to: &writer) }
        coder.writeEndOfBlock(to: &writer)
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
