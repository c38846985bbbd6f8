import Testing
import SitegenDigest
@testable import SitegenCompress
import SitegenRandom

/// Every kind of broken stream is a thrown, located error: never a trap, a hang or a wrong result.
@Suite struct MalformedInputTests {
    func reason(_ body: () throws -> [UInt8]) -> CompressedDataError.Reason? {
        do {
            _ = try body()
            return nil
        } catch let error as CompressedDataError {
            return error.reason
        } catch {
            return nil
        }
    }

    /// A complete literal/length code over symbols 0…257: 254 codes of 8 bits, 4 of 9.
    static let completeLiteralLengths: [Int] = (0..<258).map { $0 < 254 ? 8 : 9 }

    // MARK: block structure

    @Test func reservedBlockType() {
        #expect(throws: CompressedDataError(.invalidBlockType, at: 0)) { try Inflate.decompress([0x07]) }
    }

    @Test func storedBlockLengthChecks() throws {
        #expect(throws: CompressedDataError(.storedLengthMismatch, at: 1)) {
            try Inflate.decompress([0x01, 0x05, 0x00, 0x00, 0x00, 1, 2, 3, 4, 5])
        }
        #expect(throws: CompressedDataError(.truncated, at: 6)) {
            try Inflate.decompress([0x01, 0x05, 0x00, 0xFA, 0xFF, 0x61])
        }
        #expect(try Inflate.decompress([0x01, 0x02, 0x00, 0xFD, 0xFF, 0x61, 0x62]) == [0x61, 0x62])
    }

    @Test func emptyInputIsTruncated() {
        #expect(throws: CompressedDataError(.truncated, at: 0)) { try Inflate.decompress([UInt8]()) }
        #expect(throws: CompressedDataError(.truncated, at: 0)) { try ZlibStream.decompress([UInt8]()) }
        #expect(throws: CompressedDataError(.truncated, at: 0)) { try GzipStream.decompress([UInt8]()) }
    }

    // MARK: dynamic headers

    @Test func tooManyLiteralLengthOrDistanceCodes() {
        var tooManyLiterals = StreamBuilder()
        tooManyLiterals.bits(0b101, 3)
        tooManyLiterals.bits(30, 5)  // 287 literal/length codes
        tooManyLiterals.bits(0, 5)
        tooManyLiterals.bits(0, 4)
        #expect(reason { try Inflate.decompress(tooManyLiterals.bytes) } == .tooManyLengthOrDistanceSymbols)
        var tooManyDistances = StreamBuilder()
        tooManyDistances.bits(0b101, 3)
        tooManyDistances.bits(0, 5)
        tooManyDistances.bits(30, 5)  // 31 distance codes
        tooManyDistances.bits(0, 4)
        #expect(reason { try Inflate.decompress(tooManyDistances.bytes) } == .tooManyLengthOrDistanceSymbols)
    }

    @Test func badCodeLengthCodes() {
        func stream(codeLengthLengths: [Int]) -> [UInt8] {
            var builder = StreamBuilder()
            builder.bits(0b101, 3)
            builder.bits(0, 5)
            builder.bits(0, 5)
            builder.bits(codeLengthLengths.count - 4, 4)
            for length in codeLengthLengths { builder.bits(length, 3) }
            builder.bits(0, 32)
            return builder.bytes
        }
        // Symbols 16, 17, 18 each of length 1: three 1-bit codes.
        #expect(reason { try Inflate.decompress(stream(codeLengthLengths: [1, 1, 1, 0])) } == .oversubscribedCode("code length"))
        // One 2-bit code: incomplete, never allowed for the code-length code.
        #expect(reason { try Inflate.decompress(stream(codeLengthLengths: [2, 0, 0, 0])) } == .incompleteCode("code length"))
        #expect(reason { try Inflate.decompress(stream(codeLengthLengths: [0, 0, 0, 0])) } == .incompleteCode("code length"))
    }

    @Test func badLengthRepeats() {
        var first = StreamBuilder()
        first.dynamicHeader(literalCount: 257, distanceCount: 1, symbols: [(16, 0)])
        #expect(reason { try Inflate.decompress(first.bytes) } == .repeatWithoutPreviousLength)
        var pastEnd = StreamBuilder()
        // 257 + 1 lengths; 2 zeros then 138 and 127 zeros (267) run past 258.
        pastEnd.dynamicHeader(literalCount: 257, distanceCount: 1, symbols: [(0, 0), (0, 0), (18, 127), (18, 116)])
        #expect(reason { try Inflate.decompress(pastEnd.bytes) } == .lengthRepeatPastEnd)
    }

    @Test func literalLengthCodeProblems() {
        var noEnd = StreamBuilder()
        noEnd.dynamicHeader(literalLengths: (0..<256).map { _ in 8 } + [0], distanceLengths: [1, 1])
        #expect(reason { try Inflate.decompress(noEnd.bytes) } == .missingEndOfBlockCode)

        var over = StreamBuilder()
        over.dynamicHeader(literalLengths: (0..<257).map { _ in 8 }, distanceLengths: [1, 1])
        #expect(reason { try Inflate.decompress(over.bytes) } == .oversubscribedCode("literal/length"))

        var incomplete = StreamBuilder()
        incomplete.dynamicHeader(literalLengths: (0..<256).map { $0 < 2 ? 2 : 0 } + [2], distanceLengths: [1, 1])
        #expect(reason { try Inflate.decompress(incomplete.bytes) } == .incompleteCode("literal/length"))

        var overDistance = StreamBuilder()
        overDistance.dynamicHeader(literalLengths: Self.completeLiteralLengths, distanceLengths: [1, 1, 1])
        #expect(reason { try Inflate.decompress(overDistance.bytes) } == .oversubscribedCode("distance"))
    }

    @Test func singleCodesAllowedByTheRFCDecode() throws {
        // Only end-of-block, one 1-bit code; one 1-bit distance code: both incomplete but legal.
        var builder = StreamBuilder()
        builder.dynamicHeader(literalLengths: [Int](repeating: 0, count: 256) + [1], distanceLengths: [1])
        builder.code(0, 1)
        #expect(try Inflate.decompress(builder.bytes) == [])
        // A distance code with no codes at all: a block of literals only.
        var literalsOnly = StreamBuilder()
        literalsOnly.dynamicHeader(literalLengths: [Int](repeating: 0, count: 0x61) + [1] + [Int](repeating: 0, count: 256 - 0x62) + [1],
                                   distanceLengths: [0])
        literalsOnly.code(0, 1)  // 'a'
        literalsOnly.code(0, 1)  // 'a'
        literalsOnly.code(1, 1)  // end of block
        #expect(try Inflate.decompress(literalsOnly.bytes) == [0x61, 0x61])
    }

    @Test func unusedCodeOfAnIncompleteCodeIsInvalid() {
        // The literal/length code is a single 1-bit code for end-of-block; bit 1 is no code.
        var builder = StreamBuilder()
        builder.dynamicHeader(literalLengths: [Int](repeating: 0, count: 256) + [1], distanceLengths: [1])
        builder.code(1, 1)
        #expect(reason { try Inflate.decompress(builder.bytes) } == .invalidSymbol("literal/length"))
    }

    // MARK: fixed blocks

    /// Fixed code for literal/length `symbol` (RFC 1951 §3.2.6).
    func fixed(_ builder: inout StreamBuilder, _ symbol: Int) {
        switch symbol {
        case 0..<144: builder.code(0x30 + symbol, 8)
        case 144..<256: builder.code(0x190 + symbol - 144, 9)
        case 256..<280: builder.code(symbol - 256, 7)
        default: builder.code(0xC0 + symbol - 280, 8)
        }
    }

    @Test func distanceBeforeTheStart() {
        var builder = StreamBuilder()
        builder.bits(0b011, 3)
        fixed(&builder, 0x61)
        fixed(&builder, 257)     // length 3
        builder.code(1, 5)       // distance 2, one byte written so far
        fixed(&builder, 256)
        #expect(reason { try Inflate.decompress(builder.bytes) } == .distanceTooFarBack(distance: 2, available: 1))
    }

    @Test func aSecondGzipMemberCannotReachIntoTheFirst() throws {
        let first = GzipStream.compress(Array("abc".utf8))
        // Member two: a fixed block copying 3 bytes from 3 back, which only member one holds.
        var body = StreamBuilder()
        body.bits(0b011, 3)
        fixed(&body, 257)
        body.code(2, 5)          // distance 3
        fixed(&body, 256)
        let second = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 255] + body.bytes + [0xC2, 0x41, 0x24, 0x35, 3, 0, 0, 0]
        #expect(reason { try GzipStream.decompress(first + second) } == .distanceTooFarBack(distance: 3, available: 0))
    }

    @Test func symbolsThatExistOnlyInTheFixedCode() {
        var distance30 = StreamBuilder()
        distance30.bits(0b011, 3)
        fixed(&distance30, 0x61)
        fixed(&distance30, 257)
        distance30.code(30, 5)
        fixed(&distance30, 256)
        #expect(reason { try Inflate.decompress(distance30.bytes) } == .invalidSymbol("distance"))
        var literal286 = StreamBuilder()
        literal286.bits(0b011, 3)
        fixed(&literal286, 286)
        fixed(&literal286, 256)
        #expect(reason { try Inflate.decompress(literal286.bytes) } == .invalidSymbol("literal/length"))
    }

    @Test func overlappingMatchesAndTheLongestLength() throws {
        var builder = StreamBuilder()
        builder.bits(0b011, 3)
        fixed(&builder, 0x61)
        fixed(&builder, 0x62)
        fixed(&builder, 285)     // length 258
        builder.code(1, 5)       // distance 2: copies its own output
        fixed(&builder, 256)
        let expected = (0..<260).map { $0 % 2 == 0 ? UInt8(0x61) : 0x62 }
        #expect(try Inflate.decompress(builder.bytes) == expected)
    }

    // MARK: limits and trailing data

    @Test func outputLimitRefusesABomb() throws {
        let bomb = Deflate.compress([UInt8](repeating: 0, count: 1 << 20))
        #expect(throws: CompressedDataError.self) { try Inflate.decompress(bomb, limit: 1000) }
        #expect(reason { try Inflate.decompress(bomb, limit: 1000) } == .outputLimitExceeded(limit: 1000))
        #expect(try Inflate.decompress(bomb, limit: 1 << 20).count == 1 << 20)
        #expect(reason { try Inflate.decompress(bomb, limit: (1 << 20) - 1) } == .outputLimitExceeded(limit: (1 << 20) - 1))
        let short = Deflate.compress(SampleData.text(100))
        #expect(reason { try Inflate.decompress(short, limit: 10) } == .outputLimitExceeded(limit: 10))
        #expect(reason { try Inflate.decompress(short, limit: 0) } == .outputLimitExceeded(limit: 0))
        #expect(try Inflate.decompress(short, limit: 100) == SampleData.text(100))
        let stored = Deflate.compress(SampleData.random(5000))
        #expect(reason { try Inflate.decompress(stored, limit: 4999) } == .outputLimitExceeded(limit: 4999))
        #expect(reason { try GzipStream.decompress(GzipStream.compress([UInt8](repeating: 1, count: 10_000)), limit: 9999) }
            == .outputLimitExceeded(limit: 9999))
    }

    @Test func trailingDataPolicy() throws {
        let data = SampleData.text(1000)
        let raw = Deflate.compress(data) + [0xAB, 0xCD]
        #expect(throws: CompressedDataError(.trailingData(count: 2), at: raw.count - 2)) { try Inflate.decompress(raw) }
        #expect(try Inflate.decompress(raw, trailingData: .ignore) == data)
        let zlib = ZlibStream.compress(data) + [0]
        #expect(throws: CompressedDataError(.trailingData(count: 1), at: zlib.count - 1)) { try ZlibStream.decompress(zlib) }
        #expect(try ZlibStream.decompress(zlib, trailingData: .ignore) == data)
        let gzip = GzipStream.compress(data) + [0, 0, 0]
        #expect(throws: CompressedDataError(.trailingData(count: 3), at: gzip.count - 3)) { try GzipStream.decompress(gzip) }
        #expect(try GzipStream.decompress(gzip, trailingData: .ignore) == data)
        // Something that starts like a second member must be one.
        let broken = GzipStream.compress(data) + [0x1F, 0x8B, 9]
        #expect(reason { try GzipStream.decompress(broken, trailingData: .ignore) } == .truncated)
    }

    // MARK: wrappers

    @Test func zlibHeaderAndChecksum() {
        let good = ZlibStream.compress(SampleData.text(500))
        var method = good
        method[0] = 0x79
        #expect(reason { try ZlibStream.decompress(method) } == .badZlibHeader("compression method 9, not 8 (deflate)"))
        var window = good
        window[0] = 0x88
        window[1] = 0x98  // 0x8898 % 31 == 0
        #expect(reason { try ZlibStream.decompress(window) } == .badZlibHeader("window size 2^16 is over 32 KiB"))
        var check = good
        check[1] ^= 1
        #expect(reason { try ZlibStream.decompress(check) } == .badZlibHeader("header check bits do not match"))
        var adler = good
        adler[adler.count - 1] ^= 0x10
        let stored = UInt32(adler[adler.count - 4]) << 24 | UInt32(adler[adler.count - 3]) << 16
            | UInt32(adler[adler.count - 2]) << 8 | UInt32(adler[adler.count - 1])
        #expect(throws: CompressedDataError(.checksumMismatch(kind: "Adler-32", stored: stored,
                                                              computed: Adler32.checksum(SampleData.text(500))),
                                            at: good.count - 4)) { try ZlibStream.decompress(adler) }
        #expect(throws: CompressedDataError(.truncated, at: good.count - 1)) { try ZlibStream.decompress(good.dropLast()) }
    }

    @Test func gzipHeaderAndTrailer() throws {
        let data = SampleData.text(500)
        let good = GzipStream.compress(data)
        var magic = good
        magic[1] = 0x8C
        #expect(reason { try GzipStream.decompress(magic) } == .badGzipHeader("no 1F 8B signature"))
        var method = good
        method[2] = 7
        #expect(reason { try GzipStream.decompress(method) } == .badGzipHeader("compression method 7, not 8 (deflate)"))
        var reserved = good
        reserved[3] = 0x20
        #expect(reason { try GzipStream.decompress(reserved) } == .badGzipHeader("reserved flag bits set"))
        var crc = good
        crc[crc.count - 8] ^= 1
        #expect(throws: CompressedDataError.self) { try GzipStream.decompress(crc) }
        if case .checksumMismatch(kind: "CRC-32", _, let computed)? = reason({ try GzipStream.decompress(crc) }) {
            #expect(computed == CRC32.checksum(data))
        } else {
            Issue.record("CRC-32 mismatch not reported")
        }
        var size = good
        size[size.count - 4] ^= 1
        #expect(reason { try GzipStream.decompress(size) } == .lengthMismatch(stored: 501, computed: 500))
        // FHCRC over a header with FNAME: right value decodes, wrong value is refused.
        var header: [UInt8] = [0x1F, 0x8B, 8, 0x0A, 0, 0, 0, 0, 0, 3] + Array("a.txt".utf8) + [0]
        let headerCRC = CRC32.checksum(header)
        header += [UInt8(headerCRC & 0xFF), UInt8((headerCRC >> 8) & 0xFF)]
        let member = header + good[10...]
        #expect(try GzipStream.decompress(member) == data)
        var badHeaderCRC = member
        badHeaderCRC[header.count - 1] ^= 0xFF
        #expect(throws: CompressedDataError.self) { try GzipStream.decompress(badHeaderCRC) }
        // A name with no terminating zero runs off the end.
        #expect(reason { try GzipStream.decompress([0x1F, 0x8B, 8, 0x08, 0, 0, 0, 0, 0, 3, 0x61, 0x62]) } == .truncated)
    }

    // MARK: every truncation and every bit flip of small streams

    static let smallData = SampleData.text(400) + [UInt8](repeating: 0x20, count: 40) + SampleData.text(100, seed: 5)

    @Test func everyTruncationIsAnError() throws {
        for level in [Deflate.Level.fastest, .default] {
            let raw = Deflate.compress(Self.smallData, level: level)
            let zlib = ZlibStream.compress(Self.smallData, level: level)
            let gzip = GzipStream.compress(Self.smallData, level: level)
            for cut in 0..<raw.count {
                #expect(throws: CompressedDataError.self, "raw cut at \(cut)") { try Inflate.decompress(raw[..<cut]) }
            }
            for cut in 0..<zlib.count {
                #expect(throws: CompressedDataError.self, "zlib cut at \(cut)") { try ZlibStream.decompress(zlib[..<cut]) }
            }
            for cut in 0..<gzip.count {
                #expect(throws: CompressedDataError.self, "gzip cut at \(cut)") { try GzipStream.decompress(gzip[..<cut]) }
            }
        }
    }

    @Test func everyBitFlipIsAnErrorOrTheRightData() throws {
        let streams: [(String, [UInt8], ([UInt8]) throws -> [UInt8])] = [
            ("zlib", ZlibStream.compress(Self.smallData), { try ZlibStream.decompress($0, limit: 100_000) }),
            ("gzip", GzipStream.compress(Self.smallData), { try GzipStream.decompress($0, limit: 100_000) }),
            ("zlib fixed", ZlibStream.compress(Array(Self.smallData.prefix(60))), { try ZlibStream.decompress($0, limit: 100_000) }),
        ]
        var errors = 0
        for (name, stream, decode) in streams {
            for bit in 0..<(stream.count * 8) {
                var flipped = stream
                flipped[bit / 8] ^= 1 << UInt8(bit % 8)
                do {
                    let decoded = try decode(flipped)
                    let original = try decode(stream)
                    #expect(decoded == original, "\(name): flipping bit \(bit) gave other data, unnoticed")
                } catch let error as CompressedDataError {
                    errors += 1
                    #expect((0...flipped.count).contains(error.offset), "\(name) bit \(bit): offset \(error.offset)")
                }
            }
        }
        #expect(errors > 0)
        // Raw deflate has no checksum: a flip may decode to other bytes, but must end cleanly.
        let raw = Deflate.compress(Self.smallData)
        for bit in 0..<(raw.count * 8) {
            var flipped = raw
            flipped[bit / 8] ^= 1 << UInt8(bit % 8)
            _ = try? Inflate.decompress(flipped, limit: 100_000)
        }
    }

    @Test func randomEditsOfALargerStreamEndCleanly() {
        // Several bytes changed at once in a stream of many dynamic blocks: errors must be
        // located inside the input, successes bounded by the limit.
        let data = SampleData.text(60_000) + SampleData.cardScanlines(width: 100, height: 30)
        let stream = Deflate.compress(data)
        var generator = SplitMix(seed: 99)
        for _ in 0..<300 {
            var edited = stream
            for _ in 0..<(1 + generator.below(8)) {
                edited[generator.below(edited.count)] = UInt8(truncatingIfNeeded: generator.next())
            }
            do {
                let decoded = try Inflate.decompress(edited, limit: 200_000)
                #expect(decoded.count <= 200_000)
            } catch {
                #expect((0...edited.count).contains(error.offset), "offset \(error.offset) of \(edited.count)")
            }
        }
    }

    @Test func randomGarbageEndsCleanly() {
        var generator = SplitMix(seed: 77)
        for round in 0..<3000 {
            let length = generator.below(64) + 1
            var garbage = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            // Half the rounds look like a dynamic block, to get past the first three bits.
            if round % 2 == 0 { garbage[0] = (garbage[0] & ~0x06) | 0x04 }
            _ = try? Inflate.decompress(garbage, limit: 1 << 16)
            _ = try? ZlibStream.decompress([0x78, 0x9C] + garbage, limit: 1 << 16)
            _ = try? GzipStream.decompress([0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 255] + garbage, limit: 1 << 16)
        }
    }
}
