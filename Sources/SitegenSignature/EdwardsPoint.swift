// Points of edwards25519, -x² + y² = 1 + d·x²·y², in the coordinate systems of Hisil, Wong, Carter
// and Dawson ("Twisted Edwards curves revisited", 2008) as ref10 arranges them: every addition is
// a handful of field products and no inversion; one inversion at the end turns the result into
// bytes. The formulas are complete for this curve, so no input needs a special case (a branch).

/// Extended coordinates (X:Y:Z:T): x = X/Z, y = Y/Z, x·y = T/Z.
struct ExtendedPoint: Sendable {
    var x: FieldElement, y: FieldElement, z: FieldElement, t: FieldElement

    @inline(__always)
    init(x: FieldElement, y: FieldElement, z: FieldElement, t: FieldElement) {
        self.x = x; self.y = y; self.z = z; self.t = t
    }

    static let identity = ExtendedPoint(x: .zero, y: .one, z: .one, t: .zero)

    /// The base point B of RFC 8032 (y = 4/5, x even).
    static let base: ExtendedPoint = {
        let x = FieldElement(0x62d608f25d51a, 0x412a4b4f6592a, 0x75b7171a4b31d, 0x1ff60527118fe, 0x216936d3cd6e5)
        let y = FieldElement(0x6666666666658, 0x4cccccccccccc, 0x1999999999999, 0x3333333333333, 0x6666666666666)
        return ExtendedPoint(x: x, y: y, z: .one, t: x * y)
    }()

    var projective: ProjectivePoint { ProjectivePoint(x: x, y: y, z: z) }

    @inline(__always)
    func doubled() -> CompletedPoint { projective.doubled() }

    var negated: ExtendedPoint { ExtendedPoint(x: -x, y: y, z: z, t: -t) }

    /// The form `+` with another extended point wants: (Y+X, Y−X, Z, 2d·T).
    var projectiveNiels: ProjectiveNielsPoint {
        ProjectiveNielsPoint(yPlusX: y + x, yMinusX: y - x, z: z, t2d: t * .d2)
    }

    /// The form of a precomputed table entry: affine, so a mixed addition saves a product.
    var affineNiels: AffineNielsPoint {
        let inverse = z.inverted()
        let ax = x * inverse, ay = y * inverse
        return AffineNielsPoint(yPlusX: ay + ax, yMinusX: ay - ax, xy2d: ax * ay * .d2)
    }

    /// RFC 8032 §5.1.2: y in 255 little-endian bits, the low bit of x in bit 255.
    func encode(to bytes: UnsafeMutableRawPointer) {
        projective.encode(to: bytes)
    }

    /// RFC 8032 §5.1.3, strictly: nil for a y of p or more (a non-canonical encoding), for a y
    /// with no x on the curve, and for x = 0 with the sign bit set. Variable time: only public
    /// keys and signatures are ever decoded.
    init?(decoding bytes: UnsafeRawPointer) {
        let y = FieldElement(bytes: bytes)
        var canonical: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &canonical) { y.write(to: $0.baseAddress.unsafelyUnwrapped) }
        let given = (UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                     UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
                     UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
                     UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 24, as: UInt64.self)))
        guard canonical.0 == given.0, canonical.1 == given.1, canonical.2 == given.2,
              canonical.3 == given.3 & ~(1 << 63) else { return nil }
        let signBit = given.3 >> 63 == 1

        // x² = (y² − 1) / (d·y² + 1) = u/v; the candidate root is u·v³·(u·v⁷)^((p−5)/8).
        let yy = y.squared()
        let u = yy - .one
        let v = yy * .d + .one
        let v3 = v.squared() * v
        let v7 = v3.squared() * v
        var x = u * v3 * (u * v7).powerPMinus5Over8()
        let vxx = v * x.squared()
        if vxx == u {
            // x is a root.
        } else if vxx == -u {
            x = x * .sqrtMinusOne
        } else {
            return nil
        }
        if x.isZero && signBit { return nil }
        if x.isNegative != signBit { x = -x }
        self.init(x: x, y: y, z: .one, t: x * y)
    }

    @inline(__always)
    static func + (p: ExtendedPoint, q: AffineNielsPoint) -> CompletedPoint {
        let a = (p.y + p.x) * q.yPlusX
        let b = (p.y - p.x) * q.yMinusX
        let c = q.xy2d * p.t
        let d = p.z + p.z
        return CompletedPoint(x: a - b, y: a + b, z: d + c, t: d - c)
    }

    @inline(__always)
    static func - (p: ExtendedPoint, q: AffineNielsPoint) -> CompletedPoint {
        let a = (p.y + p.x) * q.yMinusX
        let b = (p.y - p.x) * q.yPlusX
        let c = q.xy2d * p.t
        let d = p.z + p.z
        return CompletedPoint(x: a - b, y: a + b, z: d - c, t: d + c)
    }

    @inline(__always)
    static func + (p: ExtendedPoint, q: ProjectiveNielsPoint) -> CompletedPoint {
        let a = (p.y + p.x) * q.yPlusX
        let b = (p.y - p.x) * q.yMinusX
        let c = q.t2d * p.t
        let zz = p.z * q.z
        let d = zz + zz
        return CompletedPoint(x: a - b, y: a + b, z: d + c, t: d - c)
    }

    @inline(__always)
    static func - (p: ExtendedPoint, q: ProjectiveNielsPoint) -> CompletedPoint {
        let a = (p.y + p.x) * q.yMinusX
        let b = (p.y - p.x) * q.yPlusX
        let c = q.t2d * p.t
        let zz = p.z * q.z
        let d = zz + zz
        return CompletedPoint(x: a - b, y: a + b, z: d - c, t: d + c)
    }
}

