/// SHA-256 as specified in FIPS 180-4.
///
/// Incremental: feed any number of `update` calls, then `finalize` (an array) or `finish` (a
/// `Digest` held inline). Either leaves the hasher afresh, as if newly initialised.
public struct SHA256: Sendable {
    /// The eight working hash words (H0…H7 in FIPS 180-4).
    @usableFromInline
    struct State: Sendable, Hashable {
        @usableFromInline var h0: UInt32 = 0x6a09_e667, h1: UInt32 = 0xbb67_ae85, h2: UInt32 = 0x3c6e_f372
        @usableFromInline var h3: UInt32 = 0xa54f_f53a, h4: UInt32 = 0x510e_527f, h5: UInt32 = 0x9b05_688c
        @usableFromInline var h6: UInt32 = 0x1f83_d9ab, h7: UInt32 = 0x5be0_cd19
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
            withUnsafeBytes(of: &pending) { Self.compress(&state, $0.baseAddress.unsafelyUnwrapped, blocks: 1) }
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
        finish().bytes
    }

    /// The digest of everything fed so far, without an array: for hashing many short messages.
    public mutating func finish() -> Digest {
        // 0x80, zeros up to byte 56 of a block, then the 64-bit big-endian bit length; when the
        // pending bytes leave no room for the length, the padding takes a block of its own.
        let bitLength = length &* 8
        let count = pendingCount
        withUnsafeMutableBytes(of: &pending) { block in
            block[count] = 0x80
            (block.baseAddress.unsafelyUnwrapped + count + 1).initializeMemory(as: UInt8.self, repeating: 0,
                                                                              count: Self.blockByteCount - count - 1)
            if count >= 56 {
                Self.compress(&state, block.baseAddress.unsafelyUnwrapped, blocks: 1)
                block.baseAddress.unsafelyUnwrapped.initializeMemory(as: UInt8.self, repeating: 0, count: 56)
            }
            block.storeBytes(of: bitLength.bigEndian, toByteOffset: 56, as: UInt64.self)
            Self.compress(&state, block.baseAddress.unsafelyUnwrapped, blocks: 1)
        }
        let digest = Digest(state: state)
        self = SHA256()
        return digest
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

    
    /// Sixteen words: round constants, written out so that they become immediate operands.
    typealias SixteenWords = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
                              UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

    @inline(__always)
    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x &>> n) | (x &<< (32 &- n)) }

    // The Σ and σ functions with the rotations nested, rotr(rotr(x, m) ^ x, n) = rotr(x, m + n) ^ rotr(x, n):
    // one copy of the word instead of three.
    @inline(__always)
    private static func bigSigma0(_ a: UInt32) -> UInt32 { rotr(rotr(rotr(a, 9) ^ a, 11) ^ a, 2) }
    @inline(__always)
    private static func bigSigma1(_ e: UInt32) -> UInt32 { rotr(rotr(rotr(e, 14) ^ e, 5) ^ e, 6) }
    @inline(__always)
    private static func smallSigma0(_ x: UInt32) -> UInt32 { rotr(rotr(x, 11) ^ x, 7) ^ (x &>> 3) }
    @inline(__always)
    private static func smallSigma1(_ x: UInt32) -> UInt32 { rotr(rotr(x, 2) ^ x, 17) ^ (x &>> 10) }

    /// One round, written so that successive rounds rotate which variable plays which part
    /// instead of shuffling eight values along every round. Maj(a, b, c) is b ^ ((a ^ b) & (b ^ c)),
    /// and this round's a ^ b is the next round's b ^ c: `bc` carries it over, saving two operations.
    @inline(__always)
    private static func round(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
                              _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32,
                              _ kw: UInt32, _ bc: inout UInt32) {
        let t1 = h &+ bigSigma1(e) &+ (g ^ (e & (f ^ g))) &+ kw
        let ab = a ^ b
        d &+= t1
        h = t1 &+ bigSigma0(a) &+ (b ^ (ab & bc))
        bc = ab
    }

    /// Sixteen rounds with their constants `k`, the schedule words in `w`.
    @inline(__always)
    private static func sixteenRounds(_ a: inout UInt32, _ b: inout UInt32, _ c: inout UInt32, _ d: inout UInt32,
                                      _ e: inout UInt32, _ f: inout UInt32, _ g: inout UInt32, _ h: inout UInt32,
                                      _ bc: inout UInt32, _ w: UnsafeMutablePointer<UInt32>, _ k: SixteenWords) {
        round(a, b, c, &d, e, f, g, &h, k.0 &+ w[0], &bc)
        round(h, a, b, &c, d, e, f, &g, k.1 &+ w[1], &bc)
        round(g, h, a, &b, c, d, e, &f, k.2 &+ w[2], &bc)
        round(f, g, h, &a, b, c, d, &e, k.3 &+ w[3], &bc)
        round(e, f, g, &h, a, b, c, &d, k.4 &+ w[4], &bc)
        round(d, e, f, &g, h, a, b, &c, k.5 &+ w[5], &bc)
        round(c, d, e, &f, g, h, a, &b, k.6 &+ w[6], &bc)
        round(b, c, d, &e, f, g, h, &a, k.7 &+ w[7], &bc)
        round(a, b, c, &d, e, f, g, &h, k.8 &+ w[8], &bc)
        round(h, a, b, &c, d, e, f, &g, k.9 &+ w[9], &bc)
        round(g, h, a, &b, c, d, e, &f, k.10 &+ w[10], &bc)
        round(f, g, h, &a, b, c, d, &e, k.11 &+ w[11], &bc)
        round(e, f, g, &h, a, b, c, &d, k.12 &+ w[12], &bc)
        round(d, e, f, &g, h, a, b, &c, k.13 &+ w[13], &bc)
        round(c, d, e, &f, g, h, a, &b, k.14 &+ w[14], &bc)
        round(b, c, d, &e, f, g, h, &a, k.15 &+ w[15], &bc)
    }

    /// Replaces the 16 schedule words in `w` by the next 16, in place: word t overwrites word
    /// t - 16, and t - 15, t - 7 and t - 2 sit at fixed distances around the ring.
    @inline(never)
    private static func extendSchedule(_ w: UnsafeMutablePointer<UInt32>) {
        @inline(__always)
        func next(_ j: Int) {
            w[j] &+= smallSigma0(w[(j &+ 1) & 15]) &+ w[(j &+ 9) & 15] &+ smallSigma1(w[(j &+ 14) & 15])
        }
        next(0); next(1); next(2); next(3); next(4); next(5); next(6); next(7)
        next(8); next(9); next(10); next(11); next(12); next(13); next(14); next(15)
    }

    /// Runs the compression function over `blocks` consecutive 64-byte blocks.
    private static func compress(_ state: inout State, _ data: UnsafeRawPointer, blocks: Int) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { ring in
            let w = ring.baseAddress.unsafelyUnwrapped
            var block = data
            for _ in 0..<blocks {
                compressBlock(&state, block, w)
                block += blockByteCount
            }
        }
    }

    /// One block, its 64 rounds written out (FIPS 180-4's constants K0…K63 in four rows).
    /// Not inlined into `compress`: there the ring would be a local array the optimiser spreads
    /// over registers, spilling the working variables to make room.
    @inline(never)
    private static func compressBlock(_ state: inout State, _ block: UnsafeRawPointer, _ w: UnsafeMutablePointer<UInt32>) {
        for i in 0..<16 {
            w[i] = block.loadUnaligned(fromByteOffset: 4 &* i, as: UInt32.self).bigEndian
        }
        var a = state.h0, b = state.h1, c = state.h2, d = state.h3
        var e = state.h4, f = state.h5, g = state.h6, h = state.h7
        var bc = b ^ c
        sixteenRounds(&a, &b, &c, &d, &e, &f, &g, &h, &bc, w,
                      (0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
                       0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174))
        extendSchedule(w)
        sixteenRounds(&a, &b, &c, &d, &e, &f, &g, &h, &bc, w,
                      (0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
                       0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967))
        extendSchedule(w)
        sixteenRounds(&a, &b, &c, &d, &e, &f, &g, &h, &bc, w,
                      (0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
                       0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070))
        extendSchedule(w)
        sixteenRounds(&a, &b, &c, &d, &e, &f, &g, &h, &bc, w,
                      (0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
                       0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2))
        state.h0 &+= a; state.h1 &+= b; state.h2 &+= c; state.h3 &+= d
        state.h4 &+= e; state.h5 &+= f; state.h6 &+= g; state.h7 &+= h
    }
}

extension SHA256 {
    /// A 32-byte digest held inline: H0…H7, whose big-endian bytes in order are the digest.
    public struct Digest: Sendable, Hashable {
        @usableFromInline let state: State

        init(state: State) {
            self.state = state
        }

        /// The digest's 32 bytes, lent for the duration of `body`.
        @inlinable
        public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
            var words = (state.h0.bigEndian, state.h1.bigEndian, state.h2.bigEndian, state.h3.bigEndian,
                         state.h4.bigEndian, state.h5.bigEndian, state.h6.bigEndian, state.h7.bigEndian)
            return try Swift.withUnsafeBytes(of: &words, body)
        }

        public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }
    }
}
