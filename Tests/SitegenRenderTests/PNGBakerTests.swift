import Testing
import SitegenDigest
@testable import SitegenRender

/// Small but real PNG files, built byte by byte.
enum PNGFixture {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func bigEndian(_ word: UInt32) -> [UInt8] {
        [UInt8(word >> 24), UInt8((word >> 16) & 0xFF), UInt8((word >> 8) & 0xFF), UInt8(word & 0xFF)]
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeAndData = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + typeAndData + bigEndian(CRC32.checksum(typeAndData))
    }

    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        return b << 16 | a
    }

    /// An 8-bit RGBA image whose pixel rows sit in one zlib stored (uncompressed) block.
    static func png(width: Int = 1, height: Int = 1, chunksAfterIHDR: [[UInt8]] = []) -> [UInt8] {
        let ihdr = bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [8, 6, 0, 0, 0]
        var raw: [UInt8] = []
        for row in 0..<height {
            raw.append(0) // filter: none
            for column in 0..<width {
                raw += [UInt8(truncatingIfNeeded: row), UInt8(truncatingIfNeeded: column), 0x80, 0xFF]
            }
        }
        let length = UInt16(raw.count)
        let zlib = [0x78, 0x01, 0x01, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
            + raw + bigEndian(adler32(raw))
        return signature + chunk("IHDR", ihdr) + chunksAfterIHDR.joined() + chunk("IDAT", zlib) + chunk("IEND", [])
    }

    static func openBadgesText(_ json: [UInt8]) -> [UInt8] {
        Array("openbadges".utf8) + [0, 0, 0, 0, 0] + json
    }
}

