import Testing
import SitegenSignature
import SitegenRandom

@Suite struct EncodingTests {
    /// The examples of the base58 draft (draft-msporny-base58), leading zeros included.
    @Test(arguments: [
        (Array("Hello World!".utf8), "2NEpo7TZRRrLZSi2U"),
        (Array("The quick brown fox jumps over the lazy dog.".utf8), "USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z"),
        ([0x00, 0x00, 0x28, 0x7f, 0xb4, 0xcd], "11233QC4"),
        ([], ""),
        ([0], "1"),
        ([0, 0, 0], "111"),
        ([57], "z"),
        ([58], "21"),
    ] as [([UInt8], String)])
    func base58(bytes: [UInt8], text: String) throws {
        #expect(Base58.encode(bytes) == text)
        #expect(try Base58.decode(text) == bytes)
    }

    @Test func base58RoundTripsAndRefusesOtherCharacters() throws {
        var random = SplitMix(seed: 58)
        for length in 0..<80 {
            let bytes = [UInt8](repeating: 0, count: length % 4) + random.bytes(length)
            #expect(try Base58.decode(Base58.encode(bytes)) == bytes)
        }
        // 0, O, I and l are left out of the alphabet so they cannot be misread.
        for (text, offset) in [("0abc", 0), ("abO", 2), ("I", 0), ("zzl", 2), ("ab c", 2), ("é", 0), ("+", 0)] {
            #expect(throws: EncodingError.invalidCharacter(offset: offset, alphabet: "base58btc")) { try Base58.decode(text) }
        }
        #expect(throws: EncodingError.tooLong(characters: 5000, limit: 4096)) {
            try Base58.decode(String(repeating: "z", count: 5000))
        }
    }

    /// RFC 4648 §10's examples, without padding, and the two characters base64url changes.
    @Test(arguments: [
        ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy"),
    ])
    func base64url(text: String, encoded: String) throws {
        #expect(Base64URL.encode(Array(text.utf8)) == encoded)
        #expect(try Base64URL.decode(encoded) == Array(text.utf8))
    }

    @Test func base64urlAlphabetAndStrictness() throws {
        #expect(Base64URL.encode([0xfb, 0xff]) == "-_8")
        #expect(Base64URL.encode([0xfb, 0xef, 0xff]) == "--__")
        #expect(try Base64URL.decode("--__") == [0xfb, 0xef, 0xff])
        var random = SplitMix(seed: 64)
        for length in 0..<70 {
            let bytes = random.bytes(length)
            #expect(try Base64URL.decode(Base64URL.encode(bytes)) == bytes)
        }
        #expect(throws: EncodingError.invalidCharacter(offset: 2, alphabet: "base64url")) { try Base64URL.decode("Zm+v") }
        #expect(throws: EncodingError.invalidCharacter(offset: 2, alphabet: "base64url")) { try Base64URL.decode("Zg==") }
        #expect(throws: EncodingError.nonCanonical("5 base64url characters cannot encode whole bytes")) { try Base64URL.decode("Zm9vY") }
        // "Zh" would put a 1 in bits a decoder drops: another text for the same byte.
        #expect(throws: EncodingError.nonCanonical("the last character has unused bits set")) { try Base64URL.decode("Zh") }
    }

    @Test func multibase() throws {
        #expect(Multibase.encode(Array("Hello World!".utf8), as: .base58btc) == "z2NEpo7TZRRrLZSi2U")
        #expect(Multibase.encode(Array("foobar".utf8), as: .base64url) == "uZm9vYmFy")
        let z = try Multibase.decode("z2NEpo7TZRRrLZSi2U")
        #expect(z.base == .base58btc && z.bytes == Array("Hello World!".utf8))
        let u = try Multibase.decode("uZm9vYmFy")
        #expect(u.base == .base64url && u.bytes == Array("foobar".utf8))
        #expect(throws: EncodingError.empty) { try Multibase.decode("") }
        #expect(throws: EncodingError.unsupportedMultibasePrefix("f")) { try Multibase.decode("f666f6f") }
        #expect(throws: EncodingError.wrongMultibase(expected: "z", found: "u")) { try Multibase.decode("uZm9v", requiring: .base58btc) }
        // Offsets count the prefix.
        #expect(throws: EncodingError.invalidCharacter(offset: 3, alphabet: "base58btc")) { try Multibase.decode("z12O") }
    }
}

