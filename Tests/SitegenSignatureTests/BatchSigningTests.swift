import Testing
import SitegenDigest
@testable import SitegenSignature

/// Signing several messages at once (one shared inversion for their Rs) gives each message the
/// very signature it gets alone, and each verifies.
struct BatchSigningTests {
    @Test func batchedSignaturesAreTheSingleOnes() throws {
        let key = try Ed25519.PrivateKey(seed: SHA256.hash(Array("batch signing test key".utf8)))
        for count in 0...6 {
            let messages = (0..<count).map { index -> [UInt8] in
                index == 2 ? [] : SHA256.hash(Array("configuration \(index)".utf8)) + SHA256.hash(Array("credential \(count) \(index)".utf8))
            }
            let batched = key.signatures(for: messages)
            #expect(batched.count == messages.count)
            for (message, signature) in zip(messages, batched) {
                #expect(signature == key.signature(for: message), "\(count) messages")
                #expect(key.publicKey.isValidSignature(signature, for: message))
            }
        }
    }

    /// RFC 8032 §7.1 TEST 2 and TEST 3 signed together.
    @Test func rfc8032VectorsSignedTogether() throws {
        func bytes(_ hex: String) -> [UInt8] {
            var out: [UInt8] = []
            var index = hex.startIndex
            while index < hex.endIndex {
                let next = hex.index(index, offsetBy: 2)
                out.append(UInt8(hex[index..<next], radix: 16)!)
                index = next
            }
            return out
        }
        let two = try Ed25519.PrivateKey(seed: bytes("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"))
        let signatures = two.signatures(for: [bytes("72"), bytes("72")])
        let expected = bytes("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00")
        #expect(signatures.map(\.bytes) == [expected, expected])
    }
}
