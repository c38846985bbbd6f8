/// The growing output of one decompression: a manually managed buffer, because appending to an
/// `Array` byte by byte checks capacity and uniqueness on every byte, and match copies want
/// `memcpy`/`memmove` on raw memory.
struct InflateOutput: ~Copyable {
    private(set) var storage: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    private(set) var count = 0
    let limit: Int

    init(expected: Int, limit: Int) {
        self.limit = max(0, limit)
        // Never more than the limit: `reserve` only checks the limit when the capacity runs out.
        capacity = min(max(64, expected), self.limit)
        storage = .allocate(capacity: capacity)
    }

    deinit { storage.deallocate() }

    /// Makes room for `n` more bytes, or throws if that passes the limit.
    @inline(__always)
    mutating func reserve(_ n: Int, offset: Int) throws(CompressedDataError) {
        if count &+ n > capacity { try grow(n, offset: offset) }
    }

    private mutating func grow(_ n: Int, offset: Int) throws(CompressedDataError) {
        let needed = count + n
        guard needed <= limit else { throw CompressedDataError(.outputLimitExceeded(limit: limit), at: offset) }
        let newCapacity = min(max(needed, capacity * 2), limit)
        let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStorage.update(from: storage, count: count)
        storage.deallocate()
        storage = newStorage
        capacity = newCapacity
    }

    /// Call `reserve(1)` first.
    @inline(__always)
    mutating func append(_ byte: UInt8) {
        storage[count] = byte
        count &+= 1
    }

    /// Call `reserve` first.
    mutating func append(_ bytes: UnsafePointer<UInt8>, count n: Int) {
        (storage + count).update(from: bytes, count: n)
        count += n
    }

    /// Copies `length` bytes from `distance` back; `distance` must be 1…count, `reserve` called.
    @inline(__always)
    mutating func copyMatch(distance: Int, length: Int) {
        let destination = storage + count
        let source = destination - distance
        if distance >= length {
            destination.update(from: source, count: length)
        } else if distance == 1 {
            destination.update(repeating: source.pointee, count: length)
        } else {
            // Overlapping: each `distance`-long piece repeats the one before it and does not overlap it.
            var done = 0
            while done < length {
                let piece = min(distance, length - done)
                (destination + done).update(from: source + done, count: piece)
                done += piece
            }
        }
        count &+= length
    }

    consuming func bytes() -> [UInt8] {
        Array(UnsafeBufferPointer(start: storage, count: count))
    }

    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws(CompressedDataError) -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage, count: count))
    }
}
