import SitegenMustache

extension JSONWriter {
    /// `s` as a quoted JSON string.
    ///
    /// Beyond what JSON requires (`"`, `\`, U+0000–U+001F), it escapes U+007F–U+009F,
    /// U+2028/U+2029 (line terminators to JavaScript) and `<`, `>`, `&`, so the JSON is inert
    /// inside an HTML `<script>` element (no `</script>`, no `<!--`) and inside a CDATA section
    /// (no `]]>`). Everything else, including other non-ASCII, is written as raw UTF-8.
    public static func escapedString(_ s: String) -> [UInt8] {
        var out = TextBuffer(capacity: s.utf8.count + 2)
        appendEscaped(s, to: &out)
        return Array(out.bytes)
    }

    static func appendEscaped(_ s: String, to out: inout TextBuffer) {
        out.append(UInt8(ascii: "\""))
        appendEscapedContent(s, to: &out)
        out.append(UInt8(ascii: "\""))
    }

    /// `s` escaped, without the quotes.
    static func appendEscapedContent(_ s: String, to out: inout TextBuffer) {
        let done: Void? = s.utf8.withContiguousStorageIfAvailable { appendEscapedContent($0, to: &out) }
        if done == nil {
            var s = s
            s.withUTF8 { appendEscapedContent($0, to: &out) }
        }
    }

    private static func appendEscapedContent(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout TextBuffer) {
        let count = utf8.count
        var runStart = 0 // first byte not yet copied
        var i = 0
        let base = UnsafeRawPointer(utf8.baseAddress)
        while i < count {
            // Eight bytes at a time through text with nothing to escape.
            if let base, i &+ 8 <= count,
               !mayNeedEscape(base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                i &+= 8
                continue
            }
            // Something in the next eight bytes (or the tail) may need escaping.
            let end = min(i &+ 8, count)
            while i < end {
                let byte = utf8[i]
                guard needsLook(byte) else {
                    i &+= 1
                    continue
                }
                // How many bytes the character to escape spans; 0 when it needs none after all.
                let span: Int
                switch byte {
                case 0xC2: // U+0080–U+00BF: only U+0080–U+009F are escaped
                    span = i + 1 < count && utf8[i + 1] <= 0x9F ? 2 : 0
                case 0xE2: // U+2028 and U+2029 are E2 80 A8 and E2 80 A9
                    span = i + 2 < count && utf8[i + 1] == 0x80 && (utf8[i + 2] | 1) == 0xA9 ? 3 : 0
                default:
                    span = 1
                }
                guard span > 0 else {
                    i &+= 1
                    continue
                }
                if runStart < i { out.append(UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
                appendEscape(lead: byte, last: utf8[i + span - 1], to: &out)
                i += span
                runStart = i
            }
        }
        if runStart < count { out.append(UnsafeBufferPointer(rebasing: utf8[runStart..<count])) }
    }

    /// `lead` is the first UTF-8 byte of the character, `last` its last byte.
    private static func appendEscape(lead: UInt8, last: UInt8, to out: inout TextBuffer) {
        let short: UInt8
        switch lead {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): short = lead
        case 0x08: short = UInt8(ascii: "b")
        case 0x0C: short = UInt8(ascii: "f")
        case 0x0A: short = UInt8(ascii: "n")
        case 0x0D: short = UInt8(ascii: "r")
        case 0x09: short = UInt8(ascii: "t")
        case 0xC2: return appendUnicodeEscape(0x80 | UInt16(last & 0x3F), to: &out)
        case 0xE2: return appendUnicodeEscape(last == 0xA8 ? 0x2028 : 0x2029, to: &out)
        default: return appendUnicodeEscape(UInt16(lead), to: &out) // other controls, DEL, < > &
        }
        out.append(UInt8(ascii: "\\"))
        out.append(short)
    }

    private static func appendUnicodeEscape(_ scalar: UInt16, to out: inout TextBuffer) {
        @inline(__always) func digit(_ shift: UInt16) -> UInt8 {
            let value = UInt8(truncatingIfNeeded: (scalar >> shift) & 0xF)
            return value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
        }
        // One append of six bytes rather than six appends.
        let escape = (UInt8(ascii: "\\"), UInt8(ascii: "u"), digit(12), digit(8), digit(4), digit(0))
        withUnsafeBytes(of: escape) { out.append($0.bindMemory(to: UInt8.self)) }
    }

    /// Whether any byte of `word` is a control character, `"`, `&`, `<`, `>`, `\\`, 0x7F, or
    /// 0xC2 or 0xE2 (which lead U+0080–U+00BF and U+2000–U+2FFF). Never misses one: the "has a
    /// zero byte" bit trick is exact about whether one exists. A flagged word is looked at byte
    /// by byte.
    @inline(__always)
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highBits }
        let control = (word &- ones &* 0x20) & ~word & highBits
        let quoteOrAmpersand = hasZeroByte((word | ones &* 0x04) ^ (ones &* 0x26)) // 0x22, 0x26
        let angleBracket = hasZeroByte((word | ones &* 0x02) ^ (ones &* 0x3E)) // 0x3C, 0x3E
        let backslash = hasZeroByte(word ^ (ones &* 0x5C))
        let delete = hasZeroByte(word ^ (ones &* 0x7F))
        let leadC2OrE2 = hasZeroByte((word & ~(ones &* 0x20)) ^ (ones &* 0xC2)) // 0xC2, 0xE2
        return (control | quoteOrAmpersand | angleBracket | backslash | delete | leadC2OrE2) != 0
    }

    /// Whether `byte` may start a character to escape: a control character, `"`, `&`, `<`, `>`,
    /// `\\`, 0x7F, or 0xC2 or 0xE2.
    @inline(__always)
    private static func needsLook(_ byte: UInt8) -> Bool {
        // Bits 0x22, 0x26, 0x3C and 0x3E.
        if byte < 0x40 { return byte < 0x20 || (0x5000_0044_0000_0000 as UInt64) >> UInt64(byte) & 1 != 0 }
        return byte == 0x5C || byte == 0x7F || byte == 0xC2 || byte == 0xE2
    }
}
