extension String {
    /// The parts one after the other, made with one allocation: view models join a few parts
    /// for every page, and `+` or interpolation allocate and copy again at each step.
    init(joining a: String, _ b: String, _ c: String = "", _ d: String = "", _ e: String = "") {
        let count = a.utf8.count + b.utf8.count + c.utf8.count + d.utf8.count + e.utf8.count
        self.init(unsafeUninitializedCapacity: count) { buffer in
            var end = Self.copy(a, into: buffer, at: 0)
            end = Self.copy(b, into: buffer, at: end)
            end = Self.copy(c, into: buffer, at: end)
            end = Self.copy(d, into: buffer, at: end)
            return Self.copy(e, into: buffer, at: end)
        }
    }

    private static func copy(_ part: String, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        let copied: Int? = part.utf8.withContiguousStorageIfAvailable { bytes in
            guard let source = bytes.baseAddress, let target = buffer.baseAddress else { return offset }
            (target + offset).update(from: source, count: bytes.count)
            return offset + bytes.count
        }
        if let copied { return copied }
        var end = offset
        for byte in part.utf8 {
            buffer[end] = byte
            end += 1
        }
        return end
    }
}
