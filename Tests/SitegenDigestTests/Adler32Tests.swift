import Testing
@testable import SitegenDigest
import SitegenRandom

@Suite struct Adler32Tests {
    @Test func rfc1950Example() {
        // The value Wikipedia and zlib's adler32() give for "Wikipedia".
        #expect(Adler32.checksum(Array("Wikipedia".utf8)) == 0x11E6_0398)
    }

    @Test func emptyInputIsOne() {
        #expect(Adler32.checksum([UInt8]()) == 1)
        #expect(Adler32().value == 1)
    }

    @Test func longInputPastTheModuloRunMatchesZlib() {
        // 100,000 bytes of 0xFF: sums overflow 16 bits many times; value from Python's zlib.adler32.
        let data = [UInt8](repeating: 0xFF, count: 100_000)
        #expect(Adler32.checksum(data) == 0x149A_302C)
        for split in [0, 1, 5551, 5552, 5553, 99_999] {
            var adler = Adler32()
            adler.update(data[..<split])
            adler.update(data[split...])
            #expect(adler.value == 0x149A_302C, "split at \(split)")
        }
    }

    @Test func variedBytesInEveryStepSizeMatchZlib() {
        // Bytes (31·i + 7) mod 256; value from Python's zlib.adler32. Splits land inside and
        // across the 16-byte steps and the 5552-byte runs.
        let data = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        #expect(Adler32.checksum(data) == 0x76F5_980F)
        for split in [3, 15, 16, 17, 5551, 5568, 50_001] {
            var adler = Adler32()
            adler.update(data[..<split])
            adler.update(data[split...])
            #expect(adler.value == 0x76F5_980F, "split at \(split)")
        }
    }

    @Test func vectorLoopAgreesWithBytewiseSumsOnRandomLengths() {
        // The definition, one byte at a time, against the vector loop: lengths from 0 to
        // 100,000 (every step and chunk remainder), random bytes and all 0xFF (the largest sums).
        func reference(_ bytes: [UInt8]) -> UInt32 {
            var a: UInt32 = 1, b: UInt32 = 0
            for byte in bytes {
                a = (a + UInt32(byte)) % 65521
                b = (b + a) % 65521
            }
            return b << 16 | a
        }
        var generator = SplitMix(seed: 0x9E37_79B9_7F4A_7C15)
        func next() -> UInt64 { generator.next() }
        let lengths = [0, 1, 15, 16, 17, 255, 256, 257, 5551, 5552, 5553, 100_000] + (0..<40).map { _ in Int(next() % 100_001) }
        for length in lengths {
            let random = (0..<length).map { _ in UInt8(truncatingIfNeeded: next()) }
            #expect(Adler32.checksum(random) == reference(random), "random, \(length) bytes")
            let saturated = [UInt8](repeating: 0xFF, count: length)
            #expect(Adler32.checksum(saturated) == reference(saturated), "0xFF, \(length) bytes")
        }
    }
}
