import Testing
import SitegenDigest
import SitegenSignature
import SitegenRandom

@Suite struct SignaturePropertyTests {
    /// Signatures by Python's `cryptography` (OpenSSL) for 300 random seeds and messages
    /// (Scripts/ed25519-cross-check-vectors.py): the same public keys, the same signatures
    /// byte for byte (Ed25519 is deterministic), and each verifies here.
    @Test func agreesWithAnIndependentImplementation() throws {
        let lines = try FixtureFile.text("ed25519-cross-check.txt").split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(lines.count == 300)
        for line in lines {
            let fields = line.split(separator: " ")
            guard fields.count == 4 else {
                Issue.record("malformed line: \(line)")
                continue
            }
            let seed = bytes(hex: fields[0]), message = fields[2] == "-" ? [] : bytes(hex: fields[2])
            let key = try Ed25519.PrivateKey(seed: seed)
            #expect(hexString(key.publicKey.bytes) == String(fields[1]))
            #expect(hexString(key.signature(for: message).bytes) == String(fields[3]), "seed \(fields[0])")
            let publicKey = try Ed25519.PublicKey(bytes: bytes(hex: fields[1]))
            #expect(publicKey.isValidSignature(bytes(hex: fields[3]), for: message))
        }
    }

    /// Sign then verify over random seeds and messages; then any one flipped bit of the message,
    /// the signature or the public key makes verification fail.
    @Test func roundTripAndEveryKindOfFlippedBit() throws {
        var random = SplitMix(seed: 0x5eed_0001)
        for round in 0..<64 {
            let key = try Ed25519.PrivateKey(seed: random.bytes(32))
            let message = random.bytes(Int.random(in: 0...300, using: &random))
            let signature = key.signature(for: message)
            #expect(key.publicKey.isValidSignature(signature, for: message), "round \(round)")
            #expect(key.publicKey.isValidSignature(signature.bytes, for: message[...]), "round \(round), as bytes")
            #expect(key.signature(for: message) == signature, "deterministic")

            if !message.isEmpty {
                var changed = message
                let bit = Int.random(in: 0..<(message.count * 8), using: &random)
                changed[bit / 8] ^= 1 << UInt8(bit % 8)
                #expect(!key.publicKey.isValidSignature(signature, for: changed), "round \(round): message bit \(bit)")
            }

            var changedSignature = signature.bytes
            let signatureBit = Int.random(in: 0..<512, using: &random)
            changedSignature[signatureBit / 8] ^= 1 << UInt8(signatureBit % 8)
            #expect(!key.publicKey.isValidSignature(changedSignature, for: message), "round \(round): signature bit \(signatureBit)")

            var changedKey = key.publicKey.bytes
            let keyBit = Int.random(in: 0..<256, using: &random)
            changedKey[keyBit / 8] ^= 1 << UInt8(keyBit % 8)
            // A flipped key either is no point at all or a different point; neither verifies.
            if let otherKey = try? Ed25519.PublicKey(bytes: changedKey) {
                #expect(!otherKey.isValidSignature(signature, for: message), "round \(round): key bit \(keyBit)")
            }
        }
    }

    /// Every single bit of one signature, flipped in turn, is caught.
    @Test func everySignatureBitMatters() throws {
        let key = try Ed25519.PrivateKey(seed: [UInt8](repeating: 7, count: 32))
        let message = Array("an Open Badges 3.0 credential".utf8)
        let signature = key.signature(for: message).bytes
        for bit in 0..<512 {
            var changed = signature
            changed[bit / 8] ^= 1 << UInt8(bit % 8)
            #expect(!key.publicKey.isValidSignature(changed, for: message), "bit \(bit)")
        }
    }

    @Test func wrongLengthsAreErrorsOrRejections() throws {
        #expect(throws: Ed25519.KeyError.wrongLength(expected: 32, found: 31)) { try Ed25519.PrivateKey(seed: [UInt8](repeating: 1, count: 31)) }
        #expect(throws: Ed25519.KeyError.wrongLength(expected: 32, found: 33)) { try Ed25519.PublicKey(bytes: [UInt8](repeating: 1, count: 33)) }
        let key = try Ed25519.PrivateKey(seed: [UInt8](repeating: 1, count: 32))
        let signature = key.signature(for: [1, 2, 3]).bytes
        #expect(!key.publicKey.isValidSignature(signature.dropLast(), for: [1, 2, 3]))
        #expect(!key.publicKey.isValidSignature(signature + [0], for: [1, 2, 3]))
        #expect(!key.publicKey.isValidSignature([UInt8](), for: [1, 2, 3]))
        #expect(Ed25519.Signature(bytes: signature.dropLast()) == nil)
        #expect(Ed25519.Signature(bytes: signature)?.bytes == signature)
    }

    /// y = p (the non-canonical encoding of y = 0) and a y with no x are not keys.
    @Test func nonCanonicalAndOffCurveKeysAreRefused() {
        var pEncoded = [UInt8](repeating: 0xff, count: 32)
        pEncoded[0] = 0xed
        pEncoded[31] = 0x7f
        #expect(throws: Ed25519.KeyError.notACurvePoint) { try Ed25519.PublicKey(bytes: pEncoded) }
        // y = 2: (y² − 1)/(d·y² + 1) = 3/(4d + 1) is not a square modulo p.
        var two = [UInt8](repeating: 0, count: 32)
        two[0] = 2
        #expect(throws: Ed25519.KeyError.notACurvePoint) { try Ed25519.PublicKey(bytes: two) }
        // y = 1 with the sign bit: x = 0 cannot be "negative".
        var oneNegative = [UInt8](repeating: 0, count: 32)
        oneNegative[0] = 1
        oneNegative[31] = 0x80
        #expect(throws: Ed25519.KeyError.notACurvePoint) { try Ed25519.PublicKey(bytes: oneNegative) }
        oneNegative[31] = 0
        #expect((try? Ed25519.PublicKey(bytes: oneNegative)) != nil)
    }

    /// Printing a private key, in any of Swift's ways, shows no byte of its secret.
    @Test func privateKeyIsNeverPrinted() throws {
        let seed = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let key = try Ed25519.PrivateKey(seed: seed)
        var dumped = ""
        dump(key, to: &dumped)
        let renderings = [String(describing: key), String(reflecting: key), "\(key)", dumped]
        let seedHex = hexString(seed)
        for text in renderings {
            #expect(!text.contains(seedHex), "\(text)")
            #expect(!text.contains(seedHex.prefix(16)), "\(text)")
            #expect(!text.contains("\(seed[0]), \(seed[1]), \(seed[2])"), "\(text)")
            #expect(text.contains(hexString(key.publicKey.bytes)))
        }
    }

    @Test func generatedKeysDifferAndSign() {
        let one = Ed25519.PrivateKey.generate(), other = Ed25519.PrivateKey.generate()
        #expect(one.publicKey != other.publicKey)
        #expect(one.seedBytes.count == 32)
        #expect(one.publicKey.isValidSignature(one.signature(for: [0x61]), for: [0x61]))
        #expect(!other.publicKey.isValidSignature(one.signature(for: [0x61]), for: [0x61]))
    }
}
