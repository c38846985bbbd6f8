import Testing
@testable import SitegenDigest

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func fipsVectors(message: String, digest: String) {
        #expect(hexString(SHA256.hash(message)) == digest)
        #expect(hexString(SHA256.hash(Array(message.utf8))) == digest)
    }

    @Test func oneMillionA() {
        let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        #expect(hexString(SHA256.hash([UInt8](repeating: 0x61, count: 1_000_000))) == expected)
        // The same fed in uneven pieces that straddle block boundaries.
        var hasher = SHA256()
        let piece = [UInt8](repeating: 0x61, count: 999)
        for _ in 0..<1001 { hasher.update(piece) }
        hasher.update(piece[0..<1])
        #expect(hexString(hasher.finalize()) == expected)
    }

    @Test func nonASCIIStringHashesItsUTF8() {
        #expect(hexString(SHA256.hash("héllo ✓ 🎖"))
            == "fd239c46b136d91df7619e26a232c949f3f5cfe2b1d64f52c0449e9fc4341ec0")
    }

    @Test func incrementalSplitAtEveryOffsetEqualsOneShot() {
        let message = (0..<130).map { UInt8($0) }
        let oneShot = SHA256.hash(message)
        #expect(hexString(oneShot) == "8d39b60b9c767c58975b270c1d6b13c9b4507e5aee7ad496a3528e4c7f880721")
        for split in 0...130 {
            var hasher = SHA256()
            hasher.update(message[..<split])
            hasher.update(message[split...])
            #expect(hasher.finalize() == oneShot, "split at \(split)")
        }
        var byteAtATime = SHA256()
        for byte in message { byteAtATime.update([byte]) }
        #expect(byteAtATime.finalize() == oneShot)
    }

    @Test func collectionsWithoutContiguousStorage() {
        let lazyBytes = (0..<1000).lazy.map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        #expect(hexString(SHA256.hash(lazyBytes))
            == "5097e7d587352f5097062ae679f37bda5802d9f875aba14c8cb4d1a188ada179")
    }

    @Test func rawBufferUpdateAndReuseAfterFinalize() {
        var hasher = SHA256()
        Array("ab".utf8).withUnsafeBytes { hasher.update($0) }
        hasher.update(UnsafeRawBufferPointer(start: nil, count: 0))
        Array("c".utf8).withUnsafeBytes { hasher.update($0) }
        #expect(hexString(hasher.finalize()) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // finalize leaves a fresh hasher behind.
        #expect(hexString(hasher.finalize()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    /// `finish` and `finalize` give the same bytes, around every padding case: the length fits
    /// after the pending bytes (55), only the 0x80 does (56…63), a block is exactly full (64).
    @Test func finishHoldsTheDigestFinalizeReturns() {
        let message = (0..<200).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 1) }
        for length in [0, 1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 200] {
            var one = SHA256(), other = SHA256()
            one.update(message[..<length])
            other.update(message[..<length])
            #expect(one.finish().bytes == other.finalize(), "length \(length)")
            #expect(SHA256.hash(message[..<length]).count == SHA256.digestByteCount)
        }
        var hasher = SHA256()
        hasher.update(Array("abc".utf8))
        let digest = hasher.finish()
        #expect(hexString(digest.bytes) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(digest.withUnsafeBytes { hexString($0) } == hexString(digest.bytes))
    }

    /// Hashers finished together, four to a SIMD compression, give each its own digest: for any
    /// number of them (lanes left over), and messages whose padding takes a block of its own.
    @Test(arguments: SHA256.Engine.available)
    func finishingManyAtOnceGivesEachItsDigest(engine: SHA256.Engine) {
        let lengths = [0, 3, 55, 56, 63, 64, 100, 20, 119, 7, 1]
        for count in 0...lengths.count {
            let messages = lengths[..<count].enumerated().map { turn, length in
                (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ turn) }
            }
            var hashers = messages.map { message in
                var hasher = SHA256()
                hasher.update(message)
                return hasher
            }
            var digests = [SHA256.Digest](repeating: Self.emptyDigest, count: count)
            hashers.withUnsafeMutableBufferPointer { hashers in
                digests.withUnsafeMutableBufferPointer { SHA256.finish(hashers, into: $0, engine: engine) }
            }
            #expect(digests.map { $0.bytes } == messages.map { SHA256.hash($0) }, "\(count) hashers")
            #expect(hashers.allSatisfy { var hasher = $0; return hasher.finalize() == SHA256.hash([UInt8]()) })
        }
    }

    private static var emptyDigest: SHA256.Digest {
        var hasher = SHA256()
        return hasher.finish()
    }
}