@Suite struct MultikeyTests {
    /// The key pair of the W3C Data Integrity EdDSA Cryptosuites' test vectors (vc-di-eddsa):
    /// the secret key gives the public key, both print back as given.
    @Test func theDataIntegrityEdDSAKeyPair() throws {
        let secret = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"
        let publicText = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
        let key = try Multikey.privateKey(secretKeyMultibase: secret)
        #expect(Multikey.publicKeyMultibase(key.publicKey) == publicText)
        #expect(Multikey.secretKeyMultibase(key) == secret)
        #expect(try Multikey.publicKey(multibase: publicText) == key.publicKey)
        #expect(key.seedBytes == bytes(hex: "c96ef9ea10c5e414c471723aff9de72c35fa5b70fae97e8832ecac7d2e2b8ed6"))
        #expect(key.publicKey.bytes == bytes(hex: "b00d8d938e7f773d51565aad36a623f5344f7f5d1960f9cf3e8e12620ea2810f"))
        // A trailing newline from a key file or variable is forgiven.
        #expect(try Multikey.privateKey(secretKeyMultibase: secret + "\n").publicKey == key.publicKey)
    }

    @Test func everyKeyPrintsAsZ6MkAndZ3u2() throws {
        var random = SplitMix(seed: 0x6d6b)
        for _ in 0..<50 {
            let key = try Ed25519.PrivateKey(seed: random.bytes(32))
            let publicText = Multikey.publicKeyMultibase(key.publicKey)
            let secretText = Multikey.secretKeyMultibase(key)
            #expect(publicText.hasPrefix("z6Mk") && publicText.count == 48)
            #expect(secretText.hasPrefix("z3u2") && secretText.count == 48)
            #expect(try Multikey.publicKey(multibase: publicText) == key.publicKey)
            #expect(try Multikey.privateKey(secretKeyMultibase: secretText).seedBytes == key.seedBytes)
        }
    }

