/// SHA-256 as specified in FIPS 180-4.
///
/// Incremental: feed any number of `update` calls, then `finalize`. After `finalize` the hasher
/// starts afresh, as if newly initialised.
public struct SHA256: Sendable {
    /// The eight working hash words (H0…H7 in FIPS 180-4).
    struct State {
        var h0: UInt32 = 0x6a09_e667, h1: UInt32 = 0xbb67_ae85, h2: UInt32 = 0x3c6e_f372
        var h3: UInt32 = 0xa54f_f53a, h4: UInt32 = 0x510e_527f, h5: UInt32 = 0x9b05_688c
        var h6: UInt32 = 0x1f83_d9ab, h7: UInt32 = 0x5be0_cd19
    }

    public static let digestByteCount = 32
    static let blockByteCount = 64

    private var state = State()
    /// A partly filled block; a tuple so the hasher needs no heap storage.
    private var pending: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
        (0, 0, 0, 0, 0, 0, 0, 0)
    private var pendingCount = 0
    /// Message length in bytes; FIPS 180-4 takes the bit length modulo 2^64, so wrapping is right.
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
            let block = pending
            withUnsafeBytes(of: block) { Self.compress(&state, $0.baseAddress.unsafelyUnwrapped, blocks: 1) }
            pendingCount = 0
        }

        let wholeBlocks = remaining / Self.blockByteCount
        if wholeBlocks > 0 {
            Self.compress(&state, source, blocks: wholeBlocks)
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

    /// The 32-byte digest of everything fed so far.
    public mutating func finalize() -> [UInt8] {
        let bitLength = length &* 8
        // 0x80, zeros up to 56 mod 64, then the 64-bit big-endian bit length: at most 72 bytes.
        let padCount = pendingCount < 56 ? 56 - pendingCount : 120 - pendingCount
        var tail: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &tail) { tail in
            tail[0] = 0x80
            tail.storeBytes(of: bitLength.bigEndian, toByteOffset: padCount, as: UInt64.self)
            update(UnsafeRawBufferPointer(rebasing: tail[..<(padCount + 8)]))
        }
        let state = self.state
        self = SHA256()
        return [UInt8](unsafeUninitializedCapacity: Self.digestByteCount) { digest, initialized in
            func store(_ word: UInt32, at i: Int) {
                digest[4 * i] = UInt8(truncatingIfNeeded: word >> 24)
                digest[4 * i + 1] = UInt8(truncatingIfNeeded: word >> 16)
                digest[4 * i + 2] = UInt8(truncatingIfNeeded: word >> 8)
                digest[4 * i + 3] = UInt8(truncatingIfNeeded: word)
            }
            store(state.h0, at: 0); store(state.h1, at: 1); store(state.h2, at: 2); store(state.h3, at: 3)
            store(state.h4, at: 4); store(state.h5, at: 5); store(state.h6, at: 6); store(state.h7, at: 7)
            initialized = Self.digestByteCount
        }
    }

    @inlinable
    public static func hash<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest of the string's UTF-8 bytes.
    public static func hash(_ string: String) -> [UInt8] {
        var string = string
        return string.withUTF8 { hash($0) }
    }

    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    @inline(__always)
    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x &>> n) | (x &<< (32 &- n)) }

    /// One round, written so that successive rounds rotate which variable plays which part
    /// instead of shuffling eight values along every round.
    @inline(__always)
    private static func round(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
                              _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ kw: UInt32) {
        let t1 = h &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ (g ^ (e & (f ^ g))) &+ kw
        d &+= t1
        h = t1 &+ (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) | (c & (a | b)))
    }

    /// Runs the compression function over `blocks` consecutive 64-byte blocks.
    private static func compress(_ state: inout State, _ data: UnsafeRawPointer, blocks: Int) {
        roundConstants.withUnsafeBufferPointer { k in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
                var a = state.h0, b = state.h1, c = state.h2, d = state.h3
                var e = state.h4, f = state.h5, g = state.h6, h = state.h7
                var block = data
                for _ in 0..<blocks {
                    for i in 0..<16 {
                        w[i] = block.loadUnaligned(fromByteOffset: 4 &* i, as: UInt32.self).bigEndian
                    }
                    for i in 16..<64 {
                        let x = w[i &- 15], y = w[i &- 2]
                        let s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x &>> 3)
                        let s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y &>> 10)
                        w[i] = w[i &- 16] &+ s0 &+ w[i &- 7] &+ s1
                    }
                    let a0 = a, b0 = b, c0 = c, d0 = d, e0 = e, f0 = f, g0 = g, h0 = h
                    var i = 0
                    while i < 64 {
                        round(a, b, c, &d, e, f, g, &h, k[i] &+ w[i])
                        round(h, a, b, &c, d, e, f, &g, k[i &+ 1] &+ w[i &+ 1])
                        round(g, h, a, &b, c, d, e, &f, k[i &+ 2] &+ w[i &+ 2])
                        round(f, g, h, &a, b, c, d, &e, k[i &+ 3] &+ w[i &+ 3])
                        round(e, f, g, &h, a, b, c, &d, k[i &+ 4] &+ w[i &+ 4])
                        round(d, e, f, &g, h, a, b, &c, k[i &+ 5] &+ w[i &+ 5])
                        round(c, d, e, &f, g, h, a, &b, k[i &+ 6] &+ w[i &+ 6])
                        round(b, c, d, &e, f, g, h, &a, k[i &+ 7] &+ w[i &+ 7])
                        i &+= 8
                    }
                    a &+= a0; b &+= b0; c &+= c0; d &+= d0
                    e &+= e0; f &+= f0; g &+= g0; h &+= h0
                    block += blockByteCount
                }
                state = State(h0: a, h1: b, h2: c, h3: d, h4: e, h5: f, h6: g, h7: h)
            }
        }
    }
}
