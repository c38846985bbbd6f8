import Testing
import SitegenDigest
import SitegenSignature

/// RFC 8032 section 7.1: each secret key gives the published public key and signature, and the
/// signature verifies.
@Suite struct RFC8032Tests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let name: String, seed: [UInt8], publicKey: [UInt8], message: [UInt8], signature: [UInt8]
        var testDescription: String { name }
    }

    static func vectors() throws -> [Vector] {
        let lines = try FixtureFile.text("rfc8032-ed25519.txt").split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("#") }
        return stride(from: 0, to: lines.count - 4, by: 5).map { i in
            Vector(name: String(lines[i]), seed: bytes(hex: lines[i + 1]), publicKey: bytes(hex: lines[i + 2]),
                   message: bytes(hex: lines[i + 3]), signature: bytes(hex: lines[i + 4]))
        }
    }

    @Test func allFiveVectorsArePresent() throws {
        let vectors = try Self.vectors()
        #expect(vectors.map(\.name) == ["TEST 1", "TEST 2", "TEST 3", "TEST 1024", "TEST SHA(abc)"])
        #expect(vectors[3].message.count == 1023)
        #expect(vectors[4].message == SHA512.hash("abc"))
    }

    @Test func publicKeySignatureAndVerification() throws {
        for vector in try Self.vectors() {
            let key = try Ed25519.PrivateKey(seed: vector.seed)
            #expect(key.publicKey.bytes == vector.publicKey, "\(vector.name): public key")
            let signature = key.signature(for: vector.message)
            #expect(hexString(signature.bytes) == hexString(vector.signature), "\(vector.name): signature")
            let publicKey = try Ed25519.PublicKey(bytes: vector.publicKey)
            #expect(publicKey.isValidSignature(vector.signature, for: vector.message), "\(vector.name): verifies")
            #expect(publicKey.isValidSignature(signature, for: vector.message), "\(vector.name): verifies (inline)")
            #expect(!publicKey.isValidSignature(vector.signature, for: vector.message + [0]), "\(vector.name): longer message")
        }
    }
}
