/// HMAC-SHA-256 (RFC 2104, with SHA-256 as the hash).
public enum HMACSHA256 {
    public static func authenticate(key: [UInt8], message: [UInt8]) -> [UInt8] {
        let blockSize = SHA256.blockByteCount
        // Keys longer than a block are hashed first; shorter ones are zero-padded.
        var paddedKey = key.count > blockSize ? SHA256.hash(key) : key
        paddedKey.append(contentsOf: repeatElement(0, count: blockSize - paddedKey.count))

        var inner = SHA256()
        inner.update(paddedKey.map { $0 ^ 0x36 })
        inner.update(message)
        let innerDigest = inner.finalize()

        var outer = SHA256()
        outer.update(paddedKey.map { $0 ^ 0x5c })
        outer.update(innerDigest)
        return outer.finalize()
    }
}
