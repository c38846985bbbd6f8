import Testing
@testable import SitegenCompress
import SitegenRandom

/// Bits written once and appended to a writer at any bit alignment are the bits written
/// there directly.
struct EncodedBitsTests {
    @Test func appendedBitsAreTheBitsWrittenDirectly() {
        var generator = SplitMix(seed: 11)
        let writes = (0..<300).map { _ -> (UInt32, Int) in
            let count = 1 + generator.below(32)
            return (UInt32(truncatingIfNeeded: generator.next()) & UInt32(truncatingIfNeeded: (UInt64(1) << UInt64(count)) - 1), count)
        }
        for length in [0, 1, 7, 31, 32, 33, 150, 300] {
            var once = BitWriter(appendingTo: [])
            for (value, count) in writes.prefix(length) { once.write(value, count: count) }
            let bits = once.encodedBits
            #expect(bits.bitCount == writes.prefix(length).reduce(0) { $0 + $1.1 })
            for lead in 0..<40 {
                var direct = BitWriter(appendingTo: [])
                for _ in 0..<lead { direct.write(1, count: 1) }
                for (value, count) in writes.prefix(length) { direct.write(value, count: count) }
                direct.write(0b101, count: 3)
                direct.alignToByte()
                let memory = UnsafeMutableRawPointer.allocate(byteCount: 4096, alignment: 8)
                defer { memory.deallocate() }
                var appended = DirectBitWriter(base: memory)
                for _ in 0..<lead { appended.writeWithoutBranching(1, count: 1) }
                appended.append(bits)
                appended.writeWithoutBranching(0b101, count: 3)
                appended.alignToByte()
                #expect(Array(UnsafeRawBufferPointer(start: memory, count: appended.written)) == direct.bytes, "\(length) bits after \(lead)")
            }
        }
    }
}
