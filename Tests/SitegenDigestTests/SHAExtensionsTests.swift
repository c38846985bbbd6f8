import Testing
import SitegenSHAExtensions
@testable import SitegenDigest
import SitegenRandom

/// The two compression functions agree: the CPU's SHA extensions and the portable Swift one,
/// block by block from the same states, and over whole FIPS 180-4 messages.
@Suite(.enabled(if: SHAExtensions.isAvailable, "this CPU has no SHA extensions"))
struct SHAExtensionsTests {
    @Test func sameStatesAsThePortableCompression() {
        var generator = SplitMix(seed: 0x5eed)
        for blocks in [1, 2, 3, 7, 16, 33] {
            for _ in 0..<40 {
                let data = (0..<(blocks * 64)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
                let start = SHA256.State(h0: UInt32(truncatingIfNeeded: generator.next()), h1: UInt32(truncatingIfNeeded: generator.next()),
                                         h2: UInt32(truncatingIfNeeded: generator.next()), h3: UInt32(truncatingIfNeeded: generator.next()),
                                         h4: UInt32(truncatingIfNeeded: generator.next()), h5: UInt32(truncatingIfNeeded: generator.next()),
                                         h6: UInt32(truncatingIfNeeded: generator.next()), h7: UInt32(truncatingIfNeeded: generator.next()))
                var portable = start, accelerated = start
                data.withUnsafeBytes { bytes in
                    SHA256.compress(&portable, bytes.baseAddress!, blocks: blocks, engine: .portable)
                    SHA256.compress(&accelerated, bytes.baseAddress!, blocks: blocks, engine: .shaExtensions)
                }
                #expect(accelerated == portable, "\(blocks) blocks")
            }
        }
    }

    @Test(arguments: [
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func fipsVectorsOnEachEngine(message: String, digest: String) {
        // One padded message, compressed whole by each engine.
        var padded = Array(message.utf8) + [0x80]
        while padded.count % 64 != 56 { padded.append(0) }
        let bits = UInt64(message.utf8.count) * 8
        padded += (0..<8).map { UInt8(truncatingIfNeeded: bits >> (56 - 8 * UInt64($0))) }
        for engine in SHA256.Engine.allCases {
            var state = SHA256.State.initial
            padded.withUnsafeBytes { SHA256.compress(&state, $0.baseAddress!, blocks: padded.count / 64, engine: engine) }
            #expect(hexString(SHA256.Digest(state: state).bytes) == digest, "\(engine)")
        }
    }
}