@Suite struct PNGBakerTests {
    let png = PNGFixture.png()
    let hostileJSON = Array(#"{"@context":"https://w3id.org/openbadges/v2","name":"]]> \"quoted\" <b>&amp;</b>","who":"Zoë 🎖 \u2028"}"#.utf8)

    @Test func fixtureChunks() throws {
        let chunks = try PNGFile.chunks(png)
        #expect(chunks.map(\.type) == ["IHDR", "IDAT", "IEND"])
        #expect(chunks.map(\.offset) == [8, 33, 33 + 12 + 16])
        #expect(chunks[0].data == [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0])
        #expect(chunks[2].data.isEmpty)
        #expect(Array(png.suffix(4)) == [0xAE, 0x42, 0x60, 0x82]) // IEND's well-known CRC
    }

    @Test func bakeInsertsOneITXtRightAfterIHDR() throws {
        let baked = try PNGBaker.bake(png, assertion: hostileJSON)
        let chunks = try PNGFile.chunks(baked)
        #expect(chunks.map(\.type) == ["IHDR", "iTXt", "IDAT", "IEND"])
        #expect(chunks[1].offset == 33)
        #expect(Array(chunks[1].data) == PNGFixture.openBadgesText(hostileJSON))
        // Exact bytes: the iTXt chunk, and everything else as it was.
        let itxt = PNGFixture.chunk("iTXt", PNGFixture.openBadgesText(hostileJSON))
        #expect(baked == Array(png[..<33]) + itxt + Array(png[33...]))
        #expect(try PNGBaker.assertion(in: baked) == hostileJSON)
    }

    @Test func everyChunkOfTheBakedFileHasAValidLengthAndCRC() throws {
        let baked = try PNGBaker.bake(PNGFixture.png(width: 25, height: 30), assertion: hostileJSON)
        var offset = 8
        var types: [String] = []
        while offset < baked.count {
            let length = Int(baked[offset..<(offset + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
            let typeAndData = baked[(offset + 4)..<(offset + 8 + length)]
            let stored = baked[(offset + 8 + length)..<(offset + 12 + length)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            #expect(CRC32.checksum(typeAndData) == stored)
            types.append(String(decoding: typeAndData.prefix(4), as: UTF8.self))
            offset += 12 + length
        }
        #expect(offset == baked.count)
        #expect(types == ["IHDR", "iTXt", "IDAT", "IEND"])
    }

    @Test func rebakeReplacesInsteadOfDuplicating() throws {
        let first = try PNGBaker.bake(png, assertion: Array(#"{"first":1}"#.utf8))
        let second = try PNGBaker.bake(first, assertion: hostileJSON)
        #expect(second == (try PNGBaker.bake(png, assertion: hostileJSON)))
        #expect(try PNGFile.chunks(second).filter { $0.type == "iTXt" }.count == 1)
        #expect(try PNGBaker.assertion(in: second) == hostileJSON)
    }

    @Test func otherTextChunksKeptAndStrayAssertionMovedAfterIHDR() throws {
        let otherText = PNGFixture.chunk("iTXt", Array("Comment".utf8) + [0, 0, 0, 0, 0] + Array("hello".utf8))
        let stray = PNGFixture.chunk("iTXt", PNGFixture.openBadgesText(Array("{}".utf8)))
        let legacyText = PNGFixture.chunk("tEXt", Array("openbadges\0https://example.org/a.json".utf8))
        let source = PNGFixture.png(chunksAfterIHDR: [otherText, legacyText, stray])
        let baked = try PNGBaker.bake(source, assertion: hostileJSON)
        let chunks = try PNGFile.chunks(baked)
        #expect(chunks.map(\.type) == ["IHDR", "iTXt", "iTXt", "tEXt", "IDAT", "IEND"])
        #expect(Array(chunks[1].data) == PNGFixture.openBadgesText(hostileJSON))
        #expect(Array(chunks[2].data) == Array(otherText[8..<(otherText.count - 4)]))
        #expect(try PNGBaker.assertion(in: source) == Array("{}".utf8))
    }

    @Test func templateBakesTheSameBytes() throws {
        let template = try PNGBakingTemplate(png)
        for json in [[], Array("{}".utf8), hostileJSON] {
            #expect(try template.bake(json) == (try PNGBaker.bake(png, assertion: json)))
        }
    }

    @Test func unbakedImageHasNoAssertion() throws {
        #expect(try PNGBaker.assertion(in: png) == nil)
    }

    @Test func compressedAssertionIsRejectedOnRead() throws {
        let compressed = PNGFixture.chunk("iTXt", Array("openbadges".utf8) + [0, 1, 0, 0, 0, 0x78, 0x01])
        let source = PNGFixture.png(chunksAfterIHDR: [compressed])
        #expect(throws: BakingError("PNG chunk 'iTXt' at offset 33 is compressed, which Open Badges forbids")) {
            try PNGBaker.assertion(in: source)
        }
        let truncated = PNGFixture.png(chunksAfterIHDR: [PNGFixture.chunk("iTXt", Array("openbadges\0\0\0lang".utf8))])
        #expect(throws: BakingError("PNG chunk 'iTXt' at offset 33 is malformed")) {
            try PNGBaker.assertion(in: truncated)
        }
    }

    private func expectRejected(_ bytes: [UInt8], _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(throws: BakingError(message), sourceLocation: sourceLocation) { try PNGBaker.bake(bytes, assertion: [0x7B, 0x7D]) }
        #expect(throws: BakingError(message), sourceLocation: sourceLocation) { try PNGFile.chunks(bytes) }
    }

    @Test func badSignatureRejected() {
        var bytes = png
        bytes[1] = UInt8(ascii: "p")
        expectRejected(bytes, "not a PNG file: bad signature")
        expectRejected([], "not a PNG file: bad signature")
        expectRejected(Array("GIF89a".utf8), "not a PNG file: bad signature")
        #expect(BakingError("not a PNG file: bad signature").description == "not a PNG file: bad signature")
    }

    @Test func corruptedCRCRejected() {
        var dataFlipped = png
        dataFlipped[33 + 8 + 3] ^= 0x01 // a byte inside IDAT's data
        expectRejected(dataFlipped, "PNG chunk 'IDAT' at offset 33 has a bad CRC")
        var crcFlipped = png
        crcFlipped[32] ^= 0x80 // the last byte of IHDR's CRC
        expectRejected(crcFlipped, "PNG chunk 'IHDR' at offset 8 has a bad CRC")
    }

    @Test func structuralDefectsRejected() {
        let iend = PNGFixture.chunk("IEND", [])
        let withoutIEND = Array(png.dropLast(12))
        expectRejected(withoutIEND, "PNG has no IEND chunk")
        expectRejected(png + [0], "PNG has 1 bytes after its IEND chunk")
        expectRejected(png + iend, "PNG has 12 bytes after its IEND chunk")
        expectRejected(Array(png.dropLast(1)), "PNG chunk at offset 61 is truncated")
        expectRejected(Array(png.prefix(50)), "PNG chunk 'IDAT' at offset 33 is truncated: it needs 28 bytes but only 17 remain")
        expectRejected(Array(png.prefix(15)), "PNG chunk at offset 8 is truncated")
        expectRejected(Array(png.prefix(20)), "PNG chunk 'IHDR' at offset 8 is truncated: it needs 25 bytes but only 12 remain")
        expectRejected(PNGFixture.signature + iend, "PNG chunk 'IEND' at offset 8 comes before IHDR")
        expectRejected(PNGFixture.signature + PNGFixture.chunk("IHDR", [0, 0]) + iend,
                       "PNG chunk 'IHDR' at offset 8 has length 2, not 13")
        var hugeLength = png
        hugeLength.replaceSubrange(33..<37, with: [0xFF, 0xFF, 0xFF, 0xFF])
        expectRejected(hugeLength, "PNG chunk 'IDAT' at offset 33 has an invalid length 4294967295")
        var badType = png
        badType[33 + 5] = UInt8(ascii: "1")
        expectRejected(badType, "PNG chunk at offset 33 has an invalid type")
    }
}
