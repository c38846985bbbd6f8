/// SipHash-2-4 with a 128-bit output (Aumasson and Bernstein; the reference `siphash.c` with
/// `outlen` 16), for digests that must be fast rather than secret: the input fingerprint of a
/// build and the keys of its output units. SHA-256 in Swift hashes a few hundred MB/s; this does
/// several times that, and a rebuild digests the whole content folder before doing anything else.
///
/// Incremental like `SHA256`: any number of `update` calls, then `finalize`.
public struct SipHash128: Sendable {
    private var v0: UInt64, v1: UInt64, v2: UInt64, v3: UInt64
    /// Bytes of the current word not yet compressed, little-endian, and how many there are.
    private var tail: UInt64 = 0
    private var tailCount = 0
    private var length: UInt64 = 0

    public init(key0: UInt64, key1: UInt64) {
        v0 = key0 ^ 0x736f_6d65_7073_6575
        v1 = key1 ^ 0x646f_7261_6e64_6f6d ^ 0xee
        v2 = key0 ^ 0x6c79_6765_6e65_7261
        v3 = key1 ^ 0x7465_6462_7974_6573
    }

    /// The 16-byte key as the reference implementation reads it: two little-endian words.
    public init(key: [UInt8]) {
        precondition(key.count == 16, "a SipHash key is 16 bytes")
        var k0: UInt64 = 0, k1: UInt64 = 0
        for index in (0..<8).reversed() {
            k0 = k0 << 8 | UInt64(key[index])
            k1 = k1 << 8 | UInt64(key[index + 8])
        }
        self.init(key0: k0, key1: k1)
    }

    @inline(__always)
    private static func rotate(_ x: UInt64, _ n: UInt64) -> UInt64 { (x &<< n) | (x &>> (64 &- n)) }

    @inline(__always)
    private mutating func rounds(_ count: Int) {
        for _ in 0..<count {
            v0 &+= v1; v1 = Self.rotate(v1, 13); v1 ^= v0; v0 = Self.rotate(v0, 32)
            v2 &+= v3; v3 = Self.rotate(v3, 16); v3 ^= v2
            v0 &+= v3; v3 = Self.rotate(v3, 21); v3 ^= v0
            v2 &+= v1; v1 = Self.rotate(v1, 17); v1 ^= v2; v2 = Self.rotate(v2, 32)
        }
    }

    @inline(__always)
    private mutating func compress(_ word: UInt64) {
        v3 ^= word
        rounds(2)
        v0 ^= word
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        let count = bytes.count
        length &+= UInt64(count)
        var index = 0
        // Whole words straight from memory, shifted past the bytes already waiting in `tail`:
        // keys are made of short fields, so few updates start on a word boundary.
        if tailCount == 0 {
            while index &+ 8 <= count {
                compress(UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
                index &+= 8
            }
        } else {
            let shift = UInt64(8 * tailCount)
            while index &+ 8 <= count {
                let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                compress(tail | word &<< shift)
                tail = word &>> (64 - shift)
                index &+= 8
            }
        }
        let rest = count - index
        guard rest > 0 else { return }
        // The last few bytes as one word rather than one by one: most fields end in a part word.
        let word = Self.partialWord(base, count: count, rest: rest)
        let free = 8 - tailCount
        tail |= word &<< UInt64(8 * tailCount)
        if rest < free {
            tailCount += rest
        } else {
            // Here 0 < free < 8: `tail` held some bytes, so the word filled it and overflowed.
            compress(tail)
            tail = word &>> UInt64(8 * free)
            tailCount = rest - free
        }
    }

    /// The last `rest` (1…7) of the `count` bytes at `base`, little-endian, in a word whose other
    /// bytes are zero. Reads only bytes of the buffer: the last 8 when there are 8, else a 4-,
    /// 2- and 1-byte load as needed.
    @inline(__always)
    private static func partialWord(_ base: UnsafeRawPointer, count: Int, rest: Int) -> UInt64 {
        if count >= 8 {
            let last = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
            return last &>> UInt64(8 * (8 - rest))
        }
        var word: UInt64 = 0
        var offset = 0
        if rest & 4 != 0 {
            word = UInt64(UInt32(littleEndian: base.loadUnaligned(as: UInt32.self)))
            offset = 4
        }
        if rest & 2 != 0 {
            word |= UInt64(UInt16(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt16.self))) &<< UInt64(8 * offset)
            offset += 2
        }
        if rest & 1 != 0 {
            word |= UInt64(base.load(fromByteOffset: offset, as: UInt8.self)) &<< UInt64(8 * offset)
        }
        return word
    }

    /// Takes the contiguous-storage fast path for arrays, slices and strings' UTF-8 views.
    @inlinable
    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        guard handled == nil else { return }
        Array(bytes).withUnsafeBytes { update($0) }
    }

    /// Eight bytes, little-endian: numbers and field lengths.
    public mutating func update(_ word: UInt64) {
        length &+= 8
        if tailCount == 0 {
            compress(word)
        } else {
            let shift = UInt64(8 * tailCount)
            compress(tail | word &<< shift)
            tail = word &>> (64 - shift)
        }
    }

    public mutating func finalize() -> Digest128 {
        compress(tail | (length << 56))
        v2 ^= 0xee
        rounds(4)
        let first = v0 ^ v1 ^ v2 ^ v3
        v1 ^= 0xdd
        rounds(4)
        return Digest128(first: first, second: v0 ^ v1 ^ v2 ^ v3)
    }

    public static func hash(_ bytes: UnsafeRawBufferPointer, key0: UInt64 = 0, key1: UInt64 = 0) -> Digest128 {
        var hasher = SipHash128(key0: key0, key1: key1)
        hasher.update(bytes)
        return hasher.finalize()
    }
}

/// A 128-bit digest: two words, written as 32 hex digits in the reference byte order (each word
/// little-endian, first word first).
public struct Digest128: Hashable, Sendable, CustomStringConvertible {
    public var first: UInt64
    public var second: UInt64

    public init(first: UInt64, second: UInt64) {
        self.first = first
        self.second = second
    }

    public var bytes: [UInt8] {
        (0..<16).map { index in UInt8(truncatingIfNeeded: (index < 8 ? first : second) >> UInt64(8 * (index % 8))) }
    }

    public var description: String { hexString(bytes) }
}

/// Both words, so digests can be fields of encoded records (output keys digest other keys).
extension Digest128: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(first)
        try container.encode(second)
    }
}
