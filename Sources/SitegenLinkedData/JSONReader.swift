/// Strict JSON (RFC 8259) read straight from bytes into `JSONValue`: Foundation's decoders are
/// slow on Linux, and a credential must be canonicalised in microseconds. A duplicate key is
/// refused (which of the two would a verifier sign?), as are invalid UTF-8, lone surrogates and
/// nesting deeper than `maximumDepth` (the reader recurses, so depth is bounded to spare the stack).
struct JSONReader {
    static let maximumDepth = 64

    private let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0
    /// Members and items of the containers being read, so each container's array is allocated
    /// once at its exact size rather than grown by doubling.
    private var pendingMembers: [JSONMember] = []
    private var pendingItems: [JSONValue] = []

    static func parse(_ bytes: [UInt8]) throws(LinkedDataError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buffer) throws(LinkedDataError) -> JSONValue in
            var reader = JSONReader(bytes: buffer)
            // A UTF-8 byte order mark is tolerated, as everywhere else in sitegen.
            if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { reader.offset = 3 }
            let value = try reader.value(depth: 0)
            reader.skipSpace()
            guard reader.offset == buffer.count else { throw reader.error("unexpected text after the JSON value") }
            return value
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private func error(_ message: String) -> LinkedDataError {
        LinkedDataError("JSON byte \(offset): \(message)")
    }

