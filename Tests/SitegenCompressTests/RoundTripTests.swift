import Testing
@testable import SitegenCompress

/// Our deflater's output through our inflater gives back the input, for every level and wrapper.
@Suite struct RoundTripTests {
    static let levels: [Deflate.Level] = [.fastest, .default, .smallest]

    func roundTrip(_ data: [UInt8], _ label: String) throws {
        for level in Self.levels {
            let raw = Deflate.compress(data, level: level)
            #expect(try Inflate.decompress(raw) == data, "\(label) raw \(level)")
            let zlib = ZlibStream.compress(data, level: level)
            #expect(try ZlibStream.decompress(zlib) == data, "\(label) zlib \(level)")
            let gzip = GzipStream.compress(data, level: level)
            #expect(try GzipStream.decompress(gzip) == data, "\(label) gzip \(level)")
        }
    }

    @Test func emptyAndTiny() throws {
        try roundTrip([], "empty")
        try roundTrip([0x41], "one byte")
        try roundTrip([0, 0], "two bytes")
        try roundTrip([1, 2, 3], "three bytes")
        try roundTrip([7, 7, 7, 7, 7], "a run of five")
    }

    /// Short inputs go into fixed-Huffman blocks, where literals 144–255 have 9-bit codes: each
    /// byte value alone, and the 22 bytes of PNG rows that once came back with F0 read as EC.
    @Test func everyByteValueInAFixedBlock() throws {
        for value in 0...255 { try roundTrip([UInt8(value)], "byte \(value)") }
        try roundTrip(Array(0...255), "every byte once")
        try roundTrip([0, 15, 15, 15, 15, 0, 15, 15, 15, 15, 0, 15, 15, 15, 15, 0, 15, 15, 15, 15, 0, 0xF0], "PNG rows")
        // What Python's zlib.compressobj(6, DEFLATED, -15) writes for the single byte F0.
        #expect(Deflate.compress([UInt8]([0xF0])) == [0xFB, 0x00, 0x00])
    }

    @Test func emptyInputIsWhatZlibWrites() {
        // zlib.compress(b"") in Python: a final fixed block with only end-of-block.
        #expect(ZlibStream.compress([UInt8]()) == [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])
        #expect(Deflate.compress([UInt8]()) == [0x03, 0x00])
    }

    @Test func text() throws {
        let data = SampleData.text(50_000)
        try roundTrip(data, "text")
        #expect(Deflate.compress(data).count < data.count / 3)
    }

    @Test func randomBytesGoIntoStoredBlocks() throws {
        let data = SampleData.random(200_000)
        try roundTrip(data, "random")
        // Incompressible: stored blocks cost 5 bytes per 65,535; the block choice must see that.
        let compressed = Deflate.compress(data)
        #expect(compressed.count <= data.count + 5 * (data.count / 16383 + 2))
    }

    @Test func aMegabyteOfZerosAndAStatusList() throws {
        let zeros = [UInt8](repeating: 0, count: 1 << 20)
        let compressed = Deflate.compress(zeros)
        #expect(try Inflate.decompress(compressed) == zeros)
        // 258-byte matches at ~2 bits each: about a kilobyte (zlib -6 gives 1,033 bytes).
        #expect(compressed.count < 1_200)
        let list = SampleData.statusList()
        try roundTrip(list, "status list")
        #expect(GzipStream.compress(list).count < 100)
    }

    @Test func cardScanlines() throws {
        let data = SampleData.cardScanlines(width: 300, height: 158)
        try roundTrip(data, "card rows")
    }

    @Test func lengthsAroundWindowAndBlockBoundaries() throws {
        let base = SampleData.text(70_000) + SampleData.random(70_000, seed: 9)
        for length in [257, 258, 259, 32_767, 32_768, 32_769, 65_535, 65_536, 65_537, 131_072] {
            let data = Array(base.prefix(length))
            let raw = Deflate.compress(data)
            #expect(try Inflate.decompress(raw) == data, "length \(length)")
        }
    }

    @Test func repeatsAtTheEdgeOfTheWindow() throws {
        // A random piece repeated exactly 32,768 bytes on (the longest distance) and 32,769 (too far).
        let piece = SampleData.random(300, seed: 3)
        let filler = SampleData.random(32_768 - 300, seed: 4)
        let data = piece + filler + piece + [0x78] + piece
        for level in Self.levels {
            #expect(try Inflate.decompress(Deflate.compress(data, level: level)) == data)
        }
        // The repeat at distance 32,768 is found: clearly less than the incompressible size.
        #expect(Deflate.compress(data).count < data.count - 250)
    }

    @Test func manyBlocksOfMixedData() throws {
        // Alternating text and noise: blocks of each kind, stored and dynamic, side by side.
        var data: [UInt8] = []
        for seed in 0..<6 { data += seed % 2 == 0 ? SampleData.text(30_000, seed: UInt64(seed)) : SampleData.random(20_000, seed: UInt64(seed)) }
        #expect(try Inflate.decompress(Deflate.compress(data)) == data)
        #expect(try Inflate.decompress(Deflate.compress(data, level: .fastest)) == data)
    }

    @Test func outputIsDeterministic() {
        let data = SampleData.cardScanlines(width: 120, height: 63) + SampleData.text(10_000)
        for level in Self.levels {
            #expect(Deflate.compress(data, level: level) == Deflate.compress(data, level: level))
        }
        let gzip = GzipStream.compress(data)
        // RFC 1952 header: no flags, MTIME 0, XFL 0, OS 255 (unknown).
        #expect(Array(gzip.prefix(10)) == [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 255])
    }

    @Test func nonContiguousInputs() throws {
        let data = SampleData.text(5_000)
        let lazy = data.lazy.map { $0 }
        #expect(Deflate.compress(lazy) == Deflate.compress(data))
        let stream = ZlibStream.compress(data)
        #expect(try ZlibStream.decompress(stream.lazy.map { $0 }) == data)
        #expect(try ZlibStream.decompress(stream[...]) == data)
    }

    @Test func inputsCutIntoMatchFinderSegments() throws {
        // Inputs over 1 GiB are parsed in segments; the same path, with small segments.
        let data = SampleData.text(30_000) + [UInt8](repeating: 9, count: 5_000)
        for segmentSize in [999, 4096, 16_384] {
            var writer: [UInt8] = []
            data.withUnsafeBufferPointer { input in
                DeflateEncoder(input, level: .default, segmentSize: segmentSize).encode(into: &writer)
            }
            #expect(try Inflate.decompress(writer) == data, "segments of \(segmentSize)")
        }
    }
}
