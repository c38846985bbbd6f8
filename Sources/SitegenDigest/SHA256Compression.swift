import SitegenSHAExtensions

// The SHA-256 compression function (FIPS 180-4 section 6.2.2), written once for two kinds of
// word: a `UInt32`, and four of them side by side in SIMD lanes, which compresses four blocks
// of four messages at once (`SHA256.finish(_:into:)`).

/// The eight hash words H0…H7, or four sets of them, one per lane.
@usableFromInline
struct HashWords<Word: CompressionWord>: Sendable {
    @usableFromInline var h0: Word, h1: Word, h2: Word, h3: Word, h4: Word, h5: Word, h6: Word, h7: Word
}

extension HashWords: Equatable, Hashable where Word: Hashable {}

extension HashWords where Word == UInt32 {
    @usableFromInline
    static let initial = HashWords(h0: 0x6a09_e667, h1: 0xbb67_ae85, h2: 0x3c6e_f372, h3: 0xa54f_f53a,
                                   h4: 0x510e_527f, h5: 0x9b05_688c, h6: 0x1f83_d9ab, h7: 0x5be0_cd19)
}

/// What the rounds need of a word.
@usableFromInline
protocol CompressionWord: Sendable {
    /// The word with `constant` in every lane.
    init(splatting constant: UInt32)
    static func &+ (lhs: Self, rhs: Self) -> Self
    static func &+= (lhs: inout Self, rhs: Self)
    static func ^ (lhs: Self, rhs: Self) -> Self
    static func & (lhs: Self, rhs: Self) -> Self
    /// Σ0, Σ1, σ0 and σ1 of FIPS 180-4.
    var bigSigma0: Self { get }
    var bigSigma1: Self { get }
    var smallSigma0: Self { get }
    var smallSigma1: Self { get }
}

extension UInt32: CompressionWord {
    @usableFromInline @inline(__always)
    init(splatting constant: UInt32) { self = constant }

    @inline(__always)
    private func rotr(_ n: UInt32) -> UInt32 { (self &>> n) | (self &<< (32 &- n)) }

    // Rotations nested, rotr(rotr(x, m) ^ x, n) = rotr(x, m + n) ^ rotr(x, n): one copy of the
    // word instead of three.
    @usableFromInline @inline(__always) var bigSigma0: UInt32 { ((rotr(9) ^ self).rotr(11) ^ self).rotr(2) }
    @usableFromInline @inline(__always) var bigSigma1: UInt32 { ((rotr(14) ^ self).rotr(5) ^ self).rotr(6) }
    @usableFromInline @inline(__always) var smallSigma0: UInt32 { (rotr(11) ^ self).rotr(7) ^ (self &>> 3) }
    @usableFromInline @inline(__always) var smallSigma1: UInt32 { (rotr(2) ^ self).rotr(17) ^ (self &>> 10) }
}

/// SSE2 and NEON have no vector rotation: each one is two shifts. Each right shift is paired with
/// a left shift of another rotation. Paired with its own left shift, the optimiser sees a rotation
/// and does it lane by lane in general registers; two right shifts side by side it merges into
/// one shift by mixed amounts, which SSE2 also lacks.
extension SIMD4: CompressionWord where Scalar == UInt32 {
    @usableFromInline @inline(__always)
    init(splatting constant: UInt32) { self.init(repeating: constant) }

    @usableFromInline @inline(__always) var bigSigma0: Self {
        ((self &>> 2) ^ (self &<< 19)) ^ ((self &>> 13) ^ (self &<< 10)) ^ ((self &>> 22) ^ (self &<< 30))
    }
    @usableFromInline @inline(__always) var bigSigma1: Self {
        ((self &>> 6) ^ (self &<< 21)) ^ ((self &>> 11) ^ (self &<< 7)) ^ ((self &>> 25) ^ (self &<< 26))
    }
    @usableFromInline @inline(__always) var smallSigma0: Self {
        ((self &>> 7) ^ (self &<< 14)) ^ ((self &>> 18) ^ (self &<< 25)) ^ (self &>> 3)
    }
    @usableFromInline @inline(__always) var smallSigma1: Self {
        ((self &>> 17) ^ (self &<< 13)) ^ ((self &>> 19) ^ (self &<< 15)) ^ (self &>> 10)
    }
}

enum Compression {
    /// Sixteen round constants, written out in `compressBlock` so that they become immediate
    /// operands (scalar) or constant-pool loads (lanes) rather than loads through a pointer.
    typealias SixteenConstants = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
                                  UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

