/// The page being rendered: raw memory grown by doubling, so a write is a capacity check and a
/// copy. Appending to an Array costs a uniqueness check and a generic copy per call, which
/// adds up over the hundreds of small writes of a page.
struct PageBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 256)
        self.base = .allocate(capacity: self.capacity)
    }

    /// Only call once, when done with the buffer.
    func deallocate() { base.deallocate() }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        reserve(bytes.count)
        appendReserved(source, count: bytes.count)
    }

    @inline(__always)
    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    /// Makes room for `extra` more bytes, so that `appendReserved` can follow without checks.
    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if capacity - count < extra { grow(extra) }
    }

    /// Copies `length` bytes into room made by `reserve`.
    @inline(__always)
    mutating func appendReserved(_ source: UnsafePointer<UInt8>, count length: Int) {
        let target = base + count
        if length <= 16 {
            // Most writes are a few bytes (an entity, an indentation, a short value), where a
            // call to memcpy costs more than the copy.
            if length >= 8 {
                let raw = UnsafeRawPointer(source)
                let head = raw.loadUnaligned(as: UInt64.self)
                let tail = raw.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
                UnsafeMutableRawPointer(target).storeBytes(of: head, as: UInt64.self)
                UnsafeMutableRawPointer(target).storeBytes(of: tail, toByteOffset: length - 8, as: UInt64.self)
            } else if length >= 4 {
                let raw = UnsafeRawPointer(source)
                let head = raw.loadUnaligned(as: UInt32.self)
                let tail = raw.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)
                UnsafeMutableRawPointer(target).storeBytes(of: head, as: UInt32.self)
                UnsafeMutableRawPointer(target).storeBytes(of: tail, toByteOffset: length - 4, as: UInt32.self)
            } else {
                for offset in 0..<length { target[offset] = source[offset] }
            }
        } else {
            target.update(from: source, count: length)
        }
        count += length
    }

    @inline(never)
    private mutating func grow(_ extra: Int) {
        let newCapacity = max(capacity * 2, count + extra)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }
}
