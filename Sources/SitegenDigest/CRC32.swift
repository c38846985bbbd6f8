/// CRC-32/ISO-HDLC: the checksum of PNG chunks, zlib's `crc32`, Ethernet and gzip.
///
/// Slicing-by-16 (sixteen 256-entry tables, 16 bytes per step) because baking checks the CRC of
/// every chunk of every badge image and writes one over every assertion.
public struct CRC32: Sendable {
    private var state: UInt32 = 0xFFFF_FFFF

    public init() {}

    /// The checksum of everything fed so far; more can still be fed.
    public var value: UInt32 { ~state }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let start = bytes.baseAddress, !bytes.isEmpty else { return }
        let crc = state
        state = Self.tables.withUnsafeBufferPointer { Self.update(crc, start, bytes.count, tables: $0) }
    }

    /// Kept out of the closure above so `crc` and the cursor live in registers, not in the
    /// closure's captured memory.
    private static func update(_ crc: UInt32, _ start: UnsafeRawPointer, _ count: Int,
                               tables t: UnsafeBufferPointer<UInt32>) -> UInt32 {
        var crc = crc
        var p = start
        var remaining = count
        while remaining >= 16 {
            let w0 = p.loadUnaligned(as: UInt32.self).littleEndian ^ crc
            let w1 = p.loadUnaligned(fromByteOffset: 4, as: UInt32.self).littleEndian
            let w2 = p.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian
            let w3 = p.loadUnaligned(fromByteOffset: 12, as: UInt32.self).littleEndian
            // Only the first word depends on the running CRC: keep its four lookups off the
            // chain that combines the other twelve, which can start before the CRC is known.
            let rest = (t[11 &* 256 &+ Int(w1 & 0xFF)] ^ t[10 &* 256 &+ Int((w1 &>> 8) & 0xFF)]
                ^ t[9 &* 256 &+ Int((w1 &>> 16) & 0xFF)] ^ t[8 &* 256 &+ Int(w1 &>> 24)])
                ^ (t[7 &* 256 &+ Int(w2 & 0xFF)] ^ t[6 &* 256 &+ Int((w2 &>> 8) & 0xFF)]
                    ^ t[5 &* 256 &+ Int((w2 &>> 16) & 0xFF)] ^ t[4 &* 256 &+ Int(w2 &>> 24)])
                ^ (t[3 &* 256 &+ Int(w3 & 0xFF)] ^ t[2 &* 256 &+ Int((w3 &>> 8) & 0xFF)]
                    ^ t[1 &* 256 &+ Int((w3 &>> 16) & 0xFF)] ^ t[Int(w3 &>> 24)])
            crc = ((t[15 &* 256 &+ Int(w0 & 0xFF)] ^ t[14 &* 256 &+ Int((w0 &>> 8) & 0xFF)])
                ^ (t[13 &* 256 &+ Int((w0 &>> 16) & 0xFF)] ^ t[12 &* 256 &+ Int(w0 &>> 24)])) ^ rest
            p += 16
            remaining &-= 16
        }
        while remaining > 0 {
            crc = t[Int((crc ^ UInt32(p.load(as: UInt8.self))) & 0xFF)] ^ (crc &>> 8)
            p += 1
            remaining &-= 1
        }
        return crc
    }

    /// Takes the contiguous-storage fast path for arrays, slices, `Data` and buffers. Inlinable,
    /// so callers in other modules get it specialised for their collection type.
    @inlinable
    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        guard handled == nil else { return }
        let contiguous = Array(bytes)
        contiguous.withUnsafeBytes { update($0) }
    }

    @inlinable
    public static func checksum<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        var crc = CRC32()
        crc.update(bytes)
        return crc.value
    }

    /// Table k maps a byte to its CRC contribution k bytes further along the stream.
    private static let tables: [UInt32] = {
        let polynomial: UInt32 = 0xEDB8_8320 // 0x04C11DB7 bit-reversed
        var tables = [UInt32](repeating: 0, count: 16 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ polynomial : crc >> 1 }
            tables[byte] = crc
        }
        for k in 1..<16 {
            for byte in 0..<256 {
                let previous = tables[(k - 1) * 256 + byte]
                tables[k * 256 + byte] = (previous >> 8) ^ tables[Int(previous & 0xFF)]
            }
        }
        return tables
    }()
}
