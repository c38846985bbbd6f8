#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A JSON document read into one flat array of tokens over its bytes: no string, array or
/// dictionary per value, so walking it costs no reference counting. (What it bought: JSON-LD to RDF
/// of the benchmark credential went from 43 to 23 µs against a tree of Swift values.)
///
/// Strict RFC 8259 (a leading UTF-8 byte order mark aside). Refused: duplicate keys (which of the
/// two would a verifier sign?), invalid UTF-8, lone surrogates, and nesting deeper than
/// `maximumDepth` (the parser recurses, so depth is bounded to spare the stack). Strings with
/// escapes are unescaped once into the tail of `bytes`, so every string is a plain byte range.
struct JSONTape {
    static let maximumDepth = 64

    enum Kind: UInt8 {
        case null, bool, number, string, array, object
    }

    struct Token {
        var kind: Kind
        var flag = false
        /// A string's or number's bytes: `bytes[start..<end]`. A container's member count in `start`.
        var start: Int32 = 0
        var end: Int32 = 0
        /// The token after this one and everything inside it.
        var next: Int32 = 0
    }

    private(set) var tokens: [Token] = []
    private(set) var bytes: [UInt8]

    /// Offsets are 32-bit to keep tokens small; no credential comes near this.
    static let maximumByteCount = 1 << 30

    init(_ input: [UInt8]) throws(LinkedDataError) {
        guard input.count <= Self.maximumByteCount else {
            throw LinkedDataError("JSON document larger than \(Self.maximumByteCount) bytes")
        }
        bytes = input
        tokens.reserveCapacity(input.count / 8)
        var parser = Parser(count: input.count)
        try bytes.withUnsafeBufferPointer { (buffer) throws(LinkedDataError) in
            try parser.document(buffer, into: &tokens)
        }
        bytes.append(contentsOf: parser.unescaped)
    }

    /// The value at `index` as a `JSONValue` tree: for the pinned contexts, read once, and for
    /// @json literals.
    func value(at index: Int) -> JSONValue {
        tokens.withUnsafeBufferPointer { tokens in
            bytes.withUnsafeBufferPointer { bytes in JSONTape.value(at: index, tokens: tokens, bytes: bytes) }
        }
    }