    /// One block: `w` holds its 16 message words and is overwritten by the schedule. Not inlined
    /// into callers that own `w`: there the optimiser spreads the 16 words over registers and
    /// spills the working variables to make room.
    @inline(never)
    static func compressBlock<Word>(_ state: inout HashWords<Word>, _ w: UnsafeMutablePointer<Word>) {
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

    /// One round, written so that successive rounds rotate which variable plays which part
    /// instead of shuffling eight values along every round. Maj(a, b, c) is b ^ ((a ^ b) & (b ^ c)),
    /// and this round's a ^ b is the next round's b ^ c: `bc` carries it over, saving two operations.
    @inline(__always)
    private static func round<Word: CompressionWord>(_ a: Word, _ b: Word, _ c: Word, _ d: inout Word,
                                                     _ e: Word, _ f: Word, _ g: Word, _ h: inout Word,
                                                     _ kw: Word, _ bc: inout Word) {
        let t1 = h &+ e.bigSigma1 &+ (g ^ (e & (f ^ g))) &+ kw
        let ab = a ^ b
        d &+= t1
        h = t1 &+ a.bigSigma0 &+ (b ^ (ab & bc))
        bc = ab
    }

    /// Sixteen rounds with their constants `k`, the schedule words in `w`.
    @inline(__always)
    private static func sixteenRounds<Word: CompressionWord>(
        _ a: inout Word, _ b: inout Word, _ c: inout Word, _ d: inout Word,
        _ e: inout Word, _ f: inout Word, _ g: inout Word, _ h: inout Word,
        _ bc: inout Word, _ w: UnsafeMutablePointer<Word>, _ k: SixteenConstants
    ) {
        round(a, b, c, &d, e, f, g, &h, Word(splatting: k.0) &+ w[0], &bc)
        round(h, a, b, &c, d, e, f, &g, Word(splatting: k.1) &+ w[1], &bc)
        round(g, h, a, &b, c, d, e, &f, Word(splatting: k.2) &+ w[2], &bc)
        round(f, g, h, &a, b, c, d, &e, Word(splatting: k.3) &+ w[3], &bc)
        round(e, f, g, &h, a, b, c, &d, Word(splatting: k.4) &+ w[4], &bc)
        round(d, e, f, &g, h, a, b, &c, Word(splatting: k.5) &+ w[5], &bc)
        round(c, d, e, &f, g, h, a, &b, Word(splatting: k.6) &+ w[6], &bc)
        round(b, c, d, &e, f, g, h, &a, Word(splatting: k.7) &+ w[7], &bc)
        round(a, b, c, &d, e, f, g, &h, Word(splatting: k.8) &+ w[8], &bc)
        round(h, a, b, &c, d, e, f, &g, Word(splatting: k.9) &+ w[9], &bc)
        round(g, h, a, &b, c, d, e, &f, Word(splatting: k.10) &+ w[10], &bc)
        round(f, g, h, &a, b, c, d, &e, Word(splatting: k.11) &+ w[11], &bc)
        round(e, f, g, &h, a, b, c, &d, Word(splatting: k.12) &+ w[12], &bc)
        round(d, e, f, &g, h, a, b, &c, Word(splatting: k.13) &+ w[13], &bc)
        round(c, d, e, &f, g, h, a, &b, Word(splatting: k.14) &+ w[14], &bc)
        round(b, c, d, &e, f, g, h, &a, Word(splatting: k.15) &+ w[15], &bc)
    }

    /// Replaces the 16 schedule words in `w` by the next 16, in place: word t overwrites word
    /// t - 16, and t - 15, t - 7 and t - 2 sit at fixed distances around the ring. Not inlined: in
    /// among the rounds, the optimiser keeps ring words in registers and spills working variables.
    @inline(never)
    private static func extendSchedule<Word: CompressionWord>(_ w: UnsafeMutablePointer<Word>) {
        @inline(__always)
        func next(_ j: Int) {
            w[j] &+= w[(j &+ 1) & 15].smallSigma0 &+ w[(j &+ 9) & 15] &+ w[(j &+ 14) & 15].smallSigma1
        }
        next(0); next(1); next(2); next(3); next(4); next(5); next(6); next(7)
        next(8); next(9); next(10); next(11); next(12); next(13); next(14); next(15)
    }
}

extension SHA256 {
    /// Which compression function hashes: the CPU's SHA extensions where it has them (a block in
    /// a fifteenth of the instructions, SitegenSHAExtensions), else the portable one below.
    enum Engine: Sendable, CaseIterable {
        case shaExtensions, portable

        /// The engines this CPU can run.
        static var available: [Engine] { SHAExtensions.isAvailable ? [.shaExtensions, .portable] : [.portable] }
    }

    static let engine: Engine = SHAExtensions.isAvailable ? .shaExtensions : .portable

    /// Runs the compression function over `blocks` consecutive 64-byte blocks.
    static func compress(_ state: inout State, _ data: UnsafeRawPointer, blocks: Int, engine: Engine = engine) {
        guard engine == .portable else {
            var words = (state.h0, state.h1, state.h2, state.h3, state.h4, state.h5, state.h6, state.h7)
            SHAExtensions.compress(&words, data, blocks: blocks)
            state = State(h0: words.0, h1: words.1, h2: words.2, h3: words.3,
                          h4: words.4, h5: words.5, h6: words.6, h7: words.7)
            return
        }
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { ring in
            let w = ring.baseAddress.unsafelyUnwrapped
            var block = data
            for _ in 0..<blocks {
                for i in 0..<16 {
                    w[i] = block.loadUnaligned(fromByteOffset: 4 &* i, as: UInt32.self).bigEndian
                }
                Compression.compressBlock(&state, w)
                block += blockByteCount
            }
        }
    }

    /// Four blocks in one pass, block i in lane i: four messages' worth of work in about twice
    /// the instructions of one.
    static func compress(_ states: inout HashWords<SIMD4<UInt32>>, _ blocks: UnsafeRawPointer) {
        withUnsafeTemporaryAllocation(of: SIMD4<UInt32>.self, capacity: 16) { ring in
            let w = ring.baseAddress.unsafelyUnwrapped
            for i in 0..<16 {
                func word(_ lane: Int) -> UInt32 {
                    blocks.loadUnaligned(fromByteOffset: lane &* blockByteCount &+ 4 &* i, as: UInt32.self).bigEndian
                }
                w[i] = SIMD4(word(0), word(1), word(2), word(3))
            }
            Compression.compressBlock(&states, w)
        }
    }
}
