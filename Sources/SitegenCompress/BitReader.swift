/// Reads a deflate stream's bits least significant first, from a 64-bit buffer refilled a word at
/// a time.
///
/// Near the end of the input the buffer is padded with zero bits so decoding needs no bounds check
/// per symbol; consuming any padding is caught at the next refill (or at the end) and reported as
/// truncation. Between a bad symbol and that report at most one more symbol is decoded.
struct BitReader {
    let base: UnsafePointer<UInt8>
    let count: Int
    /// The next byte to load into `buffer`.
    var position: Int
    var buffer: UInt64 = 0
    var bitCount = 0
    /// Zero bits loaded after the last input byte.
    var paddingBits = 0

    init(_ input: UnsafeBufferPointer<UInt8>, from start: Int) {
        base = input.baseAddress ?? UnsafePointer(bitPattern: 1)!
        count = input.count
        position = start
    }

    /// Bits consumed so far, counted from the start of the input.
    var consumedBits: Int { position * 8 + paddingBits - bitCount }

    /// The byte holding the next unread bit: where errors are reported.
    var offset: Int { min(consumedBits / 8, count) }

    /// Guarantees at least 56 bits in the buffer.
    @inline(__always)
    mutating func refill() throws(CompressedDataError) {
        if position + 8 <= count {
            // Unaligned 8-byte load: one load and shift per refill instead of up to eight byte loads.
            // Bits of the partly loaded byte above `bitCount` are loaded again identically next time.
            let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
            buffer |= UInt64(littleEndian: word) << UInt64(bitCount)
            position += (63 - bitCount) >> 3
            bitCount |= 56
        } else {
            try refillNearEnd()
        }
    }

    private mutating func refillNearEnd() throws(CompressedDataError) {
        if paddingBits > bitCount { throw CompressedDataError(.truncated, at: count) }
        while bitCount <= 56 {
            if position < count {
                buffer |= UInt64(base[position]) << UInt64(bitCount)
                position += 1
            } else {
                paddingBits += 8
            }
            bitCount += 8
        }
    }

    @inline(__always)
    func peek(_ n: Int) -> UInt32 {
        UInt32(truncatingIfNeeded: buffer & ((1 << UInt64(n)) &- 1))
    }

    @inline(__always)
    mutating func consume(_ n: Int) {
        buffer >>= UInt64(n)
        bitCount &-= n
    }

    @inline(__always)
    mutating func read(_ n: Int) -> UInt32 {
        let value = peek(n)
        consume(n)
        return value
    }

    /// Drops the rest of the current byte and hands back the byte position reached, emptying the
    /// buffer so the caller can read whole bytes directly.
    mutating func alignToByte() throws(CompressedDataError) -> Int {
        let consumed = consumedBits
        guard consumed <= count * 8 else { throw CompressedDataError(.truncated, at: count) }
        let next = (consumed + 7) / 8
        position = next
        buffer = 0
        bitCount = 0
        paddingBits = 0
        return next
    }
}