    @Test func clearErrors() throws {
        let secret = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"
        let publicText = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
        #expect(throws: EncodingError.wrongMulticodec(expected: "ed25519-priv (0x1300)", found: "ed25519-pub (0xed01, a public key)")) {
            try Multikey.privateKey(secretKeyMultibase: publicText)
        }
        #expect(throws: EncodingError.wrongMulticodec(expected: "ed25519-pub (0xed01)", found: "ed25519-priv (0x1300, a secret key)")) {
            try Multikey.publicKey(multibase: secret)
        }
        // An X25519 key (did:key's key agreement keys, z6LS…).
        let x25519 = Multibase.encode([0xec, 0x01] + [UInt8](repeating: 9, count: 32), as: .base58btc)
        #expect(throws: EncodingError.wrongMulticodec(expected: "ed25519-pub (0xed01)", found: "x25519-pub (0xec01)")) {
            try Multikey.publicKey(multibase: x25519)
        }
        let short = Multibase.encode([0xed, 0x01] + [UInt8](repeating: 9, count: 31), as: .base58btc)
        #expect(throws: EncodingError.wrongLength(expected: 32, found: 31)) { try Multikey.publicKey(multibase: short) }
        let long = Multibase.encode([0x80, 0x26] + [UInt8](repeating: 9, count: 33), as: .base58btc)
        #expect(throws: EncodingError.wrongLength(expected: 32, found: 33)) { try Multikey.privateKey(secretKeyMultibase: long) }
        #expect(throws: EncodingError.wrongMultibase(expected: "z", found: "u")) { try Multikey.publicKey(multibase: "u7QE") }
        #expect(throws: EncodingError.empty) { try Multikey.publicKey(multibase: "  ") }
        #expect(throws: EncodingError.invalidCharacter(offset: 5, alphabet: "base58btc")) {
            try Multikey.publicKey(multibase: "z6MkrIVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2")
        }
        #expect(throws: EncodingError.tooLong(characters: 101, limit: 100)) {
            try Multikey.publicKey(multibase: "z" + String(repeating: "2", count: 100))
        }
        #expect(throws: EncodingError.wrongMulticodec(expected: "ed25519-pub (0xed01)", found: "missing (0 bytes)")) {
            try Multikey.publicKey(multibase: "z")
        }
        // The right header and length, but y = 2 is on no point.
        var notAPoint = [UInt8](repeating: 0, count: 32)
        notAPoint[0] = 2
        let offCurve = Multibase.encode([0xed, 0x01] + notAPoint, as: .base58btc)
        #expect(throws: (any Error).self) { try Multikey.publicKey(multibase: offCurve) }
    }

    /// 1EdTech's OB 3.0 Linked Data Proof example (openbadges-specification,
    /// ob_v3p0/impl/linked-data-proof-ob.html): its key, in the older 64-byte secretKeyMultibase,
    /// signs the proof hash then the document hash into exactly the published proofValue.
    @Test func theOpenBadgesLinkedDataProofExample() throws {
        let key = try Multikey.privateKey(
            secretKeyMultibase: "zrv2bqTbNwCTsRrHFcJCPjVAduh4Ezcnoq1A3ZxH1GWTNkxipLVuaAoMFmze2gFN9oNXfJjufxSHWVZzsJiUsMHFMcx")
        #expect(Multikey.publicKeyMultibase(key.publicKey) == "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi")
        let proofHash = bytes(hex: "d34009cea0dbc1ca941e09dc01c8c9d3e3ce3c5b853f67ee44698dcea10f5d19")
        let documentHash = bytes(hex: "87f65a76d40146205e3b3e06cb0fbd153f97f9ce70372390f52566bb7f9e0773")
        let proofValue = "z5x9aCBYovW3CQCbKdNyhEm7ffYSw1YpEdPywQJoNbzDD2gkzQDKJ1sYKJaWvqZtkMtSbz35HcbgXVEDYHxCzgkCr"
        let signature = key.signature(for: proofHash + documentHash)
        #expect(Multibase.encode(signature.bytes, as: .base58btc) == proofValue)
        #expect(key.publicKey.isValidSignature(try Multibase.decode(proofValue, requiring: .base58btc), for: proofHash + documentHash))
        // sitegen prints the key in the current 32-byte form.
        #expect(Multikey.secretKeyMultibase(key).hasPrefix("z3u2"))
        // A 64-byte form whose public half belongs to another key is refused.
        let other = try Ed25519.PrivateKey(seed: [UInt8](repeating: 3, count: 32))
        let mismatched = Multibase.encode([0x80, 0x26] + key.seedBytes + other.publicKey.bytes, as: .base58btc)
        #expect(throws: EncodingError.invalidKey("the 64-byte secret key's second half is not the public key of its first half")) {
            try Multikey.privateKey(secretKeyMultibase: mismatched)
        }
        // Only 32 bytes make a public key.
        let sixtyFour = Multibase.encode([0xed, 0x01] + [UInt8](repeating: 1, count: 64), as: .base58btc)
        #expect(throws: EncodingError.wrongLength(expected: 32, found: 64)) { try Multikey.publicKey(multibase: sixtyFour) }
    }

    /// Errors about a secret key never repeat it.
    @Test func errorsDoNotEchoTheSecret() {
        let almost = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjx0"
        do {
            _ = try Multikey.privateKey(secretKeyMultibase: almost)
            Issue.record("accepted a key with a 0 in it")
        } catch {
            #expect(!error.description.contains("en7t5LR2"))
            #expect(error.description == "character 48 is not in the base58btc alphabet")
        }
    }
}
