import Testing
@testable import SitegenSignature
import SitegenRandom

/// Scalar arithmetic modulo L against a slow, plainly correct reference: bit-by-bit long
/// division on four words.
@Suite struct ScalarTests {
    static let order: [UInt64] = [0x5812_631a_5cf5_d3ed, 0x14de_f9de_a2f7_9cd6, 0, 0x1000_0000_0000_0000]

    /// value mod L for a little-endian value of any number of words.
    static func referenceModulo(_ value: [UInt64]) -> [UInt64] {
        var r: [UInt64] = [0, 0, 0, 0]
        for word in value.reversed() {
            for bit in (0..<64).reversed() {
                // r = 2r + bit (r < L < 2^253, so no overflow), then r −= L if r ≥ L.
                r = [r[0] << 1 | (word >> UInt64(bit)) & 1, r[1] << 1 | r[0] >> 63, r[2] << 1 | r[1] >> 63, r[3] << 1 | r[2] >> 63]
                if !isBelowOrder(r) { r = subtractOrder(r) }
            }
        }
        return r
    }

    static func isBelowOrder(_ r: [UInt64]) -> Bool {
        for i in (0..<4).reversed() where r[i] != order[i] { return r[i] < order[i] }
        return false
    }

    static func subtractOrder(_ r: [UInt64]) -> [UInt64] {
        var out = r, borrow: UInt64 = 0
        for i in 0..<4 {
            let (a, b1) = r[i].subtractingReportingOverflow(order[i])
            let (c, b2) = a.subtractingReportingOverflow(borrow)
            out[i] = c
            borrow = (b1 || b2) ? 1 : 0
        }
        return out
    }

    static func product(_ a: [UInt64], _ b: [UInt64], plus c: [UInt64]) -> [UInt64] {
        var out = [UInt64](repeating: 0, count: 9)
        for (i, word) in c.enumerated() { out[i] = word }
        for i in 0..<4 {
            var carry: UInt64 = 0
            for j in 0..<4 {
                let p = a[i].multipliedFullWidth(by: b[j])
                let (s1, o1) = out[i + j].addingReportingOverflow(p.low)
                let (s2, o2) = s1.addingReportingOverflow(carry)
                out[i + j] = s2
                carry = p.high &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
            }
            var k = i + 4
            while carry != 0 {
                let (s, o) = out[k].addingReportingOverflow(carry)
                out[k] = s
                carry = o ? 1 : 0
                k += 1
            }
        }
        return out
    }

    static func words(_ scalar: Scalar) -> [UInt64] { [scalar.words.0, scalar.words.1, scalar.words.2, scalar.words.3] }

    static func reduced(_ wide: [UInt64]) -> [UInt64] {
        wide.withUnsafeBytes { words(Scalar(reducing: $0.baseAddress!)) }
    }

    static let edgeValues: [[UInt64]] = {
        let l = order
        return [
            [0, 0, 0, 0], [1, 0, 0, 0], [l[0] - 1, l[1], l[2], l[3]], l, [l[0] + 1, l[1], l[2], l[3]],
            [0, 0, 0, 1 << 60], [0, 0, 0, 1 << 63], [.max, .max, .max, .max >> 1], [.max, .max, .max, .max],
        ]
    }()

    @Test func reducingWideValues() {
        var random = SplitMix(seed: 0x5ca1a2)
        var cases: [[UInt64]] = []
        for low in Self.edgeValues {
            for high in Self.edgeValues { cases.append(low + high) }
        }
        // Multiples of L and their neighbours: k·L − 1, k·L, k·L + 1.
        for k: [UInt64] in [[1, 0, 0, 0], [2, 0, 0, 0], [0, 0, 0, 1 << 62], [.max, .max, .max, 0x0f]] {
            let multiple = Self.product(Self.order, k, plus: [0, 0, 0, 0])
            for delta in [-1, 0, 1] {
                var value = Array(multiple.prefix(8))
                if delta == 1 { value[0] &+= 1 } else if delta == -1 { value[0] &-= 1 }
                cases.append(value)
            }
        }
        for _ in 0..<2000 { cases.append((0..<8).map { _ in random.next() }) }
        for value in cases {
            #expect(Self.reduced(value) == Self.referenceModulo(value), "\(value)")
        }
    }

    @Test func multiplyAdd() {
        var random = SplitMix(seed: 0xadd)
        var triples: [([UInt64], [UInt64], [UInt64])] = []
        for a in Self.edgeValues {
            for b in Self.edgeValues { triples.append((a, b, Self.edgeValues[(a[0] ^ b[0]).hashValue & 7])) }
        }
        for _ in 0..<2000 {
            triples.append(((0..<4).map { _ in random.next() }, (0..<4).map { _ in random.next() }, (0..<4).map { _ in random.next() }))
        }
        for (a, b, c) in triples {
            let scalar = { (w: [UInt64]) in Scalar(words: (w[0], w[1], w[2], w[3])) }
            let result = Self.words(Scalar.multiplyAdd(scalar(a), scalar(b), scalar(c)))
            #expect(result == Self.referenceModulo(Self.product(a, b, plus: c)), "\(a) \(b) \(c)")
        }
    }

    @Test func canonicalScalarsAreBelowTheOrder() {
        let l = Self.order
        for (value, canonical) in [([l[0] - 1, l[1], l[2], l[3]], true), (l, false), ([l[0] + 1, l[1], l[2], l[3]], false),
                                   ([0, 0, 0, 0], true), ([.max, .max, .max, .max], false), ([0, 0, 0, 1 << 60], true), ([0, 0, 0, 1 << 61], false)] {
            #expect(value.withUnsafeBytes { Scalar(canonical: $0.baseAddress!) != nil } == canonical, "\(value)")
        }
    }
}
