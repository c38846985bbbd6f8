/// Bytes written one piece after another into raw memory grown by doubling, so a write is a
/// capacity check and a copy: appending to an Array costs a uniqueness check and a generic
/// copy per call, which adds up over the hundreds of small writes of a page. Pages render into
/// one, and view models write text into a document's (`TemplateDocument.Writer.appendText`).
/// Not copyable: it owns its memory.
public struct TextBuffer: ~Copyable {
    private(set) var base: UnsafeMutablePointer<UInt8>
    public private(set) var count = 0
    private var capacity: Int
    /// False while writing into memory lent by the caller (`init(lent:capacity:)`).
    private(set) var ownsMemory = true

    public init(capacity: Int = 256) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    /// Writes into `memory` until it is full, then into memory of its own: whether it moved
    /// shows in `ownsMemory`. `memory` must outlive the buffer.
    public init(lent memory: UnsafeMutablePointer<UInt8>, capacity: Int) {
        base = memory
        self.capacity = capacity
        ownsMemory = false
    }

    deinit {
        if ownsMemory { base.deallocate() }
    }

    /// The bytes written, valid until the next write.
    public var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// The bytes written as UTF-8 text (invalid sequences repaired).
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// The memory written, now the caller's to deallocate.
    consuming func take() -> UnsafeMutableBufferPointer<UInt8> {
        let written = UnsafeMutableBufferPointer(start: base, count: count)
        discard self
        return written
    }

    /// Empties the buffer, keeping its memory.
    public mutating func removeAll() { count = 0 }

    @inline(__always)
    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        reserve(bytes.count)
        appendReserved(source, count: bytes.count)
    }

    @inline(__always)
    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    @inline(__always)
    public mutating func append(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    @inline(__always)
    public mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// The UTF-8 of `text`, in one copy.
    @inline(__always)
    public mutating func append(_ text: String) {
        let length = text.utf8.count
        reserve(length)
        let target = base + count
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { Self.copy($0.baseAddress!, count: $0.count, to: target) }
        if copied == nil { UnsafeMutableRawBufferPointer(start: target, count: length).copyBytes(from: text.utf8) }
        count += length
    }

    @inline(__always)
    public mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    /// Lets `write` fill up to `maximum` bytes at the end, without a check per byte; it returns
    /// how many it wrote.
    @inline(__always)
    public mutating func append(upTo maximum: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int) {
        reserve(maximum)
        appendReserved(write)
    }

    /// Makes room for `extra` more bytes, so that `appendReserved` can follow without checks.
    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if capacity - count < extra { grow(extra) }
    }

    /// Copies `length` bytes into room made by `reserve`.
    @inline(__always)
    mutating func appendReserved(_ source: UnsafePointer<UInt8>, count length: Int) {
        Self.copy(source, count: length, to: base + count)
        count += length
    }

    /// Lets `write` fill room made by `reserve`; it returns how many bytes it wrote.
    @inline(__always)
    mutating func appendReserved(_ write: (UnsafeMutablePointer<UInt8>) -> Int) {
        count += write(base + count)
    }

    @inline(__always)
    static func copy(_ source: UnsafePointer<UInt8>, count length: Int, to target: UnsafeMutablePointer<UInt8>) {
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
        } else if length <= 64 {
            // Two to four overlapping 16-byte moves: a page's literal runs between values are
            // mostly this short, where memcpy's call and dispatch cost more than the copy.
            let raw = UnsafeRawPointer(source)
            let out = UnsafeMutableRawPointer(target)
            let head = raw.loadUnaligned(as: SIMD16<UInt8>.self)
            let tail = raw.loadUnaligned(fromByteOffset: length - 16, as: SIMD16<UInt8>.self)
            if length > 32 {
                let second = raw.loadUnaligned(fromByteOffset: 16, as: SIMD16<UInt8>.self)
                let beforeTail = raw.loadUnaligned(fromByteOffset: length - 32, as: SIMD16<UInt8>.self)
                out.storeBytes(of: second, toByteOffset: 16, as: SIMD16<UInt8>.self)
                out.storeBytes(of: beforeTail, toByteOffset: length - 32, as: SIMD16<UInt8>.self)
            }
            out.storeBytes(of: head, as: SIMD16<UInt8>.self)
            out.storeBytes(of: tail, toByteOffset: length - 16, as: SIMD16<UInt8>.self)
        } else {
            target.update(from: source, count: length)
        }
    }

    @inline(never)
    private mutating func grow(_ extra: Int) {
        let newCapacity = max(capacity * 2, count + extra)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: base, count: count)
        if ownsMemory { base.deallocate() }
        base = grown
        capacity = newCapacity
        ownsMemory = true
    }
}
