import Testing
@testable import SitegenDigest

@Suite struct HexTests {
    @Test func lowercaseTwoDigitsPerByte() {
        #expect(hexString([0x00, 0x01, 0x7f, 0x80, 0xab, 0xff]) == "00017f80abff")
        #expect(hexString([UInt8]()) == "")
        #expect(hexString((0..<256).map { UInt8($0) }).count == 512)
        #expect(hexString([UInt8](repeating: 0xCD, count: 3)[1...]) == "cdcd")
    }

    @Test func prefixComesFirstInTheSameString() {
        #expect(hexString([0x0f, 0xa0], after: "sha256$") == "sha256$0fa0")
        #expect(hexString([UInt8](), after: "sha256$") == "sha256$")
        #expect(hexString([0xff], after: "") == "ff")
    }
}
