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

    /// Runs `body` with a writer that stores straight into `bytes`' memory, for a loop that
    /// writes at most `maxBytes` bytes: no per-store capacity and uniqueness checks of
    /// `Array.append`. The same bits as writing through `write`.
    mutating func writingDirectly(atMost maxBytes: Int, _ body: (inout DirectBitWriter) -> Void) {
        let start = bytes.count
        // Room for every word `write` can store, and four bytes of slack for the last one.
        let room = maxBytes + 4
        bytes.append(contentsOf: repeatElement(0, count: room))
        var written = 0
        bytes.withUnsafeMutableBufferPointer { storage in
            var direct = DirectBitWriter(base: UnsafeMutableRawPointer(storage.baseAddress! + start), buffer: buffer, bitCount: bitCount)
            body(&direct)
            precondition(direct.written <= maxBytes, "wrote past the reserved bytes")
            written = direct.written
            buffer = direct.buffer
            bitCount = direct.bitCount
        }
        bytes.removeLast(room - written)
    }

    /// The bits written so far, to be appended to other streams (`DirectBitWriter.append`).
    var encodedBits: EncodedBits {
        var copy = self
        let bitCount = bytes.count * 8 + copy.bitCount
        copy.alignToByte()
        copy.bytes += repeatElement(0, count: (4 - copy.bytes.count % 4) % 4)
        return copy.bytes.withUnsafeBytes { EncodedBits($0.baseAddress, bitCount: bitCount) }
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

/// Deflate bits written once and appended to many streams (`DirectBitWriter.append`), in
/// 32-bit words, the first bit lowest.
struct EncodedBits {
    let words: [UInt32]
    let bitCount: Int

    /// The first `bitCount` bits of the little-endian words at `memory`, which holds all the
    /// words they reach.
    init(_ memory: UnsafeRawPointer?, bitCount: Int) {
        let count = (bitCount + 31) / 32
        words = (0..<count).map { UInt32(littleEndian: memory!.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)) }
        self.bitCount = bitCount
    }
}

/// Bits written into memory reserved ahead (`BitWriter.writingDirectly`), a 32-bit word at a time.
struct DirectBitWriter {
    let base: UnsafeMutableRawPointer
    fileprivate(set) var buffer: UInt64
    fileprivate(set) var bitCount: Int
    fileprivate(set) var written = 0

    /// A writer at the start of `base`, which must hold every byte written and 4 more.
    init(base: UnsafeMutableRawPointer, buffer: UInt64 = 0, bitCount: Int = 0) {
        self.base = base
        self.buffer = buffer
        self.bitCount = bitCount
    }

    /// Writes `bits` as they were written, a word per step however this writer's bits are
    /// aligned: at most (bits.bitCount + 7) / 8 + 4 bytes.
    mutating func append(_ bits: EncodedBits) {
        bits.words.withUnsafeBufferPointer { words in
            let whole = bits.bitCount / 32
            for index in 0..<whole { writeWithoutBranching(words[index], count: 32) }
            let rest = bits.bitCount % 32
            if rest > 0 { writeWithoutBranching(words[whole] & ((1 << UInt32(rest)) - 1), count: rest) }
        }
    }

    /// Pads with zero bits to a byte boundary and stores the pending bytes.
    mutating func alignToByte() {
        let bytes = (bitCount + 7) / 8
        base.storeBytes(of: UInt32(truncatingIfNeeded: buffer).littleEndian, toByteOffset: written, as: UInt32.self)
        written += bytes
        buffer = 0
        bitCount = 0
    }

    /// `BitWriter.write` without its branch: the pending word is stored every time (a flush
    /// overwrites it in place, the reserved slack takes the rest) and the flush is arithmetic,
    /// for loops where whether a write completes a word is unpredictable. The same bytes.
    @inline(__always)
    mutating func writeWithoutBranching(_ value: UInt32, count: Int) {
        buffer |= UInt64(value) << UInt64(bitCount)
        bitCount &+= count
        base.storeBytes(of: UInt32(truncatingIfNeeded: buffer).littleEndian, toByteOffset: written, as: UInt32.self)
        let flushed = bitCount >> 5
        written &+= flushed << 2
        buffer >>= UInt64(flushed << 5)
        bitCount &-= flushed << 5
    }
}
