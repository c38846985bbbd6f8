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

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var a = self.a
        var b = self.b
        var index = 0
        let count = bytes.count
        while index < count {
            let end = min(index + Self.runLength, count)
            while index < end {
                a &+= UInt32(bytes[index])
                b &+= a
                index += 1
            }
            a %= Self.modulus
            b %= Self.modulus
        }
        self.a = a
        self.b = b
    }

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
