import Testing
@testable import SitegenDigest

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
}
