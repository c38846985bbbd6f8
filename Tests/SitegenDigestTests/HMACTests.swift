import Testing
@testable import SitegenDigest

/// RFC 4231 section 4 test cases 1–7.
@Suite struct HMACTests {
    private static let longKey = [UInt8](repeating: 0xaa, count: 131)

    @Test(arguments: [
        (1, [UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        (2, Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        (3, [UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        (4, (1...25).map { UInt8($0) }, [UInt8](repeating: 0xcd, count: 50),
         "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        (6, longKey, Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        (7, longKey, Array(("This is a test using a larger than block-size key and a larger than block-size data. "
            + "The key needs to be hashed before being used by the HMAC algorithm.").utf8),
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ])
    func rfc4231(testCase: Int, key: [UInt8], message: [UInt8], mac: String) {
        #expect(hexString(HMACSHA256.authenticate(key: key, message: message)) == mac, "case \(testCase)")
    }

    @Test func rfc4231Case5TruncatedTo128Bits() {
        let mac = HMACSHA256.authenticate(key: [UInt8](repeating: 0x0c, count: 20),
                                          message: Array("Test With Truncation".utf8))
        #expect(mac.count == 32)
        #expect(hexString(mac.prefix(16)) == "a3b6167473100ee06e0c796c2955552b")
    }

    /// A prefixed key hashes the prefix once; its MACs are those of prefix + message.
    @Test func prefixedKeyAuthenticatesPrefixPlusMessage() {
        let key = HMACSHA256Key(Array("a secret key".utf8))
        for prefixLength in [0, 15, 63, 64, 70] {
            let prefix = (0..<prefixLength).map { UInt8(truncatingIfNeeded: $0 &* 7) }
            let prefixed = key.prefixed(prefix)
            for message in [[], Array("award-1".utf8), [UInt8](repeating: 0x41, count: 100)] {
                #expect(prefixed.mac(message).bytes == key.authenticate(prefix + message), "prefix \(prefixLength)")
                #expect(prefixed.authenticate(message) == HMACSHA256.authenticate(key: Array("a secret key".utf8),
                                                                                 message: prefix + message))
            }
        }
    }

    /// MACs finished together are the MACs of each message alone.
    @Test func macsFinishedTogetherAreEachMessagesMAC() {
        let key = HMACSHA256Key(Array("a secret key".utf8))
        let messages = (0..<9).map { (0..<($0 * 13)).map { UInt8(truncatingIfNeeded: $0) } }
        var hashers = messages.map { message in
            var hasher = key.messageHasher
            hasher.update(message)
            return hasher
        }
        var macs = [SHA256.Digest](repeating: Self.emptyDigest, count: messages.count)
        hashers.withUnsafeMutableBufferPointer { hashers in
            macs.withUnsafeMutableBufferPointer { key.finishMACs(hashers, into: $0) }
        }
        #expect(macs.map { $0.bytes } == messages.map { key.authenticate($0) })
    }

    private static var emptyDigest: SHA256.Digest {
        var hasher = SHA256()
        return hasher.finish()
    }
}
