/// Appends text to an HTML page, escaping `& < > " '` so that data can never open a tag or
/// leave an attribute value. Special bytes are found eight at a time; the runs between them
/// are copied whole and each entity is written as one 8-byte store.
enum HTMLEscaping {
    static func append(_ text: borrowing String, escaped: Bool, to out: inout TextBuffer) {
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

    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout TextBuffer) {
        guard let source = bytes.baseAddress else { return }
        let count = bytes.count
        // Room for the worst case, every byte `&quot;`, and an entity's 8-byte store past it.
        out.reserve(count * 6 + 8)
        out.appendReserved { target in
            var written = 0
            var runStart = 0
            var index = 0
            let raw = UnsafeRawPointer(source)
            /// Escapes the special bytes among the eight from `index` whose lanes `special` flags.
            @inline(__always)
            func escape(_ special: UInt64) {
                var lanes = special
                while lanes != 0 {
                    let at = index + lanes.trailingZeroBitCount >> 3
                    lanes &= lanes &- 1
                    // Lanes above a true one may be flagged falsely (see `specialLanes`), even
                    // the zero lanes past the end of the text in the last word.
                    if at >= count { break }
                    let byte = source[at]
                    guard byte < 64 && (specialBits >> UInt64(byte)) & 1 != 0 else { continue }
                    written = copy(source + runStart, count: at - runStart, to: target + written) + written
                    written += writeEntity(byte, to: target + written)
                    runStart = at + 1
                }
            }
            while index + 8 <= count {
                let special = specialLanes(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                if special != 0 { escape(special) }
                index += 8
            }
            if index < count {
                let special = specialLanes(tail(raw, from: index, count: count))
                if special != 0 { escape(special) }
            }
            return copy(source + runStart, count: count - runStart, to: target + written) + written
        }
    }

    /// Undoes `appendEscaped`: its five entities become their bytes again, anything else is
    /// copied as it is. For a text a view model stored escaped and a template shows raw.
    static func appendUnescaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout TextBuffer) {
        let count = bytes.count
        var runStart = 0
        var index = 0
        while index < count {
            guard bytes[index] == UInt8(ascii: "&") else {
                index += 1
                continue
            }
            let rest = UnsafeBufferPointer(rebasing: bytes[index...])
            let decoded: (byte: UInt8, length: Int)? = Self.entities.lazy
                .filter { rest.starts(with: $0.name) }.first.map { ($0.byte, $0.name.count) }
            guard let decoded else {
                index += 1
                continue
            }
            out.append(UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            out.append(decoded.byte)
            index += decoded.length
            runStart = index
        }
        out.append(UnsafeBufferPointer(rebasing: bytes[runStart..<count]))
    }

    static func unescaped(_ text: String) -> String {
        var text = text
        var out = TextBuffer(capacity: text.utf8.count)
        text.withUTF8 { appendUnescaped($0, to: &out) }
        return out.string
    }

    private static let entities: [(name: [UInt8], byte: UInt8)] = [
        (Array("&amp;".utf8), 0x26), (Array("&lt;".utf8), 0x3C), (Array("&gt;".utf8), 0x3E),
        (Array("&quot;".utf8), 0x22), (Array("&#39;".utf8), 0x27),
    ]

    /// Whether escaping would leave `bytes` as they are. A flagged lane may be false only above a
    /// true one (see `specialLanes`), so a word with none flagged has no special byte and one
    /// with any has one: words may overlap, and the last one is read overlapping the one before.
    @inline(__always)
    static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let source = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(source)
        let count = bytes.count
        if count >= 8 {
            var special: UInt64 = 0
            var index = 0
            while index + 8 < count {
                special |= specialLanes(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                index += 8
            }
            special |= specialLanes(raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
            return special == 0
        }
        return count == 0 || specialLanes(tail(raw, from: 0, count: count)) == 0
    }

    /// Bytes `start..<count` (fewer than eight) as the low lanes of a word, the rest zero (never
    /// special), read without a byte loop and without reading outside the text.
    @inline(__always)
    private static func tail(_ raw: UnsafeRawPointer, from start: Int, count: Int) -> UInt64 {
        let rest = count - start
        if count >= 8 {
            return raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) >> UInt64((8 - rest) * 8)
        }
        if rest >= 4 {
            let low = UInt64(raw.loadUnaligned(fromByteOffset: start, as: UInt32.self))
            let high = UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            return low | high << UInt64((rest - 4) * 8)
        }
        let bytes = raw.assumingMemoryBound(to: UInt8.self)
        var word = UInt64(bytes[start])
        if rest > 1 { word |= UInt64(bytes[start + 1]) << 8 }
        if rest > 2 { word |= UInt64(bytes[start + 2]) << 16 }
        return word
    }

    /// Bit n is set when byte n needs escaping; all five such bytes are below 64.
    private static let specialBits: UInt64 = (1 << 0x26) | (1 << 0x3C) | (1 << 0x3E) | (1 << 0x22) | (1 << 0x27)

    /// The high bit of each lane whose byte may need escaping. A lane turns zero exactly where a
    /// special byte sits, and the lowest flagged lane is always a true one: a borrow only spreads
    /// upwards from a real zero lane, so a lane above a true one may be flagged falsely. `|1`
    /// folds & (26) onto ' (27); clearing bit 1 folds > (3E) onto < (3C).
    @inline(__always)
    private static func specialLanes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quoteOrAmpersand = (word | ones) ^ (0x27 &* ones)
        let angle = (word & ~(0x02 &* ones)) ^ (0x3C &* ones)
        let doubleQuote = word ^ (0x22 &* ones)
        let zeroLanes = ((quoteOrAmpersand &- ones) & ~quoteOrAmpersand)
            | ((angle &- ones) & ~angle)
            | ((doubleQuote &- ones) & ~doubleQuote)
        return zeroLanes & (0x80 &* ones)
    }

    /// Copies a run; short ones, the most common, without a call to memcpy.
    @inline(__always)
    private static func copy(_ source: UnsafePointer<UInt8>, count: Int, to target: UnsafeMutablePointer<UInt8>) -> Int {
        TextBuffer.copy(source, count: count, to: target)
        return count
    }

    /// Writes the entity for `byte` as one 8-byte store (the room past it is reserved) and
    /// returns its length.
    @inline(__always)
    private static func writeEntity(_ byte: UInt8, to target: UnsafeMutablePointer<UInt8>) -> Int {
        let entity: UInt64
        let length: Int
        switch byte {
        case 0x26: (entity, length) = (0x3B_70_6D_61_26, 5) // &amp;
        case 0x3C: (entity, length) = (0x3B_74_6C_26, 4) // &lt;
        case 0x3E: (entity, length) = (0x3B_74_67_26, 4) // &gt;
        case 0x22: (entity, length) = (0x3B_74_6F_75_71_26, 6) // &quot;
        default: (entity, length) = (0x3B_39_33_23_26, 5) // &#39;
        }
        UnsafeMutableRawPointer(target).storeBytes(of: entity.littleEndian, as: UInt64.self)
        return length
    }
}

extension TextBuffer {
    /// `text` escaped for HTML element text or a quoted attribute, exactly as `{{name}}` writes
    /// it: for snippets the view model builds outside a template.
    public mutating func appendEscapedHTML(_ text: String) {
        HTMLEscaping.append(text, escaped: true, to: &self)
    }

    /// `bytes` escaped as `appendEscapedHTML` escapes text.
    public mutating func appendEscapedHTML(_ bytes: UnsafeBufferPointer<UInt8>) {
        HTMLEscaping.appendEscaped(bytes, to: &self)
    }
}
