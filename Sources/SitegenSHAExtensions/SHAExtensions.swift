// SHA-256's compression function on the CPU's SHA extensions (Intel SHA-NI: sha256rnds2 does two
// rounds, sha256msg1/msg2 extend the message schedule), for x86-64 processors that have them.
//
// What it bought: a block in 182 instructions instead of ~2,800 (one block at a time) or ~1,700
// per lane (four blocks side by side in SIMD lanes, `SHA256.digests(of:)`); 1.8 GB/s on this
// machine's EPYC. A credential's canonical document is ~70 blocks, and its hashes were 7% of a
// 50,000-holder build.
//
// This target alone is compiled with `-msha -msse4.1` (Package.swift), so nothing else can pick
// up instructions an older CPU lacks, and nothing here runs unless `isAvailable` said the CPU has
// them. The intrinsics come from the compiler's own headers (`_Builtin_intrinsics`), not a package.

#if arch(x86_64) && canImport(_Builtin_intrinsics)
import _Builtin_intrinsics.intel
import _Builtin_intrinsics.intel.cpuid

public enum SHAExtensions {
    /// The eight hash words H0…H7.
    public typealias State = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

    /// Whether this CPU has the SHA extensions and SSE4.1 (CPUID leaf 7 EBX bit 29, leaf 1 ECX
    /// bit 19); every CPU with the first has the second, asked anyway since both are used.
    public static let isAvailable: Bool = {
        var eax: UInt32 = 0, ebx: UInt32 = 0, ecx: UInt32 = 0, edx: UInt32 = 0
        guard __get_cpuid(1, &eax, &ebx, &ecx, &edx) != 0, (ecx >> 19) & 1 == 1 else { return false }
        guard __get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx) != 0 else { return false }
        return (ebx >> 29) & 1 == 1
    }()

    /// Compresses `blocks` consecutive 64-byte blocks at `data` into `state`. Only when
    /// `isAvailable`: elsewhere the instructions trap.
    public static func compress(_ state: inout State, _ data: UnsafeRawPointer, blocks: Int) {
        // The instructions keep the state as two vectors, ABEF and CDGH, A in the highest lane.
        var abef = Words(state.5, state.4, state.1, state.0)
        var cdgh = Words(state.7, state.6, state.3, state.2)
        var block = data
        for _ in 0..<blocks {
            let savedABEF = abef, savedCDGH = cdgh
            var w0 = bigEndianWords(block, 0), w1 = bigEndianWords(block, 16)
            var w2 = bigEndianWords(block, 32), w3 = bigEndianWords(block, 48)
            // Sixteen groups of four rounds; group g uses words 4g…4g+3, which the groups before
            // it computed in the register that held words 4g-16…4g-13.
            fourRounds(&abef, &cdgh, w0, Words(0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5), &w3, &w1, extend: false, begin: false)
            fourRounds(&abef, &cdgh, w1, Words(0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5), &w0, &w2, extend: false, begin: true)
            fourRounds(&abef, &cdgh, w2, Words(0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3), &w1, &w3, extend: false, begin: true)
            fourRounds(&abef, &cdgh, w3, Words(0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174), &w2, &w0, extend: true, begin: true)
            fourRounds(&abef, &cdgh, w0, Words(0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc), &w3, &w1, extend: true, begin: true)
            fourRounds(&abef, &cdgh, w1, Words(0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da), &w0, &w2, extend: true, begin: true)
            fourRounds(&abef, &cdgh, w2, Words(0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7), &w1, &w3, extend: true, begin: true)
            fourRounds(&abef, &cdgh, w3, Words(0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967), &w2, &w0, extend: true, begin: true)
            fourRounds(&abef, &cdgh, w0, Words(0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13), &w3, &w1, extend: true, begin: true)
            fourRounds(&abef, &cdgh, w1, Words(0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85), &w0, &w2, extend: true, begin: true)
            fourRounds(&abef, &cdgh, w2, Words(0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3), &w1, &w3, extend: true, begin: true)
            fourRounds(&abef, &cdgh, w3, Words(0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070), &w2, &w0, extend: true, begin: true)
            fourRounds(&abef, &cdgh, w0, Words(0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5), &w3, &w1, extend: true, begin: true)
            fourRounds(&abef, &cdgh, w1, Words(0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3), &w0, &w2, extend: true, begin: false)
            fourRounds(&abef, &cdgh, w2, Words(0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208), &w1, &w3, extend: true, begin: false)
            fourRounds(&abef, &cdgh, w3, Words(0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2), &w2, &w0, extend: false, begin: false)
            abef &+= savedABEF
            cdgh &+= savedCDGH
            block += 64
        }
        state = (abef[3], abef[2], cdgh[3], cdgh[2], abef[1], abef[0], cdgh[1], cdgh[0])
    }

    private typealias Words = SIMD4<UInt32>

    /// Four rounds (group g) on schedule words `w` with their constants `k`, and the schedule work
    /// that waits on `w`: finishing group g+1's words in `next` (sha256msg2) and starting group
    /// g+3's in `previous`, whose words group g+3 no longer needs (sha256msg1).
    @inline(__always)
    private static func fourRounds(_ abef: inout Words, _ cdgh: inout Words, _ w: Words, _ k: Words,
                                   _ previous: inout Words, _ next: inout Words, extend: Bool, begin: Bool) {
        let wk = w &+ k
        cdgh = words(_mm_sha256rnds2_epu32(vector(cdgh), vector(abef), vector(wk)))
        if extend {
            // W(t-7) for group g+1's words t: words 4g-3…4g, previous's last three and w's first.
            let shifted = Words(previous[1], previous[2], previous[3], w[0])
            next = words(_mm_sha256msg2_epu32(vector(next &+ shifted), vector(w)))
        }
        abef = words(_mm_sha256rnds2_epu32(vector(abef), vector(cdgh), vector(Words(wk[2], wk[3], wk[2], wk[3]))))
        if begin { previous = words(_mm_sha256msg1_epu32(vector(previous), vector(w))) }
    }

    @inline(__always)
    private static func bigEndianWords(_ block: UnsafeRawPointer, _ offset: Int) -> Words {
        let byteSwap = vector(Words(0x0001_0203, 0x0405_0607, 0x0809_0a0b, 0x0c0d_0e0f))
        return words(_mm_shuffle_epi8(vector(block.loadUnaligned(fromByteOffset: offset, as: Words.self)), byteSwap))
    }

    @inline(__always) private static func vector(_ words: Words) -> __m128i { unsafeBitCast(words, to: __m128i.self) }
    @inline(__always) private static func words(_ vector: __m128i) -> Words { unsafeBitCast(vector, to: Words.self) }
}
#else
public enum SHAExtensions {
    public typealias State = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)
    /// Not an x86-64 build: the portable compression is used.
    public static let isAvailable = false
    public static func compress(_ state: inout State, _ data: UnsafeRawPointer, blocks: Int) {
        preconditionFailure("no SHA extensions on this architecture")
    }
}
#endif
