// [a]B for a secret scalar a: the cost of signing and of making a key.
//
// Speed: a is written in 64 signed radix-16 digits, a = Σ eᵢ·16ⁱ with eᵢ in −8…8, and the table
// holds j·256ⁱ·B for j = 1…8 and i = 0…31 as affine Niels points (ref10's layout). The odd digits
// are summed from the rows, the sum is multiplied by 16 (four doublings), the even digits are
// added: 64 mixed additions (7 products each, no inversion) and 4 doublings for the whole product,
// instead of ~255 doublings and ~128 additions for double-and-add. The table (30 KiB) is
// computed once per process, on the first signature.
//
// Constant time: every entry of a row is read and masked in (`select`), and the digit's sign is
// applied by a masked swap, so which entry is used shows in neither branches nor addresses.

enum BasePointTable {
    /// Row i, entry j: (j+1)·256ⁱ·B.
    static let rows: [AffineNielsPoint] = {
        var table: [AffineNielsPoint] = []
        table.reserveCapacity(32 * 8)
        var rowBase = ExtendedPoint.base
        for _ in 0..<32 {
            let niels = rowBase.projectiveNiels
            var multiple = rowBase
            for j in 0..<8 {
                table.append(multiple.affineNiels)
                if j < 7 { multiple = (multiple + niels).extended }
            }
            // 256·rowBase: eight doublings.
            var next = rowBase
            for _ in 0..<8 { next = next.doubled().extended }
            rowBase = next
        }
        return table
    }()

    /// [scalar]B for a scalar of 32 little-endian bytes whose top bit is clear (any reduced
    /// scalar, or a clamped secret).
    static func multiply(_ scalar: UnsafeRawPointer) -> ExtendedPoint {
        withUnsafeTemporaryAllocation(of: Int8.self, capacity: 64) { digitBuffer in
            let e = digitBuffer.baseAddress.unsafelyUnwrapped
            for i in 0..<32 {
                let byte = scalar.load(fromByteOffset: i, as: UInt8.self)
                e[2 &* i] = Int8(truncatingIfNeeded: byte & 15)
                e[2 &* i &+ 1] = Int8(truncatingIfNeeded: byte >> 4)
            }
            // Digits 0…15 become −8…7 by carrying into the next; the top one ends in 0…8.
            var carry: Int8 = 0
            for i in 0..<63 {
                e[i] &+= carry
                carry = (e[i] &+ 8) >> 4
                e[i] &-= carry << 4
            }
            e[63] &+= carry

            return rows.withUnsafeBufferPointer { table in
                let table = table.baseAddress.unsafelyUnwrapped
                var h = ExtendedPoint.identity
                for i in stride(from: 1, to: 64, by: 2) {
                    h = (h + select(table + 8 &* (i >> 1), e[i])).extended
                }
                h = h.doubled().projective.doubled().projective.doubled().projective.doubled().extended
                for i in stride(from: 0, to: 64, by: 2) {
                    h = (h + select(table + 8 &* (i >> 1), e[i])).extended
                }
                return h
            }
        }
    }

    /// digit·(row's point) for a digit in −8…8, reading all eight entries.
    @inline(__always)
    private static func select(_ row: UnsafePointer<AffineNielsPoint>, _ digit: Int8) -> AffineNielsPoint {
        let negative = UInt64(bitPattern: Int64(digit) >> 63)
        let magnitude = (UInt64(bitPattern: Int64(digit)) ^ negative) &- negative
        var chosen = AffineNielsPoint.identity
        for j in 0..<8 {
            // All ones exactly when magnitude == j + 1: (x − 1) >> 63 is 1 only for x = 0.
            let difference = magnitude ^ UInt64(j &+ 1)
            chosen.select(row[j], where: 0 &- ((difference &- 1) >> 63))
        }
        chosen.select(chosen.negated, where: negative)
        return chosen
    }
}
