import Foundation
import Testing
@testable import SitegenDigest

@Suite struct SHA512Tests {
    /// The examples of FIPS 180-4 / NIST's SHA-512 example values.
    @Test(arguments: [
        ("", "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"),
        ("abc", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909"),
    ])
    func fipsVectors(message: String, digest: String) {
        #expect(hexString(SHA512.hash(message)) == digest)
        #expect(hexString(SHA512.hash(Array(message.utf8))) == digest)
    }

    @Test func oneMillionA() {
        let expected = "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b"
        #expect(hexString(SHA512.hash([UInt8](repeating: 0x61, count: 1_000_000))) == expected)
        // The same fed in uneven pieces that straddle block boundaries.
        var hasher = SHA512()
        let piece = [UInt8](repeating: 0x61, count: 999)
        for _ in 0..<1001 { hasher.update(piece) }
        hasher.update(piece[0..<1])
        #expect(hexString(hasher.finalize()) == expected)
    }

    /// Every length 0…300 against Python's hashlib (Scripts/sha512-length-vectors.py wrote the
    /// fixture): one-block, two-block and three-block messages, and each side of the 112-byte
    /// point where the length no longer fits after the 0x80.
    @Test func everyLengthAgainstHashlib() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/sha512-lengths.txt")
        let text = try String(contentsOf: fixture, encoding: .utf8)
        var checked = 0
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: " ")
            let length = try #require(Int(fields[0]))
            let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
            #expect(hexString(SHA512.hash(message)) == String(fields[1]), "length \(length)")
            // Fed one byte at a time, then as a split at the middle.
            var byteAtATime = SHA512()
            for byte in message { byteAtATime.update([byte]) }
            #expect(hexString(byteAtATime.finish().bytes) == String(fields[1]), "length \(length), bytewise")
            var halves = SHA512()
            halves.update(message[..<(length / 2)])
            halves.update(message[(length / 2)...])
            #expect(hexString(halves.finalize()) == String(fields[1]), "length \(length), halves")
            checked += 1
        }
        #expect(checked == 301)
    }

    @Test func finishLeavesAFreshHasher() {
        var hasher = SHA512()
        hasher.update(Array("abc".utf8))
        let digest = hasher.finish()
        #expect(digest.bytes.count == SHA512.digestByteCount)
        #expect(digest.withUnsafeBytes { hexString($0) } == hexString(SHA512.hash("abc")))
        #expect(hexString(hasher.finalize()) == hexString(SHA512.hash("")))
    }
}
