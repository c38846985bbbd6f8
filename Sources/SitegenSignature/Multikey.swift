/// Ed25519 keys as Multikey values (W3C Controlled Identifiers / Data Integrity EdDSA): the
/// key's bytes after a multicodec header, in multibase base58btc.
///
/// - `publicKeyMultibase`: header `0xed 0x01` (ed25519-pub) and the 32-byte public key: `z6Mk…`.
/// - `secretKeyMultibase`: header `0x80 0x26` (ed25519-priv, 0x1300 as a varint) and the 32-byte
///   seed: `z3u2…`. This is `SITEGEN_SIGNING_KEY`.
///
/// `privateKey(secretKeyMultibase:)` also reads the older 64-byte form (`zrv…`: seed then public
/// key, as Ed25519VerificationKey2020 tools and 1EdTech's OB 3.0 examples write it), provided
/// its public half is the seed's own public key.
///
/// Parsing ignores surrounding whitespace (a key pasted into a file or variable often ends in a
/// newline) and otherwise accepts exactly one form: errors say what is wrong, never echo the text.
public enum Multikey {
    static let publicKeyHeader: [UInt8] = [0xed, 0x01]
    static let secretKeyHeader: [UInt8] = [0x80, 0x26]
    /// "z" and the base58 of 66 bytes (the longest form read) are at most 1 + 91 characters;
    /// anything much longer is refused before decoding.
    static let maximumTextLength = 100

    public static func publicKeyMultibase(_ key: Ed25519.PublicKey) -> String {
        Multibase.encode(publicKeyHeader + key.bytes, as: .base58btc)
    }

    public static func secretKeyMultibase(_ key: Ed25519.PrivateKey) -> String {
        Multibase.encode(secretKeyHeader + key.seedBytes, as: .base58btc)
    }

    public static func publicKey<S: StringProtocol>(multibase text: S) throws(EncodingError) -> Ed25519.PublicKey {
        let bytes = try keyBytes(text, header: publicKeyHeader, codec: "ed25519-pub (0xed01)")
        do {
            return try Ed25519.PublicKey(bytes: bytes)
        } catch {
            throw .invalidKey("the Multikey's 32 bytes are not an Ed25519 public key (no point of the curve has this encoding)")
        }
    }

    public static func privateKey<S: StringProtocol>(secretKeyMultibase text: S) throws(EncodingError) -> Ed25519.PrivateKey {
        let bytes = try keyBytes(text, header: secretKeyHeader, codec: "ed25519-priv (0x1300)", lengths: [32, 64])
        let key: Ed25519.PrivateKey
        do {
            key = try Ed25519.PrivateKey(seed: bytes.prefix(32))
        } catch {
            throw .wrongLength(expected: Ed25519.seedByteCount, found: bytes.count)
        }
        if bytes.count == 64 && Array(bytes.suffix(32)) != key.publicKey.bytes {
            throw .invalidKey("the 64-byte secret key's second half is not the public key of its first half")
        }
        return key
    }

    private static func keyBytes<S: StringProtocol>(_ text: S, header: [UInt8], codec: String,
                                                    lengths: [Int] = [32]) throws(EncodingError) -> [UInt8] {
        let trimmed = text.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed()
        let value = String(trimmed)
        guard value.utf8.count <= maximumTextLength else {
            throw .tooLong(characters: value.utf8.count, limit: maximumTextLength)
        }
        let bytes = try Multibase.decode(value, requiring: .base58btc)
        guard bytes.count >= 2 else {
            throw .wrongMulticodec(expected: codec, found: "missing (\(bytes.count) bytes)")
        }
        guard Array(bytes.prefix(2)) == header else {
            throw .wrongMulticodec(expected: codec, found: Self.codecName(Array(bytes.prefix(2))))
        }
        guard lengths.contains(bytes.count - 2) else { throw .wrongLength(expected: 32, found: bytes.count - 2) }
        return Array(bytes.dropFirst(2))
    }

    /// A name for a header found in place of the expected one, for the error.
    private static func codecName(_ header: [UInt8]) -> String {
        switch header {
        case publicKeyHeader: return "ed25519-pub (0xed01, a public key)"
        case secretKeyHeader: return "ed25519-priv (0x1300, a secret key)"
        case [0xec, 0x01]: return "x25519-pub (0xec01)"
        case [0xe7, 0x01]: return "secp256k1-pub (0xe701)"
        case [0x80, 0x24]: return "p256-pub (0x1200)"
        default: return "0x" + header.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        }
    }
}
