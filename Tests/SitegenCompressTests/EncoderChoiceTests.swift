import Testing
@testable import SitegenCompress
import SitegenRandom

/// The encoder's own decisions: length-limited codes and the block type each block gets.
@Suite struct EncoderChoiceTests {
    static func kraftSum(_ lengths: [UInt8], limit: Int) -> Int {
        lengths.filter { $0 > 0 }.reduce(0) { $0 + 1 << (limit - Int($1)) }
    }

    @Test func fibonacciFrequenciesAreCutToTheLimitAndStayComplete() {
        // Fibonacci weights make the deepest possible Huffman tree: 30 symbols would need 29 bits.
        var fibonacci = [1, 1]
        while fibonacci.count < 30 { fibonacci.append(fibonacci[fibonacci.count - 1] + fibonacci[fibonacci.count - 2]) }
        for limit in [7, 15] {
            let lengths = HuffmanCodeBuilder.lengths(for: fibonacci, limit: limit)
            #expect(lengths.allSatisfy { $0 >= 1 && Int($0) <= limit })
            #expect(Self.kraftSum(lengths, limit: limit) == 1 << limit, "limit \(limit): not a complete code")
            // More frequent never gets a longer code.
            for i in 1..<lengths.count { #expect(lengths[i] <= lengths[i - 1]) }
        }
    }

    @Test func unlimitedCodesAreHuffmanOptimal() {
        // Frequencies 1, 1, 2, 4, 8: lengths 4, 4, 3, 2, 1 (cost 1·4+1·4+2·3+4·2+8·1 = 30 bits).
        let lengths = HuffmanCodeBuilder.lengths(for: [1, 1, 2, 4, 8, 0], limit: 15)
        #expect(lengths == [4, 4, 3, 2, 1, 0])
    }

    @Test func oneOrNoSymbolStillGivesTwoCodes() {
        #expect(HuffmanCodeBuilder.lengths(for: [0, 0, 5, 0], limit: 15) == [1, 0, 1, 0])
        #expect(HuffmanCodeBuilder.lengths(for: [3, 0, 0], limit: 15) == [1, 1, 0])
        #expect(HuffmanCodeBuilder.lengths(for: [0, 0, 0], limit: 15) == [1, 1, 0])
    }

    @Test func canonicalCodesFollowRFC1951Example() {
        // RFC 1951 §3.2.2: lengths (3, 3, 3, 3, 3, 2, 4, 4) give codes 010 011 100 101 110 00 1110 1111.
        let codes = HuffmanCodeBuilder.codes(for: [3, 3, 3, 3, 3, 2, 4, 4])
        let expected: [(UInt32, Int)] = [(0b010, 3), (0b011, 3), (0b100, 3), (0b101, 3), (0b110, 3), (0b00, 2), (0b1110, 4), (0b1111, 4)]
        for (code, (value, length)) in zip(codes, expected) {
            #expect(UInt32(code) == DeflateAlphabet.reversed(value, length: length))
        }
    }

    /// BTYPE of the first block: 0 stored, 1 fixed, 2 dynamic.
    func firstBlockType(_ data: [UInt8]) -> UInt8 { (Deflate.compress(data)[0] >> 1) & 3 }

    @Test func eachBlockGetsTheCheapestType() {
        #expect(firstBlockType(SampleData.random(10_000)) == 0)
        #expect(firstBlockType(Array("badge badge".utf8)) == 1)
        #expect(firstBlockType(SampleData.text(20_000)) == 2)
    }

    @Test func aBlockWhoseHuffmanCodeIsTooDeepIsWrittenWithinFifteenBits() throws {
        // 20 literals in Fibonacci proportion (10,945 tokens, one block): plain Huffman would give
        // the rarest an 18-bit code, which a dynamic header cannot even express.
        var fibonacci = [1, 1]
        while fibonacci.count < 20 { fibonacci.append(fibonacci[fibonacci.count - 1] + fibonacci[fibonacci.count - 2]) }
        var generator = SplitMix(seed: 11)
        var data: [UInt8] = []
        for (symbol, count) in fibonacci.enumerated() { data += [UInt8](repeating: UInt8(symbol * 10), count: count) }
        for i in stride(from: data.count - 1, to: 0, by: -1) { data.swapAt(i, generator.below(i + 1)) }
        var block = BlockTokens(capacity: data.count)
        for byte in data { block.appendLiteral(byte) }
        #expect(HuffmanCodeBuilder.lengths(for: block.frequencies.literalLength, limit: 15).max() == 15)

        var writer = BitWriter(appendingTo: [])
        data.withUnsafeBufferPointer { input in
            DeflateEncoder(input, level: .default).writeBlock(block, from: 0, isFinal: true, to: &writer)
        }
        writer.alignToByte()
        #expect((writer.bytes[0] >> 1) & 3 == 2, "expected a dynamic block")
        #expect(try Inflate.decompress(writer.bytes) == data)
    }
}