    private mutating func skipSpace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    private mutating func value(depth: Int) throws(LinkedDataError) -> JSONValue {
        skipSpace()
        guard offset < bytes.count else { throw error("unexpected end of input") }
        switch bytes[offset] {
        case UInt8(ascii: "{"):
            guard depth < Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth)") }
            offset += 1
            skipSpace()
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") {
                offset += 1
                return .object([])
            }
            let start = pendingMembers.count
            while true {
                skipSpace()
                guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { throw error("expected a key") }
                let key = try string()
                for entry in pendingMembers[start...] where entry.key == key { throw error("duplicate key \"\(key)\"") }
                skipSpace()
                guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else { throw error("expected ':'") }
                offset += 1
                let member = JSONMember(key, try value(depth: depth + 1))
                pendingMembers.append(member)
                skipSpace()
                guard offset < bytes.count else { throw error("unexpected end of input in an object") }
                if bytes[offset] == UInt8(ascii: ",") { offset += 1; continue }
                if bytes[offset] == UInt8(ascii: "}") {
                    offset += 1
                    let entries = Array(pendingMembers[start...])
                    pendingMembers.removeSubrange(start...)
                    return .object(entries)
                }
                throw error("expected ',' or '}'")
            }
        case UInt8(ascii: "["):
            guard depth < Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth)") }
            offset += 1
            skipSpace()
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") {
                offset += 1
                return .array([])
            }
            let start = pendingItems.count
            while true {
                let item = try value(depth: depth + 1)
                pendingItems.append(item)
                skipSpace()
                guard offset < bytes.count else { throw error("unexpected end of input in an array") }
                if bytes[offset] == UInt8(ascii: ",") { offset += 1; continue }
                if bytes[offset] == UInt8(ascii: "]") {
                    offset += 1
                    let items = Array(pendingItems[start...])
                    pendingItems.removeSubrange(start...)
                    return .array(items)
                }
                throw error("expected ',' or ']'")
            }
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        default:
            return .number(try number())
        }
    }

    private mutating func literal(_ word: StaticString) throws(LinkedDataError) {
        let count = word.utf8CodeUnitCount
        guard bytes.count - offset >= count else { throw error("unexpected end of input") }
        for i in 0..<count where bytes[offset + i] != word.utf8Start[i] { throw error("invalid literal") }
        offset += count
    }

    private mutating func number() throws(LinkedDataError) -> String {
        let start = offset
        func digits(_ reader: inout JSONReader) -> Int {
            let first = reader.offset
            while reader.offset < reader.bytes.count, (0x30...0x39).contains(reader.bytes[reader.offset]) { reader.offset += 1 }
            return reader.offset - first
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        let integerStart = offset
        let integerDigits = digits(&self)
        guard integerDigits > 0 else { throw error("invalid value") }
        guard integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else { throw error("leading zero in a number") }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            guard digits(&self) > 0 else { throw error("digits expected after '.'") }
        }
        if offset < bytes.count, bytes[offset] | 0x20 == UInt8(ascii: "e") {
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") { offset += 1 }
            guard digits(&self) > 0 else { throw error("digits expected in an exponent") }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
    }

    /// A string at `offset` (its opening quote). Text without escapes, the usual case, becomes a
    /// `String` in one copy once validated.
    private mutating func string() throws(LinkedDataError) -> String {
        offset += 1
        let start = offset
        var hasEscape = false
        while true {
            guard offset < bytes.count else { throw error("unterminated string") }
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") { break }
            if byte < 0x20 { throw error("control character in a string") }
            if byte == UInt8(ascii: "\\") {
                hasEscape = true
                offset += 2
                continue
            }
            if byte < 0x80 {
                offset += 1
            } else {
                offset += try UTF8Sequence.length(at: offset, in: bytes)
            }
        }
        let end = offset
        offset += 1
        if !hasEscape {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        var text: [UInt8] = []
        text.reserveCapacity(end - start)
        var i = start
        while i < end {
            let byte = bytes[i]
            guard byte == UInt8(ascii: "\\") else {
                text.append(byte)
                i += 1
                continue
            }
            guard i + 1 < end else { throw error("unterminated escape") }
            i += 2
            switch bytes[i - 1] {
            case UInt8(ascii: "\""): text.append(0x22)
            case UInt8(ascii: "\\"): text.append(0x5C)
            case UInt8(ascii: "/"): text.append(0x2F)
            case UInt8(ascii: "b"): text.append(0x08)
            case UInt8(ascii: "f"): text.append(0x0C)
            case UInt8(ascii: "n"): text.append(0x0A)
            case UInt8(ascii: "r"): text.append(0x0D)
            case UInt8(ascii: "t"): text.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4(at: i, end: end)
                i += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    guard i + 6 <= end, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                        throw error("lone surrogate in a \\u escape")
                    }
                    let low = try hex4(at: i + 2, end: end)
                    guard (0xDC00...0xDFFF).contains(low) else { throw error("lone surrogate in a \\u escape") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw error("lone surrogate in a \\u escape")
                }
                text.append(contentsOf: UTF8.encode(Unicode.Scalar(scalar).unsafelyUnwrapped).unsafelyUnwrapped)
            default:
                throw error("invalid escape")
            }
        }
        return String(decoding: text, as: UTF8.self)
    }

    private func hex4(at start: Int, end: Int) throws(LinkedDataError) -> UInt32 {
        guard start + 4 <= end else { throw error("short \\u escape") }
        var value: UInt32 = 0
        for i in start..<(start + 4) {
            let byte = bytes[i]
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: throw error("invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}

/// Well-formed UTF-8 (Unicode table 3-7): no overlong forms, surrogates or code points past U+10FFFF.
enum UTF8Sequence {
    /// The length of the well-formed multi-byte sequence at `offset`, whose first byte is ≥ 0x80.
    static func length(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) throws(LinkedDataError) -> Int {
        let lead = bytes[offset]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: throw LinkedDataError("byte \(offset): invalid UTF-8")
        }
        guard offset + length <= bytes.count else { throw LinkedDataError("byte \(offset): truncated UTF-8") }
        guard (low...high).contains(bytes[offset + 1]) else { throw LinkedDataError("byte \(offset): invalid UTF-8") }
        for i in 2..<length where bytes[offset + i] & 0xC0 != 0x80 {
            throw LinkedDataError("byte \(offset): invalid UTF-8")
        }
        return length
    }
}
