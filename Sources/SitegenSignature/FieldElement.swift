// Arithmetic modulo p = 2^255 - 19, the field of edwards25519.
//
// Speed: an element is five 51-bit limbs in 64-bit words (the "donna-64" radix). A product is
// 25 limb products taken 64×64→128 as `UInt128` (one `mul` each; the standard library has it from
// macOS 15, hence the package's platform), and the 13 spare bits of every limb let sums
// of a few elements go into a product without a carry pass. Wrapping past 2^255 folds back as
// ×19 (2^255 ≡ 19), so reduction is shifts, masks and one small multiply, never a division.
//
// Every operation here runs the same instructions whatever the values: no branch and no memory
// index depends on an element, so secret scalars cannot leak through timing.

/// An element of GF(2^255 - 19): value = l0 + l1·2^51 + l2·2^102 + l3·2^153 + l4·2^204.
///
/// Limbs are kept below about 2^52 between operations (a sum of two may reach 2^53); `*` and
/// `squared()` accept limbs up to 2^54.
struct FieldElement: Sendable {
    var l0: UInt64, l1: UInt64, l2: UInt64, l3: UInt64, l4: UInt64

    @inline(__always)
    init(_ l0: UInt64, _ l1: UInt64, _ l2: UInt64, _ l3: UInt64, _ l4: UInt64) {
        self.l0 = l0; self.l1 = l1; self.l2 = l2; self.l3 = l3; self.l4 = l4
    }

    static let mask: UInt64 = (1 << 51) - 1

    static let zero = FieldElement(0, 0, 0, 0, 0)
    static let one = FieldElement(1, 0, 0, 0, 0)
    /// d = -121665/121666, the curve constant.
    static let d = FieldElement(0x34dca135978a3, 0x1a8283b156ebd, 0x5e7a26001c029, 0x739c663a03cbb, 0x52036cee2b6ff)
    /// 2·d, as the addition formulas use it.
    static let d2 = FieldElement(0x69b9426b2f159, 0x35050762add7a, 0x3cf44c0038052, 0x6738cc7407977, 0x2406d9dc56dff)
    /// A square root of -1: 2^((p-1)/4).
    static let sqrtMinusOne = FieldElement(0x61b274a0ea0b0, 0xd5a5fc8f189d, 0x7ef5e9cbd0c60, 0x78595a6804c9e, 0x2b8324804fc1d)

    /// The element of 32 little-endian bytes; bit 255 (the sign of x in a point encoding) is ignored.
    /// Values from p to 2^255-1 are taken modulo p; `isCanonicalEncoding` tells them apart.
    init(bytes: UnsafeRawPointer) {
        let w0 = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        let w1 = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        let w2 = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
        let w3 = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
        self.init(w0 & Self.mask,
                  ((w0 >> 51) | (w1 << 13)) & Self.mask,
                  ((w1 >> 38) | (w2 << 26)) & Self.mask,
                  ((w2 >> 25) | (w3 << 39)) & Self.mask,
                  (w3 >> 12) & Self.mask)
    }

    /// The canonical 32 little-endian bytes (value fully reduced below p), top bit clear.
    func write(to bytes: UnsafeMutableRawPointer) {
        var t = carried().carried()
        // Now t < 2^255 with limbs below 2^51 (bar a tiny l0). Adding 19 carries out of bit 255
        // exactly when t ≥ p - 19 + 19 = p, i.e. when t must lose one p.
        var q = (t.l0 &+ 19) >> 51
        q = (t.l1 &+ q) >> 51
        q = (t.l2 &+ q) >> 51
        q = (t.l3 &+ q) >> 51
        q = (t.l4 &+ q) >> 51
        t.l0 &+= 19 &* q
        t.l1 &+= t.l0 >> 51; t.l0 &= Self.mask
        t.l2 &+= t.l1 >> 51; t.l1 &= Self.mask
        t.l3 &+= t.l2 >> 51; t.l2 &= Self.mask
        t.l4 &+= t.l3 >> 51; t.l3 &= Self.mask
        t.l4 &= Self.mask
        bytes.storeBytes(of: (t.l0 | (t.l1 << 51)).littleEndian, toByteOffset: 0, as: UInt64.self)
        bytes.storeBytes(of: ((t.l1 >> 13) | (t.l2 << 38)).littleEndian, toByteOffset: 8, as: UInt64.self)
        bytes.storeBytes(of: ((t.l2 >> 26) | (t.l3 << 25)).littleEndian, toByteOffset: 16, as: UInt64.self)
        bytes.storeBytes(of: ((t.l3 >> 39) | (t.l4 << 12)).littleEndian, toByteOffset: 24, as: UInt64.self)
    }

