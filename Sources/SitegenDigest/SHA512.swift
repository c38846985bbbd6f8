/// SHA-512 as specified in FIPS 180-4: the hash inside Ed25519 (RFC 8032).
///
/// Incremental like `SHA256`: any number of `update` calls, then `finalize` (an array) or
/// `finish` (a `Digest` held inline, so a signature hashes without touching the heap). Either
/// leaves the hasher afresh.
public struct SHA512: Sendable {
    /// A block of message; a tuple so the hasher needs no heap storage.
    typealias Block = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                       UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

    public static let digestByteCount = 64
    static let blockByteCount = 128

    private var state = SHA512State.initial
    /// A partly filled block.
    private var pending: Block = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    private var pendingCount = 0
    /// Message length in bytes. FIPS 180-4 wants the length in bits as 128 bits; 2^64 bytes is
    /// beyond any message, so the high bits come from this count alone.
    private var length: UInt64 = 0

    public init() {}

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var source = bytes.baseAddress, !bytes.isEmpty else { return }
        var remaining = bytes.count
        length &+= UInt64(truncatingIfNeeded: remaining)

        if pendingCount > 0 {
            let take = min(Self.blockByteCount - pendingCount, remaining)
            let offset = pendingCount
            withUnsafeMutableBytes(of: &pending) { block in
                block.baseAddress.unsafelyUnwrapped.advanced(by: offset)
                    .copyMemory(from: source, byteCount: take)
            }
            pendingCount += take
            source += take
            remaining -= take
            guard pendingCount == Self.blockByteCount else { return }
            withUnsafeBytes(of: &pending) { state.compress($0.baseAddress.unsafelyUnwrapped, blocks: 1) }
            pendingCount = 0
        }

        let wholeBlocks = remaining / Self.blockByteCount
        if wholeBlocks > 0 {
            state.compress(source, blocks: wholeBlocks)
            source += wholeBlocks * Self.blockByteCount
            remaining -= wholeBlocks * Self.blockByteCount
        }

        if remaining > 0 {
            let tail = remaining
            withUnsafeMutableBytes(of: &pending) { block in
                block.baseAddress.unsafelyUnwrapped.copyMemory(from: source, byteCount: tail)
            }
            pendingCount = remaining
        }
    }

    /// Takes the contiguous-storage fast path for arrays, slices, `Data` and buffers.
    @inlinable
    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        guard handled == nil else { return }
        var chunk: [UInt8] = []
        chunk.reserveCapacity(4096)
        for byte in bytes {
            chunk.append(byte)
            if chunk.count == 4096 {
                chunk.withUnsafeBytes { update($0) }
                chunk.removeAll(keepingCapacity: true)
            }
        }
        chunk.withUnsafeBytes { update($0) }
    }

    /// The 64-byte digest of everything fed so far.
    public mutating func finalize() -> [UInt8] {
        finish().bytes
    }

    /// The digest of everything fed so far, held inline.
    public mutating func finish() -> Digest {
        // 0x80, zeros up to byte 112 of a block, then the 128-bit big-endian bit length; when
        // the pending bytes leave no room for the length, the padding takes a block of its own.
        let count = pendingCount
        var state = self.state
        var block = pending
        withUnsafeMutableBytes(of: &block) { block in
            let start = block.baseAddress.unsafelyUnwrapped
            block[count] = 0x80
            (start + count + 1).initializeMemory(as: UInt8.self, repeating: 0, count: Self.blockByteCount - count - 1)
            if count >= 112 {
                state.compress(start, blocks: 1)
                start.initializeMemory(as: UInt8.self, repeating: 0, count: 112)
            }
            block.storeBytes(of: (length >> 61).bigEndian, toByteOffset: 112, as: UInt64.self)
            block.storeBytes(of: (length &<< 3).bigEndian, toByteOffset: 120, as: UInt64.self)
            state.compress(start, blocks: 1)
        }
        self = SHA512()
        return Digest(state: state)
    }

    @inlinable
    public static func hash<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        var hasher = SHA512()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest of the string's UTF-8 bytes.
    public static func hash(_ string: String) -> [UInt8] {
        var string = string
        return string.withUTF8 { hash($0) }
    }
}

extension SHA512 {
    /// A 64-byte digest held inline: H0…H7, whose big-endian bytes in order are the digest.
    public struct Digest: Sendable, Hashable {
        @usableFromInline let state: SHA512State

        init(state: SHA512State) {
            self.state = state
        }

        /// The digest's 64 bytes, lent for the duration of `body`.
        @inlinable
        public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
            var words = (state.h0.bigEndian, state.h1.bigEndian, state.h2.bigEndian, state.h3.bigEndian,
                         state.h4.bigEndian, state.h5.bigEndian, state.h6.bigEndian, state.h7.bigEndian)
            return try Swift.withUnsafeBytes(of: &words, body)
        }

        public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }
    }
}
