import Testing
@testable import SitegenDigest

@Suite struct CRC32Tests {
    @Test func checkValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func pngIENDChunkType() {
        #expect(CRC32.checksum(Array("IEND".utf8)) == 0xAE42_6082)
    }

    @Test func emptyInput() {
        #expect(CRC32.checksum([UInt8]()) == 0)
        #expect(CRC32().value == 0)
    }

    @Test func longInputAcrossSixteenByteStepsMatchesZlib() {
        let data = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        #expect(CRC32.checksum(data) == 0x8902_161E)
        #expect(CRC32.checksum(data.lazy.map { $0 }) == 0x8902_161E)
        for split in [0, 1, 15, 16, 17, 500, 999, 1000] {
            var crc = CRC32()
            crc.update(data[..<split])
            data[split...].withUnsafeBytes { crc.update($0) }
            #expect(crc.value == 0x8902_161E, "split at \(split)")
        }
    }
}
