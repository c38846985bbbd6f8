/// Writes bits least significant first, as deflate streams are packed.
struct BitWriter {
    var bytes: [UInt8]
    private var buffer: UInt64 = 0
    private(set) var bitCount = 0

    init(appendingTo bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Writes the low `count` bits of `value` (at most 32).
    @inline(__always)
    mutating func write(_ value: UInt32, count: Int) {
        buffer |= UInt64(value) << UInt64(bitCount)
        bitCount &+= count
        if bitCount >= 32 {
            let word = UInt32(truncatingIfNeeded: buffer)
            bytes.append(UInt8(truncatingIfNeeded: word))
            bytes.append(UInt8(truncatingIfNeeded: word >> 8))
            bytes.append(UInt8(truncatingIfNeeded: word >> 16))
            bytes.append(UInt8(truncatingIfNeeded: word >> 24))
            buffer >>= 32
            bitCount &-= 32
        }
    }

    /// Pads with zero bits to a byte boundary and moves every pending byte into `bytes`.
    mutating func alignToByte() {
        while bitCount > 0 {
            bytes.append(UInt8(truncatingIfNeeded: buffer))
            buffer >>= 8
            bitCount = max(0, bitCount - 8)
        }
        buffer = 0
    }
}