    /// The canonical encoding, as four words (for comparisons without memory).
    var canonicalWords: (UInt64, UInt64, UInt64, UInt64) {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { write(to: $0.baseAddress.unsafelyUnwrapped) }
        return words
    }

    /// One carry pass: every limb below 2^51 except l0, which takes 19 × the top carry.
    @inline(__always)
    func carried() -> FieldElement {
        var t = self
        t.l1 &+= t.l0 >> 51; t.l0 &= Self.mask
        t.l2 &+= t.l1 >> 51; t.l1 &= Self.mask
        t.l3 &+= t.l2 >> 51; t.l2 &= Self.mask
        t.l4 &+= t.l3 >> 51; t.l3 &= Self.mask
        t.l0 &+= 19 &* (t.l4 >> 51); t.l4 &= Self.mask
        return t
    }

    @inline(__always)
    static func + (a: FieldElement, b: FieldElement) -> FieldElement {
        FieldElement(a.l0 &+ b.l0, a.l1 &+ b.l1, a.l2 &+ b.l2, a.l3 &+ b.l3, a.l4 &+ b.l4)
    }

    /// a - b, computed as a + 4p - b so no limb goes below zero (b's limbs may reach 2^53),
    /// then carried so the result can take part in further sums.
    @inline(__always)
    static func - (a: FieldElement, b: FieldElement) -> FieldElement {
        FieldElement(a.l0 &+ 0x1f_ffff_ffff_ffb4 &- b.l0,
                     a.l1 &+ 0x1f_ffff_ffff_fffc &- b.l1,
                     a.l2 &+ 0x1f_ffff_ffff_fffc &- b.l2,
                     a.l3 &+ 0x1f_ffff_ffff_fffc &- b.l3,
                     a.l4 &+ 0x1f_ffff_ffff_fffc &- b.l4).carried()
    }

    @inline(__always)
    static prefix func - (a: FieldElement) -> FieldElement { zero - a }

    @inline(__always)
    static func * (a: FieldElement, b: FieldElement) -> FieldElement {
        // Limb products whose weight passes 2^255 come back multiplied by 19.
        let b1 = b.l1 &* 19, b2 = b.l2 &* 19, b3 = b.l3 &* 19, b4 = b.l4 &* 19
        return reduce(product(a.l0, b.l0) &+ product(a.l1, b4) &+ product(a.l2, b3) &+ product(a.l3, b2) &+ product(a.l4, b1),
                      product(a.l0, b.l1) &+ product(a.l1, b.l0) &+ product(a.l2, b4) &+ product(a.l3, b3) &+ product(a.l4, b2),
                      product(a.l0, b.l2) &+ product(a.l1, b.l1) &+ product(a.l2, b.l0) &+ product(a.l3, b4) &+ product(a.l4, b3),
                      product(a.l0, b.l3) &+ product(a.l1, b.l2) &+ product(a.l2, b.l1) &+ product(a.l3, b.l0) &+ product(a.l4, b4),
                      product(a.l0, b.l4) &+ product(a.l1, b.l3) &+ product(a.l2, b.l2) &+ product(a.l3, b.l1) &+ product(a.l4, b.l0))
    }

    /// a·a with the ten cross products computed once and doubled: 15 products instead of 25.
    @inline(__always)
    func squared() -> FieldElement {
        let d0 = l0 &* 2, d1 = l1 &* 2, d2 = l2 &* 2, d3 = l3 &* 2
        let l3x19 = l3 &* 19, l4x19 = l4 &* 19
        return Self.reduce(Self.product(l0, l0) &+ Self.product(d1, l4x19) &+ Self.product(d2, l3x19),
                           Self.product(d0, l1) &+ Self.product(d2, l4x19) &+ Self.product(l3, l3x19),
                           Self.product(d0, l2) &+ Self.product(l1, l1) &+ Self.product(d3, l4x19),
                           Self.product(d0, l3) &+ Self.product(d1, l2) &+ Self.product(l4, l4x19),
                           Self.product(d0, l4) &+ Self.product(d1, l3) &+ Self.product(l2, l2))
    }

