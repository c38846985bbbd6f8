import SitegenCompress
import Testing
@testable import SitegenPNG

/// The chunk-level rules and the size limits, on files built byte by byte for one defect each.
@Suite struct ChunkRuleTests {
    /// A 2×2 8-bit grey image: rows of filter type 0.
    static let greyRows: [UInt8] = [0, 10, 20, 0, 30, 40]
    static let greyHeader = PNGBytes.header(width: 2, height: 2, depth: 8, colorType: 0)

    func refusal(_ png: [UInt8], maxPixels: Int = PNGImage.defaultMaxPixels) -> PNGError? {
        do {
            _ = try PNGImage.decode(png, maxPixels: maxPixels)
            return nil
        } catch {
            return error
        }
    }

    @Test func aWellFormedFileDecodes() throws {
        let png = PNGBytes.file([Self.greyHeader, PNGBytes.chunk("IDAT", ZlibStream.compress(Self.greyRows))])
        let image = try PNGImage.decode(png)
        #expect(image.pixels == [10, 10, 10, 255, 20, 20, 20, 255, 30, 30, 30, 255, 40, 40, 40, 255])
    }

    @Test func imageDataSplitAnywhereAcrossIDATChunksAndUnknownAncillaryChunksAndTrailingBytes() throws {
        let stream = ZlibStream.compress(Self.greyRows)
        for cut in 0...stream.count {
            let png = PNGBytes.file([Self.greyHeader, PNGBytes.chunk("prVt", [1, 2, 3]),
                                     PNGBytes.chunk("IDAT", Array(stream[..<cut])), PNGBytes.chunk("IDAT", Array(stream[cut...])),
                                     PNGBytes.chunk("tEXt", Array("Comment\0ignored".utf8))]) + [0xDE, 0xAD]
            #expect(try PNGImage.decode(png).pixels[12] == 40, "cut at \(cut)")
        }
    }

    @Test func decompressionBombsAreRefusedFromTheHeaderOrAtTheExactSize() throws {
        let huge = PNGBytes.file([PNGBytes.header(width: 100_000, height: 100_000, depth: 8, colorType: 6),
                                  PNGBytes.chunk("IDAT", ZlibStream.compress([UInt8](repeating: 0, count: 1000)))])
        let error = refusal(huge)
        #expect(error?.kind == .tooLarge && error?.offset == 16, "\(String(describing: error))")
        #expect(refusal(PNGBytes.file([Self.greyHeader, PNGBytes.chunk("IDAT", ZlibStream.compress(Self.greyRows))]), maxPixels: 3)?.kind == .tooLarge)

        // 1000×1000 grey needs 1,001,000 bytes; 20 MB of zeros (about 20 KB deflated) stops there.
        let bomb = PNGBytes.file([PNGBytes.header(width: 1000, height: 1000, depth: 8, colorType: 0),
                                  PNGBytes.chunk("IDAT", ZlibStream.compress([UInt8](repeating: 0, count: 20_000_000), level: .fastest))])
        let started = ContinuousClock.now
        let bombError = refusal(bomb)
        #expect(ContinuousClock.now - started < .seconds(1))
        #expect(bombError?.message.contains("more than the 1001000 bytes") == true, "\(String(describing: bombError))")
        #expect(bombError.map { $0.offset > 33 && $0.offset < bomb.count } == true)
    }

    @Test func shortImageDataAndBadFilterTypesAreLocated() {
        let short = PNGBytes.file([Self.greyHeader, PNGBytes.chunk("IDAT", ZlibStream.compress(Self.greyRows.dropLast()))])
        #expect(refusal(short)?.message == "image data is 5 bytes, but a 2×2 image needs 6")
        var rows = Self.greyRows
        rows[3] = 5
        let badFilter = refusal(PNGBytes.file([Self.greyHeader, PNGBytes.chunk("IDAT", ZlibStream.compress(rows))]))
        #expect(badFilter?.message.contains("byte 3 (after inflating) is filter type 5") == true)
        #expect(badFilter?.offset == 33)
    }

    @Test func aDeflateErrorNamesTheByteOfTheFileThatHoldsIt() {
        var stream = ZlibStream.compress(Self.greyRows)
        // Block type 3 (reserved) in the first deflate byte, which the second IDAT chunk holds.
        stream[2] |= 0b110
        let png = PNGBytes.file([Self.greyHeader, PNGBytes.chunk("IDAT", Array(stream[..<2])), PNGBytes.chunk("IDAT", Array(stream[2...]))])
        let error = refusal(png)
        // 33 (first IDAT) + 12 + 2 = 47: the second IDAT's length field; its data starts 8 bytes later.
        #expect(error?.offset == 55, "\(String(describing: error))")
        #expect(error?.message.contains("reserved") == true)
    }

