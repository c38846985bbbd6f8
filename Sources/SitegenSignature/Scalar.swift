// Integers modulo L = 2^252 + 27742317777372353535851937790883648493, the order of the base
// point: the nonce, the challenge and S of a signature.
//
// Arithmetic in twelve signed 21-bit limbs held in Int64 (ref10's radix): a limb product is
// below 2^42, so a whole column of products and carries fits a word with no 128-bit
// arithmetic. Fixed loops over fixed limbs, no branch on a value: constant time, as the
// secret scalar and nonce require.

/// A scalar as 32 little-endian bytes, fully reduced below L.
struct Scalar: Sendable {
    var words: (UInt64, UInt64, UInt64, UInt64)

    /// L in 64-bit words, least significant first.
    static let order: (UInt64, UInt64, UInt64, UInt64) = (0x5812_631a_5cf5_d3ed, 0x14de_f9de_a2f7_9cd6, 0, 0x1000_0000_0000_0000)

    /// 2^252 ≡ −l₀ (mod L), l₀ = L − 2^252, in signed 21-bit limbs: a limb at or above weight
    /// 2^252 folds down as these multiples of itself twelve limbs lower.
    private static let foldFactors: (Int64, Int64, Int64, Int64, Int64, Int64) =
        (666_643, 470_296, 654_183, -997_805, 136_657, -683_901)

    init(words: (UInt64, UInt64, UInt64, UInt64)) {
        self.words = words
    }

