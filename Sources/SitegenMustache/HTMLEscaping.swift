/// Appends text to an HTML page, escaping `& < > " '` so that data can never open a tag or
/// leave an attribute value. Runs that need no escaping are found 8 bytes at a time and
/// copied in bulk.
enum HTMLEscaping {
    static func append(_ text: borrowing String, escaped: Bool, to out: inout PageBuffer) {
        // Native strings are contiguous UTF-8 already; only a bridged one takes the slow path.
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            escaped ? appendEscaped(bytes, to: &out) : out.append(bytes)
        }
        if done == nil {
            Array(text.utf8).withUnsafeBufferPointer { bytes in
                escaped ? appendEscaped(bytes, to: &out) : out.append(bytes)
            }
        }
    }

    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout PageBuffer) {
        guard let start = bytes.baseAddress else { return }
        let count = bytes.count
        var runStart = 0
        var index = 0
        while index < count {
            index = nextSpecial(in: start, from: index, count: count)
            if index >= count { break }
            if runStart < index { out.append(UnsafeBufferPointer(start: start + runStart, count: index - runStart)) }
            appendEntity(for: start[index], to: &out)
            index += 1
            runStart = index
        }
        if runStart < count { out.append(UnsafeBufferPointer(start: start + runStart, count: count - runStart)) }
    }

    /// The index of the first byte at or after `index` that needs escaping, or `count`.
    @inline(__always)
    private static func nextSpecial(in start: UnsafePointer<UInt8>, from index: Int, count: Int) -> Int {
        var index = index
        let raw = UnsafeRawPointer(start)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        // Eight bytes at a time: a lane becomes zero exactly where a special byte sits.
        // `|1` folds & (26) onto ' (27); clearing bit 1 folds > (3E) onto < (3C).
        while index + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let quoteOrAmpersand = (word | ones) ^ (0x27 &* ones)
            let angle = (word & ~(0x02 &* ones)) ^ (0x3C &* ones)
            let doubleQuote = word ^ (0x22 &* ones)
            let zeroLanes = ((quoteOrAmpersand &- ones) & ~quoteOrAmpersand)
                | ((angle &- ones) & ~angle)
                | ((doubleQuote &- ones) & ~doubleQuote)
            if zeroLanes & highs != 0 { break }
            index += 8
        }
        // Bit n is set when byte n needs escaping; all five such bytes are below 64.
        let special: UInt64 = (1 << 0x26) | (1 << 0x3C) | (1 << 0x3E) | (1 << 0x22) | (1 << 0x27)
        while index < count {
            let byte = start[index]
            if byte < 64 && (special >> UInt64(byte)) & 1 != 0 { return index }
            index += 1
        }
        return count
    }

    private static func appendEntity(for byte: UInt8, to out: inout PageBuffer) {
        switch byte {
        case 0x26: appendASCII("&amp;", to: &out)
        case 0x3C: appendASCII("&lt;", to: &out)
        case 0x3E: appendASCII("&gt;", to: &out)
        case 0x22: appendASCII("&quot;", to: &out)
        default: appendASCII("&#39;", to: &out)
        }
    }

    private static func appendASCII(_ entity: StaticString, to out: inout PageBuffer) {
        out.append(UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
    }
}
