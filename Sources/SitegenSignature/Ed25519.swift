import SitegenDigest

/// Ed25519 signatures (RFC 8032 §5.1), written here: the issuer key of the site's Open Badges
/// 3.0 credentials.
///
/// Where the speed comes from (release build, one core of the shared AMD EPYC build machine,
/// `sitegen-bench ed25519`): signing a 64-byte message ~19 µs, verifying ~52 µs, a key from its
/// seed ~24 µs.
/// - FieldElement.swift: 5×51-bit limbs, 64×64→128-bit products (`multipliedFullWidth`).
/// - BasePointTable.swift: [r]B in 64 table additions and 4 doublings (a table of 256 points
///   built once per process) instead of ~255 doublings and ~128 additions.
/// - DoubleScalarMultiplication.swift: verification's [S]B − [k]A in one pass of shared
///   doublings, with width-5/width-8 NAF (public data only, so variable time).
/// Signing allocates nothing on the heap (hashers, points, scalars and the signature are
/// inline values; measured with valgrind: 0 allocations over 2,000 signatures).
///
/// Constant time: nothing that depends on the seed, the secret scalar or the nonce chooses a
/// branch or a memory address — table rows are read whole and masked, scalar reduction is fixed
/// loops over fixed limbs, and carries and borrows are arithmetic. Verification, which handles
/// only public values, is variable time.
public enum Ed25519 {
    public static let seedByteCount = 32
    public static let publicKeyByteCount = 32
    public static let signatureByteCount = 64

    public enum KeyError: Error, Equatable, CustomStringConvertible {
        /// A seed or public key of the wrong number of bytes.
        case wrongLength(expected: Int, found: Int)
        /// 32 bytes that are no point of the curve in RFC 8032's encoding.
        case notACurvePoint

        public var description: String {
            switch self {
            case .wrongLength(let expected, let found):
                return "an Ed25519 key has \(expected) bytes, not \(found)"
            case .notACurvePoint:
                return "the bytes are not an Ed25519 public key (no point of the curve has this encoding)"
            }
        }
    }
}

/// 32 bytes held inline.
struct Bytes32: Sendable, Hashable {
    var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init() {}

    init<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        withUnsafeMutableBytes { target in
            for (i, byte) in bytes.prefix(32).enumerated() { target[i] = byte }
        }
    }

    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        var copy = words
        return try Swift.withUnsafeBytes(of: &copy, body)
    }

    mutating func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R {
        try Swift.withUnsafeMutableBytes(of: &words, body)
    }

    var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    static func == (a: Bytes32, b: Bytes32) -> Bool {
        ((a.words.0 ^ b.words.0) | (a.words.1 ^ b.words.1) | (a.words.2 ^ b.words.2) | (a.words.3 ^ b.words.3)) == 0
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0); hasher.combine(words.1); hasher.combine(words.2); hasher.combine(words.3)
    }
}

extension Ed25519 {
    /// A signing key: the 32-byte seed of RFC 8032, with what signing derives from it.
    ///
    /// Never printed: `description`, `debugDescription` and the mirror show the public key only.
    public struct PrivateKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
        let seed: Bytes32
        /// The clamped secret scalar a (RFC 8032 §5.1.5 step 2).
        let scalar: Scalar
        /// The second half of SHA-512(seed), which keys the deterministic nonce.
        let prefix: Bytes32
        public let publicKey: PublicKey

        /// The key of a 32-byte seed.
        public init<C: Collection>(seed: C) throws(KeyError) where C.Element == UInt8 {
            guard seed.count == Ed25519.seedByteCount else {
                throw .wrongLength(expected: Ed25519.seedByteCount, found: seed.count)
            }
            self.init(seed: Bytes32(seed))
        }

