/// Strict UTF-8 (RFC 3629): no overlong forms, no encoded surrogates, nothing beyond U+10FFFF.
/// Parsers call this only at bytes >= 0x80, so ASCII stays on their own fast path.
enum UTF8Validation {
    /// The length (2...4) of the well-formed sequence whose lead byte is at `offset`, or 0 when
    /// it is ill-formed; `problem(in:at:)` then says why.
    @inline(__always)
    static func sequenceLength(in bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Int {
        let lead = bytes[offset]
        let end = bytes.count
        // The second byte's allowed range depends on the lead byte: that is where overlong
        // forms, surrogates and values beyond U+10FFFF are excluded.
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xED: length = 3; high = 0x9F
        case 0xE1...0xEF: length = 3
        case 0xF0: length = 4; low = 0x90
        case 0xF4: length = 4; high = 0x8F
        case 0xF1...0xF3: length = 4
        default: return 0
        }
        guard offset + length <= end else { return 0 }
        let second = bytes[offset + 1]
        guard second >= low && second <= high else { return 0 }
        if length >= 3 && bytes[offset + 2] & 0xC0 != 0x80 { return 0 }
        if length == 4 && bytes[offset + 3] & 0xC0 != 0x80 { return 0 }
        return length
    }

    /// Why the sequence at `offset` is ill-formed, for a diagnostic located at its lead byte.
    static func problem(in bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> String {
        let lead = bytes[offset]
        let length: Int
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return "invalid UTF-8 byte \(hexByte(lead))"
        }
        let incomplete = "invalid UTF-8: incomplete sequence starting with byte \(hexByte(lead))"
        var index = offset + 1
        while index < offset + length {
            guard index < bytes.count, bytes[index] & 0xC0 == 0x80 else { return incomplete }
            index += 1
        }
        let pair = "\(hexByte(lead)) \(hexByte(bytes[offset + 1]))"
        switch lead {
        case 0xE0, 0xF0: return "invalid UTF-8: overlong encoding \(pair)"
        case 0xED: return "invalid UTF-8: encoded surrogate \(pair)"
        case 0xF4: return "invalid UTF-8: code point beyond U+10FFFF \(pair)"
        default: return incomplete
        }
    }

    /// The scalar of a sequence that `sequenceLength` accepted.
    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at offset: Int, length: Int) -> Unicode.Scalar? {
        var value = UInt32(bytes[offset]) & (0xFF >> (length + 1))
        for index in offset + 1 ..< offset + length {
            value = value << 6 | UInt32(bytes[index] & 0x3F)
        }
        return Unicode.Scalar(value)
    }

    /// "0xFF"
    static func hexByte(_ byte: UInt8) -> String {
        "0x" + hexDigits(UInt32(byte), count: 2)
    }

    /// Upper-case hex, zero-padded to `count` digits ("00E9").
    static func hexDigits(_ value: UInt32, count: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        let padding = count - text.utf8.count
        return padding > 0 ? String(repeating: "0", count: padding) + text : text
    }

    /// Appends the UTF-8 form of a scalar value (an unescaped `\u` sequence) to `bytes`.
    static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        switch value {
        case 0 ..< 0x80:
            bytes.append(UInt8(value))
        case 0x80 ..< 0x800:
            bytes.append(UInt8(0xC0 | value >> 6))
            bytes.append(UInt8(0x80 | value & 0x3F))
        case 0x800 ..< 0x10000:
            bytes.append(UInt8(0xE0 | value >> 12))
            bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | value & 0x3F))
        default:
            bytes.append(UInt8(0xF0 | value >> 18))
            bytes.append(UInt8(0x80 | value >> 12 & 0x3F))
            bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | value & 0x3F))
        }
    }
}