    @Test func criticalChunkRules() {
        let idat = PNGBytes.chunk("IDAT", ZlibStream.compress(Self.greyRows))
        let cases: [(String, [UInt8], String)] = [
            ("no IHDR first", PNGBytes.file([idat]), "not IHDR"),
            ("IHDR twice", PNGBytes.file([Self.greyHeader, Self.greyHeader, idat]), "second IHDR"),
            ("IHDR too short", PNGBytes.file([PNGBytes.chunk("IHDR", [0, 0, 0, 2, 0, 0, 0, 2, 8, 0, 0, 0]), idat]), "not 13"),
            ("zero width", PNGBytes.file([PNGBytes.header(width: 0, height: 2, depth: 8, colorType: 0), idat]), "width 0"),
            ("16-bit palette", PNGBytes.file([PNGBytes.header(width: 2, height: 2, depth: 16, colorType: 3), idat]), "bit depth 16"),
            ("interlace 2", PNGBytes.file([PNGBytes.header(width: 2, height: 2, depth: 8, colorType: 0, interlace: 2), idat]), "interlace method 2"),
            ("no IDAT", PNGBytes.file([Self.greyHeader]), "IEND before any IDAT"),
            ("no IEND", PNGBytes.signature + Self.greyHeader + idat, "where a chunk should start"),
            ("split IDATs", PNGBytes.file([Self.greyHeader, idat, PNGBytes.chunk("tEXt", Array("a\0b".utf8)), idat]), "consecutive"),
            ("unknown critical", PNGBytes.file([Self.greyHeader, PNGBytes.chunk("ABCD", []), idat]), "unknown critical chunk 'ABCD'"),
            ("type not letters", PNGBytes.file([Self.greyHeader, PNGBytes.chunk("ab1d", []), idat]), "not four ASCII letters"),
            ("palette without PLTE", PNGBytes.file([PNGBytes.header(width: 2, height: 2, depth: 8, colorType: 3), idat]), "no PLTE"),
            ("PLTE of 4 bytes", PNGBytes.file([PNGBytes.header(width: 2, height: 2, depth: 8, colorType: 3), PNGBytes.chunk("PLTE", [1, 2, 3, 4]), idat]), "not 1 to 256 entries"),
            ("length over 2^31", PNGBytes.signature + Self.greyHeader + [0x80, 0, 0, 0] + Array("IDAT".utf8) + [0, 0, 0, 0], "invalid length"),
        ]
        for (label, png, says) in cases {
            let error = refusal(png)
            #expect(error?.message.contains(says) == true, "\(label): \(String(describing: error))")
        }
    }

    /// tRNS: a palette's alphas cover its first entries; a grey key makes that level transparent;
    /// a tRNS of the wrong length is disregarded, as libpng does.
    @Test func transparencyChunks() throws {
        let rows: [UInt8] = [0, 0, 1, 0, 2, 1]
        let palette = PNGBytes.chunk("PLTE", [255, 0, 0, 0, 255, 0, 0, 0, 255])
        let header = PNGBytes.header(width: 2, height: 2, depth: 8, colorType: 3)
        let idat = PNGBytes.chunk("IDAT", ZlibStream.compress(rows))
        let withAlpha = try PNGImage.decode(PNGBytes.file([header, palette, PNGBytes.chunk("tRNS", [0, 128]), idat]))
        #expect(withAlpha.pixels == [255, 0, 0, 0, 0, 255, 0, 128, 0, 0, 255, 255, 0, 255, 0, 128])
        let tooLong = try PNGImage.decode(PNGBytes.file([header, palette, PNGBytes.chunk("tRNS", [0, 0, 0, 0]), idat]))
        #expect(tooLong.pixels[3] == 255)

        let greyKey = try PNGImage.decode(PNGBytes.file([Self.greyHeader, PNGBytes.chunk("tRNS", [0, 30]),
                                                          PNGBytes.chunk("IDAT", ZlibStream.compress(Self.greyRows))]))
        #expect(greyKey.pixels.enumerated().filter { $0.offset % 4 == 3 }.map(\.element) == [255, 255, 0, 255])
    }
}