        init(seed: Bytes32) {
            self.seed = seed
            var hasher = SHA512()
            seed.withUnsafeBytes { hasher.update($0) }
            let digest = hasher.finish()
            var secret = Bytes32(), prefix = Bytes32()
            digest.withUnsafeBytes { h in
                secret.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: h[0..<32])) }
                prefix.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: h[32..<64])) }
            }
            secret.withUnsafeMutableBytes { s in
                s[0] &= 248
                s[31] &= 127
                s[31] |= 64
            }
            self.scalar = Scalar(words: secret.words)
            self.prefix = prefix
            var encoded = Bytes32()
            let point = secret.withUnsafeBytes { BasePointTable.multiply($0.baseAddress.unsafelyUnwrapped) }
            encoded.withUnsafeMutableBytes { point.encode(to: $0.baseAddress.unsafelyUnwrapped) }
            self.publicKey = PublicKey(encoded: encoded, point: point)
        }

        /// A new key from the system's cryptographically secure random source.
        public static func generate() -> PrivateKey {
            var generator = SystemRandomNumberGenerator()
            var seed = Bytes32()
            seed.words = (generator.next(), generator.next(), generator.next(), generator.next())
            return PrivateKey(seed: seed)
        }

        /// The 32-byte seed, for storing the key (`Multikey` writes it as `secretKeyMultibase`).
        public var seedBytes: [UInt8] { seed.bytes }

        /// The signature of `message` (RFC 8032 §5.1.6): deterministic, so the same key and
        /// message always give the same 64 bytes. Contiguous messages are hashed in place; the
        /// signature is held inline: nothing is allocated on the heap.
        public func signature<M: Collection>(for message: M) -> Signature where M.Element == UInt8 {
            if let signature = message.withContiguousStorageIfAvailable({ sign(UnsafeRawBufferPointer($0)) }) {
                return signature
            }
            return Array(message).withUnsafeBytes { sign($0) }
        }

        public func signature(for message: UnsafeRawBufferPointer) -> Signature {
            sign(message)
        }

        private func sign(_ message: UnsafeRawBufferPointer) -> Signature {
            // r = SHA-512(prefix ‖ M) mod L; R = [r]B.
            var hasher = SHA512()
            prefix.withUnsafeBytes { hasher.update($0) }
            hasher.update(message)
            let r = hasher.finish().withUnsafeBytes { Scalar(reducing: $0.baseAddress.unsafelyUnwrapped) }
            var encodedR = Bytes32()
            var rWords = r.words
            withUnsafeBytes(of: &rWords) { rBytes in
                let point = BasePointTable.multiply(rBytes.baseAddress.unsafelyUnwrapped)
                encodedR.withUnsafeMutableBytes { point.encode(to: $0.baseAddress.unsafelyUnwrapped) }
            }
            // k = SHA-512(R ‖ A ‖ M) mod L; S = r + k·a mod L.
            encodedR.withUnsafeBytes { hasher.update($0) }
            publicKey.bytes32.withUnsafeBytes { hasher.update($0) }
            hasher.update(message)
            let k = hasher.finish().withUnsafeBytes { Scalar(reducing: $0.baseAddress.unsafelyUnwrapped) }
            let s = Scalar.multiplyAdd(k, scalar, r)
            return Signature(r: encodedR, s: Bytes32WithScalar(s))
        }

        public var description: String { "Ed25519.PrivateKey(public key \(hexString(publicKey.bytes)), secret not shown)" }
        public var debugDescription: String { description }
        public var customMirror: Mirror { Mirror(self, children: ["publicKey": publicKey], displayStyle: .struct) }
    }

    /// A verifying key: a point of the curve in its 32-byte encoding.
    public struct PublicKey: Sendable, Hashable, CustomStringConvertible {
        let bytes32: Bytes32
        /// −A, decoded once: verification computes [S]B + [k](−A).
        let negatedPoint: ExtendedPoint

        /// The key of 32 bytes, refused unless they are the canonical encoding of a curve point
        /// (RFC 8032 §5.1.3).
        public init<C: Collection>(bytes: C) throws(KeyError) where C.Element == UInt8 {
            guard bytes.count == Ed25519.publicKeyByteCount else {
                throw .wrongLength(expected: Ed25519.publicKeyByteCount, found: bytes.count)
            }
            let encoded = Bytes32(bytes)
            guard let point = encoded.withUnsafeBytes({ ExtendedPoint(decoding: $0.baseAddress.unsafelyUnwrapped) }) else {
                throw .notACurvePoint
            }
            self.bytes32 = encoded
            self.negatedPoint = point.negated
        }

        /// A key computed here, [a]B: its point is at hand, so no square root is needed.
        init(encoded: Bytes32, point: ExtendedPoint) {
            bytes32 = encoded
            negatedPoint = point.negated
        }

        public var bytes: [UInt8] { bytes32.bytes }

        /// Whether `signature` is this key's signature of `message` (RFC 8032 §5.1.7, cofactorless):
        /// false for a signature of any length but 64, an R that is not a canonical encoding
        /// (R is compared byte for byte with the recomputed one), or S ≥ L.
        public func isValidSignature<S: Collection, M: Collection>(_ signature: S, for message: M) -> Bool
        where S.Element == UInt8, M.Element == UInt8 {
            guard signature.count == Ed25519.signatureByteCount else { return false }
            let r = Bytes32(signature.prefix(32)), s = Bytes32(signature.dropFirst(32))
            if let valid = message.withContiguousStorageIfAvailable({ verify(r, s, UnsafeRawBufferPointer($0)) }) {
                return valid
            }
            return Array(message).withUnsafeBytes { verify(r, s, $0) }
        }

        public func isValidSignature<M: Collection>(_ signature: Signature, for message: M) -> Bool
        where M.Element == UInt8 {
            if let valid = message.withContiguousStorageIfAvailable({ verify(signature.r, signature.s, UnsafeRawBufferPointer($0)) }) {
                return valid
            }
            return Array(message).withUnsafeBytes { verify(signature.r, signature.s, $0) }
        }

        private func verify(_ r: Bytes32, _ s: Bytes32, _ message: UnsafeRawBufferPointer) -> Bool {
            guard let sScalar = s.withUnsafeBytes({ Scalar(canonical: $0.baseAddress.unsafelyUnwrapped) }) else {
                return false
            }
            var hasher = SHA512()
            r.withUnsafeBytes { hasher.update($0) }
            bytes32.withUnsafeBytes { hasher.update($0) }
            hasher.update(message)
            let k = hasher.finish().withUnsafeBytes { Scalar(reducing: $0.baseAddress.unsafelyUnwrapped) }
            let point = DoubleScalarMultiplication.multiply(k, negatedPoint, sScalar)
            var recomputed = Bytes32()
            recomputed.withUnsafeMutableBytes { point.encode(to: $0.baseAddress.unsafelyUnwrapped) }
            return recomputed == r
        }

        public var description: String { "Ed25519.PublicKey(\(hexString(bytes)))" }

        public static func == (a: PublicKey, b: PublicKey) -> Bool { a.bytes32 == b.bytes32 }
        public func hash(into hasher: inout Hasher) { hasher.combine(bytes32) }
    }

    /// A signature, R ‖ S, held inline.
    public struct Signature: Sendable, Hashable {
        let r: Bytes32
        let s: Bytes32

        init(r: Bytes32, s: Bytes32) {
            self.r = r
            self.s = s
        }

        /// The signature of 64 bytes; nil for any other length. (Whether it is valid is for
        /// `PublicKey.isValidSignature` to say.)
        public init?<C: Collection>(bytes: C) where C.Element == UInt8 {
            guard bytes.count == Ed25519.signatureByteCount else { return nil }
            r = Bytes32(bytes.prefix(32))
            s = Bytes32(bytes.dropFirst(32))
        }

        /// The 64 bytes, R then S.
        public var bytes: [UInt8] { r.bytes + s.bytes }

        /// The 64 bytes lent for the duration of `body`, without an array.
        public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
            var both = (r.words, s.words)
            return try Swift.withUnsafeBytes(of: &both, body)
        }
    }
}

/// A scalar's 32 bytes.
func Bytes32WithScalar(_ scalar: Scalar) -> Bytes32 {
    var bytes = Bytes32()
    bytes.withUnsafeMutableBytes { scalar.write(to: $0.baseAddress.unsafelyUnwrapped) }
    return bytes
}
