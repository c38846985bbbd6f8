// [a]A + [b]B for verification, where everything is public: variable time is allowed, and
// buys speed.
//
// Speed: both scalars are written in width-w non-adjacent form (odd digits, at least w−1 zeros
// after each), and the two are multiplied in one pass of ~253 shared doublings (Straus/Shamir).
// A gets w = 5 (its eight odd multiples are computed per signature); B gets w = 8 with a
// static table of its 64 odd multiples in affine form, so its additions are both rarer (one
// per ~9 bits) and cheaper (mixed).

enum DoubleScalarMultiplication {
    /// B, 3B, 5B, …, 127B.
    static let oddBaseMultiples: [AffineNielsPoint] = {
        var table: [AffineNielsPoint] = []
        table.reserveCapacity(64)
        let twice = ExtendedPoint.base.doubled().extended.projectiveNiels
        var multiple = ExtendedPoint.base
        for i in 0..<64 {
            table.append(multiple.affineNiels)
            if i < 63 { multiple = (multiple + twice).extended }
        }
        return table
    }()

    /// [a]A + [b]B, as a projective point; a and b are 32-byte little-endian scalars below 2^255.
    static func multiply(_ a: Scalar, _ point: ExtendedPoint, _ b: Scalar) -> ProjectivePoint {
        withUnsafeTemporaryAllocation(of: Int8.self, capacity: 512) { buffer in
            let nafA = buffer.baseAddress.unsafelyUnwrapped
            let nafB = nafA + 256
            nonAdjacentForm(a, width: 5, into: nafA)
            nonAdjacentForm(b, width: 8, into: nafB)

            // A, 3A, 5A, …, 15A.
            var oddA = (point.projectiveNiels, point.projectiveNiels, point.projectiveNiels, point.projectiveNiels,
                        point.projectiveNiels, point.projectiveNiels, point.projectiveNiels, point.projectiveNiels)
            return withUnsafeMutableBytes(of: &oddA) { raw in
                let tableA = raw.baseAddress.unsafelyUnwrapped.assumingMemoryBound(to: ProjectiveNielsPoint.self)
                let twice = point.doubled().extended.projectiveNiels
                var multiple = point
                for i in 1..<8 {
                    multiple = (multiple + twice).extended
                    tableA[i] = multiple.projectiveNiels
                }
                return oddBaseMultiples.withUnsafeBufferPointer { tableB in
                    let tableB = tableB.baseAddress.unsafelyUnwrapped
                    var i = 255
                    while i >= 0 && nafA[i] == 0 && nafB[i] == 0 { i -= 1 }
                    var r = ProjectivePoint.identity
                    while i >= 0 {
                        var t = r.doubled()
                        let da = nafA[i], db = nafB[i]
                        if da > 0 {
                            t = t.extended + tableA[Int(da) >> 1]
                        } else if da < 0 {
                            t = t.extended - tableA[Int(-da) >> 1]
                        }
                        if db > 0 {
                            t = t.extended + tableB[Int(db) >> 1]
                        } else if db < 0 {
                            t = t.extended - tableB[Int(-db) >> 1]
                        }
                        r = t.projective
                        i -= 1
                    }
                    return r
                }
            }
        }
    }

    /// Width-w NAF of a scalar below 2^255: 256 digits, each 0 or odd with |d| < 2^(w−1).
    private static func nonAdjacentForm(_ scalar: Scalar, width: Int, into naf: UnsafeMutablePointer<Int8>) {
        naf.initialize(repeating: 0, count: 256)
        let words = scalar.words
        func w(_ index: Int) -> UInt64 {
            switch index {
            case 0: return words.0
            case 1: return words.1
            case 2: return words.2
            case 3: return words.3
            default: return 0
            }
        }
        let windowSize: UInt64 = 1 << UInt64(width)
        let windowMask = windowSize - 1
        var position = 0
        var carry: UInt64 = 0
        while position < 256 {
            let index = position >> 6, bit = position & 63
            let buffer = bit < 64 - width ? w(index) >> bit : (w(index) >> bit) | (w(index + 1) << (64 - bit))
            let window = carry + (buffer & windowMask)
            if window & 1 == 0 {
                position += 1
                continue
            }
            if window < windowSize / 2 {
                carry = 0
                naf[position] = Int8(window)
            } else {
                carry = 1
                naf[position] = Int8(Int64(window) - Int64(windowSize))
            }
            position += width
        }
    }
}
