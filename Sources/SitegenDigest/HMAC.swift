/// HMAC-SHA-256 (RFC 2104, with SHA-256 as the hash).
public enum HMACSHA256 {
    public static func authenticate(key: [UInt8], message: [UInt8]) -> [UInt8] {
        HMACSHA256Key(key).authenticate(message)
    }
}

/// A key with its padded blocks already hashed: authenticating many messages with one key then
/// costs two compressions each instead of four (recipient salts: one per award).
public struct HMACSHA256Key: Sendable {
    @usableFromInline let inner: SHA256
    @usableFromInline let outer: SHA256

    public init(_ key: [UInt8]) {
        let blockSize = SHA256.blockByteCount
        // Keys longer than a block are hashed first; shorter ones are zero-padded.
        var paddedKey = key.count > blockSize ? SHA256.hash(key) : key
        paddedKey.append(contentsOf: repeatElement(0, count: blockSize - paddedKey.count))
        var inner = SHA256()
        inner.update(paddedKey.map { $0 ^ 0x36 })
        var outer = SHA256()
        outer.update(paddedKey.map { $0 ^ 0x5c })
        self.init(inner: inner, outer: outer)
    }

    init(inner: SHA256, outer: SHA256) {
        self.inner = inner
        self.outer = outer
    }

    /// The same key for messages that all begin with `prefix`, which is then fed to the hash
    /// once instead of once per message: `k.prefixed(p).mac(m)` is `k.mac(p + m)`.
    public func prefixed<C: Collection>(_ prefix: C) -> HMACSHA256Key where C.Element == UInt8 {
        var inner = self.inner
        inner.update(prefix)
        return HMACSHA256Key(inner: inner, outer: outer)
    }

    @inlinable
    public func authenticate<C: Collection>(_ message: C) -> [UInt8] where C.Element == UInt8 {
        mac(message).bytes
    }

    /// The MAC held inline, without an array: for many short messages.
    @inlinable
    public func mac<C: Collection>(_ message: C) -> SHA256.Digest where C.Element == UInt8 {
        var inner = self.inner
        inner.update(message)
        var outer = self.outer
        inner.finish().withUnsafeBytes { outer.update($0) }
        return outer.finish()
    }

    /// A hasher with the key's inner block fed: feed it a message, then pass it to `finishMACs`.
    public var messageHasher: SHA256 { inner }

    /// The MACs of the messages fed to `hashers` (each started as `messageHasher`), four at a
    /// time as `SHA256.finish(_:into:)` does. Leaves the hashers afresh.
    public func finishMACs(_ hashers: UnsafeMutableBufferPointer<SHA256>, into macs: UnsafeMutableBufferPointer<SHA256.Digest>) {
        SHA256.finish(hashers, into: macs)
        for index in hashers.indices {
            hashers[index] = outer
            macs[index].withUnsafeBytes { hashers[index].update($0) }
        }
        SHA256.finish(hashers, into: macs)
    }
}