/// Projective coordinates (X:Y:Z): enough for a doubling, which needs no T.
struct ProjectivePoint: Sendable {
    var x: FieldElement, y: FieldElement, z: FieldElement

    static let identity = ProjectivePoint(x: .zero, y: .one, z: .one)

    /// 2·P in four squarings (ref10's ge_p2_dbl).
    @inline(__always)
    func doubled() -> CompletedPoint {
        let xx = x.squared()
        let yy = y.squared()
        let zz2 = z.squared()
        let b = zz2 + zz2
        let a = x + y
        let aa = a.squared()
        let ySum = yy + xx
        let zDifference = yy - xx
        return CompletedPoint(x: aa - ySum, y: ySum, z: zDifference, t: b - zDifference)
    }

    func encode(to bytes: UnsafeMutableRawPointer) {
        encode(to: bytes, inverseZ: z.inverted())
    }

    /// The same with 1/Z made already (`Ed25519.PrivateKey.signatures(for:)` makes several at once).
    func encode(to bytes: UnsafeMutableRawPointer, inverseZ inverse: FieldElement) {
        let ax = x * inverse, ay = y * inverse
        ay.write(to: bytes)
        // The sign of x goes into bit 255 without a branch on it (R is secret until published).
        let sign = UInt8(truncatingIfNeeded: ax.canonicalWords.0 & 1)
        bytes.storeBytes(of: bytes.load(fromByteOffset: 31, as: UInt8.self) | sign << 7, toByteOffset: 31, as: UInt8.self)
    }
}

/// The result of an addition or doubling before its last products ("P1×P1"): x = X/Z, y = Y/T.
/// Converting costs three products to projective, four to extended, so each caller pays only
/// for the coordinates the next step reads.
struct CompletedPoint: Sendable {
    var x: FieldElement, y: FieldElement, z: FieldElement, t: FieldElement

    @inline(__always)
    var extended: ExtendedPoint { ExtendedPoint(x: x * t, y: y * z, z: z * t, t: x * y) }

    @inline(__always)
    var projective: ProjectivePoint { ProjectivePoint(x: x * t, y: y * z, z: z * t) }
}

/// A table entry for mixed addition: (y+x, y−x, 2d·x·y) of an affine point.
struct AffineNielsPoint: Sendable {
    var yPlusX: FieldElement, yMinusX: FieldElement, xy2d: FieldElement

    static let identity = AffineNielsPoint(yPlusX: .one, yMinusX: .one, xy2d: .zero)

    var negated: AffineNielsPoint { AffineNielsPoint(yPlusX: yMinusX, yMinusX: yPlusX, xy2d: -xy2d) }

    @inline(__always)
    mutating func select(_ other: AffineNielsPoint, where mask: UInt64) {
        yPlusX.select(other.yPlusX, where: mask)
        yMinusX.select(other.yMinusX, where: mask)
        xy2d.select(other.xy2d, where: mask)
    }
}

/// An extended point ready to be added: (Y+X, Y−X, Z, 2d·T).
struct ProjectiveNielsPoint: Sendable {
    var yPlusX: FieldElement, yMinusX: FieldElement, z: FieldElement, t2d: FieldElement
}