    /// The scalar of 32 little-endian bytes if they are below L (RFC 8032's check on S), else nil.
    init?(canonical bytes: UnsafeRawPointer) {
        let w = (UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                 UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
                 UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
                 UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 24, as: UInt64.self)))
        // w < L, most significant word first (public data: variable time is fine).
        let l = Self.order
        let below = w.3 != l.3 ? w.3 < l.3 : w.2 != l.2 ? w.2 < l.2 : w.1 != l.1 ? w.1 < l.1 : w.0 < l.0
        guard below else { return nil }
        words = w
    }

    /// A 512-bit little-endian value (a SHA-512 digest) modulo L.
    init(reducing wide: UnsafeRawPointer) {
        self = withUnsafeTemporaryAllocation(of: Int64.self, capacity: 25) { buffer in
            let s = buffer.baseAddress.unsafelyUnwrapped
            s.initialize(repeating: 0, count: 25)
            for i in 0..<23 {
                s[i] = Self.bits(wide, wordCount: 8, at: 21 &* i)
            }
            // The last limb takes the 29 bits from 483 up.
            s[23] = Int64(UInt64(littleEndian: wide.loadUnaligned(fromByteOffset: 56, as: UInt64.self)) >> 35)
            return Self.reduceLimbs(s)
        }
    }

    /// a·b + c modulo L, for a, b, c of 32 bytes each (S = r + k·a).
    static func multiplyAdd(_ a: Scalar, _ b: Scalar, _ c: Scalar) -> Scalar {
        withUnsafeTemporaryAllocation(of: Int64.self, capacity: 61) { buffer in
            let s = buffer.baseAddress.unsafelyUnwrapped
            let x = s + 25, y = s + 37, z = s + 49
            s.initialize(repeating: 0, count: 25)
            a.limbs(into: x)
            b.limbs(into: y)
            c.limbs(into: z)
            for i in 0..<12 {
                s[i] &+= z[i]
                for j in 0..<12 {
                    s[i &+ j] &+= x[i] &* y[j]
                }
            }
            for i in 0..<23 { carrySigned(s, i) }
            return reduceLimbs(s)
        }
    }

    /// The twelve 21-bit limbs of the 256-bit value (the last takes bits 231…255).
    private func limbs(into limb: UnsafeMutablePointer<Int64>) {
        var w = words
        withUnsafeBytes(of: &w) { raw in
            let base = raw.baseAddress.unsafelyUnwrapped
            for i in 0..<11 {
                limb[i] = Self.bits(base, wordCount: 4, at: 21 &* i)
            }
            limb[11] = Int64(UInt64(littleEndian: base.loadUnaligned(fromByteOffset: 24, as: UInt64.self)) >> 39)
        }
    }

    /// 21 bits from `offset` of a little-endian value of `wordCount` words.
    @inline(__always)
    private static func bits(_ value: UnsafeRawPointer, wordCount: Int, at offset: Int) -> Int64 {
        let index = offset >> 6, shift = offset & 63
        var v = UInt64(littleEndian: value.loadUnaligned(fromByteOffset: index &* 8, as: UInt64.self)) >> shift
        if shift > 43 && index &+ 1 < wordCount {
            v |= UInt64(littleEndian: value.loadUnaligned(fromByteOffset: (index &+ 1) &* 8, as: UInt64.self)) << (64 &- shift)
        }
        return Int64(v & 0x1f_ffff)
    }

    /// Moves limb i's excess over ±2^20 into limb i+1 (rounding, so the limb ends in −2^20…2^20).
    @inline(__always)
    private static func carrySigned(_ s: UnsafeMutablePointer<Int64>, _ i: Int) {
        let carry = (s[i] &+ (1 << 20)) >> 21
        s[i &+ 1] &+= carry
        s[i] &-= carry << 21
    }

    /// Moves limb i's bits above 21 into limb i+1 (flooring, so the limb ends in 0…2^21−1).
    @inline(__always)
    private static func carryFloor(_ s: UnsafeMutablePointer<Int64>, _ i: Int) {
        let carry = s[i] >> 21
        s[i &+ 1] &+= carry
        s[i] &-= carry << 21
    }

    /// Limb i (weight 2^(21i), i ≥ 12) folded into limbs i−12…i−7.
    @inline(__always)
    private static func fold(_ s: UnsafeMutablePointer<Int64>, _ i: Int) {
        let v = s[i], f = foldFactors
        s[i &- 12] &+= v &* f.0
        s[i &- 11] &+= v &* f.1
        s[i &- 10] &+= v &* f.2
        s[i &- 9] &+= v &* f.3
        s[i &- 8] &+= v &* f.4
        s[i &- 7] &+= v &* f.5
        s[i] = 0
    }

    /// Reduces 24 limbs (about 21 bits each, the top one up to 30) modulo L; s has room for 25.
    private static func reduceLimbs(_ s: UnsafeMutablePointer<Int64>) -> Scalar {
        // Fold the top limb down, then carry what the fold touched so that the next limb to fold
        // is small again (products stay below 2^52).
        for i in stride(from: 23, through: 12, by: -1) {
            fold(s, i)
            for j in (i &- 12)..<(i &- 1) { carrySigned(s, j) }
        }
        // Now v = Σ s[0…11]·2^(21i) lies in (−2^253, 2^253). Floor-carry (limbs 0…2^21−1, the
        // excess in s[12] ∈ −2…1) and fold it: v ∈ (−2^126, 2^252 + 2^126), s[12] ∈ −1…1 after
        // the next carry.
        s[12] = 0
        for i in 0..<12 { carryFloor(s, i) }
        fold(s, 12)
        for i in 0..<12 { carryFloor(s, i) }
        // Add L (l₀ in limbs 0…5, 2^252 in limb 12): now 0 < v < 3L, all limbs non-negative.
        let f = foldFactors
        s[0] &-= f.0; s[1] &-= f.1; s[2] &-= f.2; s[3] &-= f.3; s[4] &-= f.4; s[5] &-= f.5
        s[12] &+= 1
        for i in 0..<12 { carryFloor(s, i) }

        var w: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &w) { raw in
            let words = raw.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: UInt64.self)
            for i in 0...12 {
                let limb = UInt64(bitPattern: s[i]), offset = 21 &* i
                let index = offset >> 6, shift = offset & 63
                words[index] |= limb << shift
                if shift > 43 && index < 3 { words[index &+ 1] |= limb >> (64 &- shift) }
            }
        }
        var result = Scalar(words: w)
        result.subtractOrderIfNotBelow()
        result.subtractOrderIfNotBelow()
        return result
    }

    /// self − L if self ≥ L, chosen by mask. Borrows are computed with bit operations
    /// (Hacker's Delight 2-13), not with `||` or a comparison, which the compiler may turn into a
    /// branch on the secret value.
    @inline(__always)
    private mutating func subtractOrderIfNotBelow() {
        @inline(__always)
        func subtract(_ a: UInt64, _ b: UInt64, _ borrowIn: UInt64) -> (UInt64, UInt64) {
            let d = a &- b &- borrowIn
            return (d, ((~a & b) | (~(a ^ b) & d)) >> 63)
        }
        let l = Self.order
        let (d0, b0) = subtract(words.0, l.0, 0)
        let (d1, b1) = subtract(words.1, l.1, b0)
        let (d2, b2) = subtract(words.2, l.2, b1)
        let (d3, b3) = subtract(words.3, l.3, b2)
        let keep = 0 &- b3  // all ones: the subtraction went below zero, keep self
        words.0 = (words.0 & keep) | (d0 & ~keep)
        words.1 = (words.1 & keep) | (d1 & ~keep)
        words.2 = (words.2 & keep) | (d2 & ~keep)
        words.3 = (words.3 & keep) | (d3 & ~keep)
    }

    func write(to bytes: UnsafeMutableRawPointer) {
        bytes.storeBytes(of: words.0.littleEndian, toByteOffset: 0, as: UInt64.self)
        bytes.storeBytes(of: words.1.littleEndian, toByteOffset: 8, as: UInt64.self)
        bytes.storeBytes(of: words.2.littleEndian, toByteOffset: 16, as: UInt64.self)
        bytes.storeBytes(of: words.3.littleEndian, toByteOffset: 24, as: UInt64.self)
    }
}
