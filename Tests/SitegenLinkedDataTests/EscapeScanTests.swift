import Testing
@testable import SitegenLinkedData

/// The eight-bytes-at-a-time scan for bytes a literal escapes agrees with a byte-by-byte one on
/// every single byte at every position, and on random text.
struct EscapeScanTests {
    static func naive(_ bytes: [UInt8]) -> Bool {
        bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F }
    }

    @Test func everyByteAtEveryPosition() {
        for length in 1...19 {
            for position in 0..<length {
                for byte in 0...255 {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    bytes[position] = UInt8(byte)
                    let found = bytes.withUnsafeBufferPointer { needsEscape($0) }
                    #expect(found == Self.naive(bytes), "byte \(byte) at \(position) of \(length)")
                }
            }
        }
        #expect([UInt8]().withUnsafeBufferPointer { needsEscape($0) } == false)
    }

    @Test func randomText() {
        var state: UInt64 = 0x1234_5678
        for _ in 0..<5000 {
            let length = Int(state % 40)
            var bytes: [UInt8] = []
            for _ in 0..<length {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                // Mostly high and printable bytes, now and then anything.
                let raw = UInt8(truncatingIfNeeded: state >> 56)
                bytes.append(state & 0x3F == 0 ? raw : (raw | 0x80) == raw ? raw : max(0x23, raw | 0x40) == 0x5C ? 0x5D : max(0x23, raw | 0x40))
            }
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let found = bytes.withUnsafeBufferPointer { needsEscape($0) }
            #expect(found == Self.naive(bytes), "\(bytes)")
        }
    }
}