    /// A limb product, 64×64→128 bits: one `mul`.
    @inline(__always)
    private static func product(_ a: UInt64, _ b: UInt64) -> UInt128 { UInt128(a) &* UInt128(b) }

    /// Carries five 128-bit column sums (each below 2^115) down to 51-bit limbs. Sums as
    /// `UInt128`, which the optimiser adds with add/adc in registers: a pair of words with the
    /// carry taken by `addingReportingOverflow` (as before) had it spill most of the columns,
    /// and signing took 15–21 µs instead of 12–18 (sitegen-bench ed25519, alternating runs).
    @inline(__always)
    private static func reduce(_ r0: UInt128, _ r1: UInt128, _ r2: UInt128, _ r3: UInt128, _ r4: UInt128) -> FieldElement {
        let r1 = r1 &+ (r0 &>> 51), t0 = UInt64(truncatingIfNeeded: r0) & mask
        let r2 = r2 &+ (r1 &>> 51), t1 = UInt64(truncatingIfNeeded: r1) & mask
        let r3 = r3 &+ (r2 &>> 51), t2 = UInt64(truncatingIfNeeded: r2) & mask
        let r4 = r4 &+ (r3 &>> 51), t3 = UInt64(truncatingIfNeeded: r3) & mask
        // r4 has no ×19 terms, so its carry is below 2^60 and 19 times it still fits a word.
        let c = UInt64(truncatingIfNeeded: r4 &>> 51), t4 = UInt64(truncatingIfNeeded: r4) & mask
        var u0 = t0 &+ c &* 19
        let u1 = t1 &+ (u0 >> 51)
        u0 &= mask
        return FieldElement(u0, u1, t2, t3, t4)
    }

    /// self^(2^n), for the exponent chains.
    @inline(__always)
    func squared(times n: Int) -> FieldElement {
        var t = self
        for _ in 0..<n { t = t.squared() }
        return t
    }

    /// self^(2^250 - 1) and self^11, the common start of inversion and square root (ref10's chain).
    private func power2To250Minus1() -> (FieldElement, FieldElement) {
        let t0 = squared()                         // 2
        var t1 = t0.squared(times: 2)              // 8
        t1 = self * t1                             // 9
        let z11 = t0 * t1                          // 11
        t1 = t1 * z11.squared()                    // 31 = 2^5 - 1
        var t2 = t1.squared(times: 5) * t1         // 2^10 - 1
        let z10 = t2
        t2 = t2.squared(times: 10) * t2            // 2^20 - 1
        t2 = t2.squared(times: 20) * t2            // 2^40 - 1
        t2 = t2.squared(times: 10) * z10           // 2^50 - 1
        let z50 = t2
        t2 = t2.squared(times: 50) * t2            // 2^100 - 1
        t2 = t2.squared(times: 100) * t2           // 2^200 - 1
        t2 = t2.squared(times: 50) * z50           // 2^250 - 1
        return (t2, z11)
    }

    /// 1/self (0 for 0), as self^(p-2) = self^(2^255 - 21).
    func inverted() -> FieldElement {
        let (t, z11) = power2To250Minus1()
        return t.squared(times: 5) * z11
    }

    /// self^((p-5)/8) = self^(2^252 - 3), the heart of a square root.
    func powerPMinus5Over8() -> FieldElement {
        let (t, _) = power2To250Minus1()
        return t.squared(times: 2) * self
    }

    /// Whether the value is 0 modulo p.
    var isZero: Bool {
        let w = canonicalWords
        return (w.0 | w.1 | w.2 | w.3) == 0
    }

    /// The low bit of the canonical value: the "sign" of x in RFC 8032.
    var isNegative: Bool { canonicalWords.0 & 1 == 1 }

    static func == (a: FieldElement, b: FieldElement) -> Bool {
        let x = a.canonicalWords, y = b.canonicalWords
        return ((x.0 ^ y.0) | (x.1 ^ y.1) | (x.2 ^ y.2) | (x.3 ^ y.3)) == 0
    }

    /// Replaces self with `other` where `mask` is all ones; keeps self where it is zero.
    @inline(__always)
    mutating func select(_ other: FieldElement, where mask: UInt64) {
        l0 ^= mask & (l0 ^ other.l0)
        l1 ^= mask & (l1 ^ other.l1)
        l2 ^= mask & (l2 ^ other.l2)
        l3 ^= mask & (l3 ^ other.l3)
        l4 ^= mask & (l4 ^ other.l4)
    }
}