    static func value(at index: Int, tokens: UnsafeBufferPointer<Token>, bytes: UnsafeBufferPointer<UInt8>) -> JSONValue {
        func string(_ token: Token) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.end)]), as: UTF8.self)
        }
        let token = tokens[index]
        switch token.kind {
        case .null: return .null
        case .bool: return .bool(token.flag)
        case .number: return .number(string(token))
        case .string: return .string(string(token))
        case .array: return .array(members(of: index, in: tokens).map { value(at: $0, tokens: tokens, bytes: bytes) })
        case .object:
            return .object(members(of: index, in: tokens).map { JSONMember(string(tokens[$0]), value(at: $0 + 1, tokens: tokens, bytes: bytes)) })
        }
    }

    /// A container's members: for an object, each member's key token (its value is the next
    /// token); for an array, each item. Over a pointer to the tokens, so iterating retains nothing.
    static func members(of index: Int, in tokens: UnsafeBufferPointer<Token>) -> Members {
        Members(tokens: tokens, index: index)
    }

    struct Members: Sequence, IteratorProtocol {
        let tokens: UnsafeBufferPointer<Token>
        var current: Int
        var remaining: Int
        let isObject: Bool

        init(tokens: UnsafeBufferPointer<Token>, index: Int) {
            self.tokens = tokens
            let token = tokens[index]
            current = index + 1
            remaining = token.kind == .object || token.kind == .array ? Int(token.start) : 0
            isObject = token.kind == .object
        }

        mutating func next() -> Int? {
            guard remaining > 0 else { return nil }
            remaining -= 1
            let member = current
            current = Int(tokens[isObject ? member + 1 : member].next)
            return member
        }
    }

    private struct Parser {
        var offset = 0
        var unescaped: [UInt8] = []
        let inputCount: Int

        init(count: Int) {
            inputCount = count
        }

        func error(_ message: String) -> LinkedDataError {
            LinkedDataError("JSON byte \(offset): \(message)")
        }

        mutating func document(_ bytes: UnsafeBufferPointer<UInt8>, into tokens: inout [Token]) throws(LinkedDataError) {
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { offset = 3 }
            try value(bytes, into: &tokens, depth: 0)
            skipSpace(bytes)
            guard offset == bytes.count else { throw error("unexpected text after the JSON value") }
        }

        mutating func skipSpace(_ bytes: UnsafeBufferPointer<UInt8>) {
            while offset < bytes.count {
                switch bytes[offset] {
                case 0x20, 0x0A, 0x0D, 0x09: offset += 1
                default: return
                }
            }
        }

        mutating func value(_ bytes: UnsafeBufferPointer<UInt8>, into tokens: inout [Token], depth: Int) throws(LinkedDataError) {
            skipSpace(bytes)
            guard offset < bytes.count else { throw error("unexpected end of input") }
            switch bytes[offset] {
            case UInt8(ascii: "{"):
                guard depth < JSONTape.maximumDepth else { throw error("nesting deeper than \(JSONTape.maximumDepth)") }
                offset += 1
                let index = tokens.count
                tokens.append(Token(kind: .object))
                var count: Int32 = 0
                skipSpace(bytes)
                if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") {
                    offset += 1
                } else {
                    while true {
                        skipSpace(bytes)
                        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { throw error("expected a key") }
                        let key = tokens.count
                        try string(bytes, into: &tokens)
                        try checkDuplicate(key: key, object: index, tokens: tokens, bytes: bytes)
                        skipSpace(bytes)
                        guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else { throw error("expected ':'") }
                        offset += 1
                        try value(bytes, into: &tokens, depth: depth + 1)
                        count += 1
                        skipSpace(bytes)
                        guard offset < bytes.count else { throw error("unexpected end of input in an object") }
                        if bytes[offset] == UInt8(ascii: ",") { offset += 1; continue }
                        if bytes[offset] == UInt8(ascii: "}") { offset += 1; break }
                        throw error("expected ',' or '}'")
                    }
                }
                tokens[index].start = count
                tokens[index].next = Int32(tokens.count)
            case UInt8(ascii: "["):
                guard depth < JSONTape.maximumDepth else { throw error("nesting deeper than \(JSONTape.maximumDepth)") }
                offset += 1
                let index = tokens.count
                tokens.append(Token(kind: .array))
                var count: Int32 = 0
                skipSpace(bytes)
                if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") {
                    offset += 1
                } else {
                    while true {
                        try value(bytes, into: &tokens, depth: depth + 1)
                        count += 1
                        skipSpace(bytes)
                        guard offset < bytes.count else { throw error("unexpected end of input in an array") }
                        if bytes[offset] == UInt8(ascii: ",") { offset += 1; continue }
                        if bytes[offset] == UInt8(ascii: "]") { offset += 1; break }
                        throw error("expected ',' or ']'")
                    }
                }
                tokens[index].start = count
                tokens[index].next = Int32(tokens.count)
            case UInt8(ascii: "\""):
                try string(bytes, into: &tokens)
            case UInt8(ascii: "t"):
                try literal(bytes, "true")
                tokens.append(Token(kind: .bool, flag: true, next: Int32(tokens.count + 1)))
            case UInt8(ascii: "f"):
                try literal(bytes, "false")
                tokens.append(Token(kind: .bool, flag: false, next: Int32(tokens.count + 1)))
            case UInt8(ascii: "n"):
                try literal(bytes, "null")
                tokens.append(Token(kind: .null, next: Int32(tokens.count + 1)))
            default:
                let start = offset
                try number(bytes)
                tokens.append(Token(kind: .number, start: Int32(start), end: Int32(offset), next: Int32(tokens.count + 1)))
            }
        }

        /// Keys compared with the object's earlier keys; a linear scan, as objects here are small
        /// (a hostile object of thousands of keys costs milliseconds, not a hang).
        func checkDuplicate(key: Int, object: Int, tokens: [Token], bytes: UnsafeBufferPointer<UInt8>) throws(LinkedDataError) {
            try unescaped.withUnsafeBufferPointer { (unescaped) throws(LinkedDataError) in
                // A string token's bytes while parsing: escaped ones are in `unescaped` until the end.
                func span(_ token: Token) -> UnsafeBufferPointer<UInt8> {
                    if Int(token.start) >= inputCount {
                        return UnsafeBufferPointer(rebasing: unescaped[(Int(token.start) - inputCount)..<(Int(token.end) - inputCount)])
                    }
                    return UnsafeBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.end)])
                }
                let keyBytes = span(tokens[key])
                var member = object + 1
                while member < key {
                    let other = span(tokens[member])
                    if other.count == keyBytes.count,
                       other.isEmpty || memcmp(other.baseAddress.unsafelyUnwrapped, keyBytes.baseAddress.unsafelyUnwrapped, other.count) == 0 {
                        throw error("duplicate key \"\(String(decoding: keyBytes, as: UTF8.self))\"")
                    }
                    member = Int(tokens[member + 1].next)
                }
            }
        }

        mutating func literal(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) throws(LinkedDataError) {
            let count = word.utf8CodeUnitCount
            guard bytes.count - offset >= count else { throw error("unexpected end of input") }
            for i in 0..<count where bytes[offset + i] != word.utf8Start[i] { throw error("invalid literal") }
            offset += count
        }

        mutating func number(_ bytes: UnsafeBufferPointer<UInt8>) throws(LinkedDataError) {
            func digits(_ parser: inout Parser) -> Int {
                let first = parser.offset
                while parser.offset < bytes.count, (0x30...0x39).contains(bytes[parser.offset]) { parser.offset += 1 }
                return parser.offset - first
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
        }

        mutating func string(_ bytes: UnsafeBufferPointer<UInt8>, into tokens: inout [Token]) throws(LinkedDataError) {
            offset += 1
            let start = offset
            var hasEscape = false
            let base = UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped)
            while true {
                // Eight plain ASCII bytes at a time — no quote, backslash, control or non-ASCII
                // byte — before the byte-by-byte checks. (What it bought: a third less time in
                // string scanning, the parser's largest part.)
                while offset + 8 <= bytes.count {
                    let word = base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    let quote = word ^ 0x2222_2222_2222_2222
                    let backslash = word ^ 0x5C5C_5C5C_5C5C_5C5C
                    let special = (word | ((quote &- 0x0101_0101_0101_0101) & ~quote) | ((backslash &- 0x0101_0101_0101_0101) & ~backslash)
                        | (word &- 0x2020_2020_2020_2020)) & 0x8080_8080_8080_8080
                    if special != 0 { break }
                    offset += 8
                }
                guard offset < bytes.count else { throw error("unterminated string") }
                let byte = bytes[offset]
                if byte == UInt8(ascii: "\"") { break }
                if byte < 0x20 { throw error("control character in a string") }
                if byte == UInt8(ascii: "\\") {
                    hasEscape = true
                    offset += 2
                    continue
                }
                offset += byte < 0x80 ? 1 : try UTF8Sequence.length(at: offset, in: bytes)
            }
            let end = offset
            offset += 1
            guard hasEscape else {
                tokens.append(Token(kind: .string, start: Int32(start), end: Int32(end), next: Int32(tokens.count + 1)))
                return
            }
            let unescapedStart = inputCount + unescaped.count
            var i = start
            while i < end {
                let byte = bytes[i]
                guard byte == UInt8(ascii: "\\") else {
                    unescaped.append(byte)
                    i += 1
                    continue
                }
                guard i + 1 < end else { throw error("unterminated escape") }
                i += 2
                switch bytes[i - 1] {
                case UInt8(ascii: "\""): unescaped.append(0x22)
                case UInt8(ascii: "\\"): unescaped.append(0x5C)
                case UInt8(ascii: "/"): unescaped.append(0x2F)
                case UInt8(ascii: "b"): unescaped.append(0x08)
                case UInt8(ascii: "f"): unescaped.append(0x0C)
                case UInt8(ascii: "n"): unescaped.append(0x0A)
                case UInt8(ascii: "r"): unescaped.append(0x0D)
                case UInt8(ascii: "t"): unescaped.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4(bytes, at: i, end: end)
                    i += 4
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard i + 6 <= end, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                            throw error("lone surrogate in a \\u escape")
                        }
                        let low = try hex4(bytes, at: i + 2, end: end)
                        guard (0xDC00...0xDFFF).contains(low) else { throw error("lone surrogate in a \\u escape") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw error("lone surrogate in a \\u escape")
                    }
                    unescaped.append(contentsOf: UTF8.encode(Unicode.Scalar(scalar).unsafelyUnwrapped).unsafelyUnwrapped)
                default:
                    throw error("invalid escape")
                }
            }
            tokens.append(Token(kind: .string, start: Int32(unescapedStart), end: Int32(inputCount + unescaped.count),
                                next: Int32(tokens.count + 1)))
        }

        func hex4(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, end: Int) throws(LinkedDataError) -> UInt32 {
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
