/// Strict JSON (RFC 8259) into a `SourceNode` tree. Nothing beyond the RFC is accepted (no
/// comments, trailing commas or single quotes) except a leading UTF-8 byte order mark.
/// Duplicate keys are kept in source order: the grammar allows them, and a later stage reports
/// them with both places.
public enum JSONParser {
    /// `file` is the path shown in diagnostics.
    public static func parse(_ bytes: [UInt8], file: String) throws(Diagnostic) -> SourceNode {
        try bytes.withUnsafeBufferPointer { (buffer) throws(Diagnostic) -> SourceNode in
            var reader = JSONReader(buffer, file: file)
            return try reader.document()
        }
    }

    /// The elements in `range` of a top-level list, read as if its `[` were already open:
    /// whitespace-separated `value, value, …` up to the end of the range. `start` is where
    /// `range` begins in the file, so locations are the whole file's.
    static func elements(
        of buffer: UnsafeBufferPointer<UInt8>, in range: Range<Int>, from start: TextPosition, file: String
    ) throws(Diagnostic) -> SourceNode {
        var reader = JSONReader(buffer, file: file)
        reader.offset = range.lowerBound
        reader.end = range.upperBound
        reader.line = start.line
        reader.lineStart = start.lineStart
        reader.continuationBytes = start.continuationBytes
        return try reader.value(inOpenList: true)
    }
}

/// A list or mapping whose closing bracket has not been read yet. Open containers live on an
/// explicit stack rather than the call stack, so nesting costs heap, never thread stack.
private struct OpenContainer {
    let isMapping: Bool
    /// Where the opening bracket is; plain numbers, so a container costs no file-name copies.
    let line: Int
    let column: Int
    /// Where this container's finished children start on the pending stack.
    let start: Int
    /// A mapping's key whose value is a container being read, set aside until it closes.
    var key = ""
    var keyLine = 0
    var keyColumn = 0

    var kind: String { isMapping ? "mapping" : "list" }
}

/// A key read, waiting for its value.
private struct PendingKey {
    var text: String
    var line: Int
    var column: Int
}

private struct JSONReader: ~Copyable {
    let bytes: UnsafeBufferPointer<UInt8>
    var end: Int
    let file: String
    let fileID: UInt32
    var offset = 0
    var line = 1
    var lineStart = 0
    /// UTF-8 continuation bytes read since `lineStart`. Columns count scalars, and multi-byte
    /// sequences only occur inside strings, which count them as they validate them, so a
    /// column is known without rescanning the line (a minified file is one long line).
    var continuationBytes = 0
    /// Reused for strings with escapes; strings without escapes are decoded straight from input.
    var scratch: [UInt8] = []
    let shortStrings = ShortStrings()

    init(_ bytes: UnsafeBufferPointer<UInt8>, file: String) {
        self.bytes = bytes
        self.end = bytes.count
        self.file = file
        self.fileID = SourceFiles.id(for: file)
    }

    // MARK: Structure

    mutating func document() throws(Diagnostic) -> SourceNode {
        if end >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            offset = 3
            lineStart = 3
        }
        skipWhitespace()
        guard offset < end else { throw error("empty file, expected a JSON value", at: offset) }
        return try value(inOpenList: false)
    }

    /// One value from `offset`, or with `inOpenList` the run of list elements up to `end` as a
    /// list node, the enclosing `[` and `]` lying outside the range.
    mutating func value(inOpenList: Bool) throws(Diagnostic) -> SourceNode {
        var open: [OpenContainer] = []
        open.reserveCapacity(16)
        if inOpenList {
            open.append(OpenContainer(isMapping: false, line: line, column: column(of: offset), start: 0))
            skipWhitespace()
        }
        // Finished children of the open containers, innermost last; a closing bracket moves its
        // container's run into an array of exactly that size.
        let elements = ChildStack<SourceNode>()
        let entries = ChildStack<MappingEntry>()
        var key = PendingKey(text: "", line: 0, column: 0)
        value: while true {
            if offset >= end {
                // Only inside a container: the top-level value's first byte was checked above.
                if let innermost = open.last { throw endOfFile(inside: innermost) }
                throw error("empty file, expected a JSON value", at: offset)
            }
            let start = offset
            let byte = bytes[start]
            // Nodes are constants from here on, so each one moves into its container uncopied.
            let node: SourceNode
            if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                guard open.count < ParseLimits.maxDepth else {
                    throw error("nesting deeper than \(ParseLimits.maxDepth) levels", at: start)
                }
                let isMapping = byte == UInt8(ascii: "{")
                let line = line
                let column = column(of: start)
                offset += 1
                skipWhitespace()
                if offset < end && bytes[offset] == byte &+ 2 {  // "}" and "]" follow "{" and "[" by two
                    offset += 1
                    node = SourceNode(
                        isMapping ? .mapping([]) : .sequence([]),
                        at: SourceLocation(fileID: fileID, line: line, column: column))
                } else {
                    if let parent = open.indices.last, open[parent].isMapping {
                        swap(&open[parent].key, &key.text)
                        open[parent].keyLine = key.line
                        open[parent].keyColumn = key.column
                    }
                    let container = OpenContainer(
                        isMapping: isMapping, line: line, column: column,
                        start: isMapping ? entries.count : elements.count)
                    if isMapping {
                        guard let first = try readKey(afterComma: false) else { throw endOfFile(inside: container) }
                        key = first
                    }
                    open.append(container)
                    continue value
                }
            } else {
                node = try scalar()
            }
            guard let innermost = open.indices.last else {
                skipWhitespace()
                guard offset == end else { throw error("unexpected content after the top-level value", at: offset) }
                return node
            }
            Self.attach(
                consume node, toMapping: open[innermost].isMapping, key: &key, elements: elements, entries: entries,
                fileID: fileID)

            // After a child: a comma and the next child, or the bracket closing the innermost
            // container, which is then the child just finished of the one around it.
            while let top = open.indices.last {
                let isMapping = open[top].isMapping
                skipWhitespace()
                guard offset < end else {
                    if inOpenList && top == 0 { return SourceNode(.sequence(elements.pop(from: 0)), at: location(of: offset)) }
                    throw endOfFile(inside: open[top])
                }
                let byte = bytes[offset]
                let closer = isMapping ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if byte == UInt8(ascii: ",") {
                    // Numbers, not a SourceLocation: it is needed only for an error.
                    let commaLine = line
                    let commaColumn = column(of: offset)
                    offset += 1
                    skipWhitespace()
                    if offset < end && bytes[offset] == closer {
                        throw .error(
                            "trailing comma before '\(isMapping ? "}" : "]")'",
                            at: SourceLocation(fileID: fileID, line: commaLine, column: commaColumn))
                    }
                    if isMapping {
                        guard let next = try readKey(afterComma: true) else { throw endOfFile(inside: open[top]) }
                        key = next
                    }
                    continue value
                }
                guard byte == closer, !(inOpenList && top == 0) else {
                    throw error(
                        isMapping ? "expected ',' or '}' after mapping entry" : "expected ',' or ']' after list element",
                        at: offset)
                }
                offset += 1
                let closed = open.removeLast()
                let node = SourceNode(
                    isMapping
                        ? .mapping(entries.pop(from: closed.start))
                        : .sequence(elements.pop(from: closed.start)),
                    at: SourceLocation(fileID: fileID, line: closed.line, column: closed.column))
                guard let parent = open.indices.last else {
                    skipWhitespace()
                    guard offset == end else { throw error("unexpected content after the top-level value", at: offset) }
                    return node
                }
                if open[parent].isMapping {
                    swap(&open[parent].key, &key.text)
                    key.line = open[parent].keyLine
                    key.column = open[parent].keyColumn
                }
                Self.attach(
                    consume node, toMapping: open[parent].isMapping, key: &key, elements: elements, entries: entries,
                    fileID: fileID)
            }
        }
    }

    @inline(__always)
    private static func attach(
        _ node: consuming SourceNode, toMapping: Bool, key: inout PendingKey,
        elements: ChildStack<SourceNode>, entries: ChildStack<MappingEntry>, fileID: UInt32
    ) {
        if toMapping {
            // Taken, not copied: the next key overwrites it anyway.
            var text = ""
            swap(&text, &key.text)
            entries.push(MappingEntry(
                key: text, keyLocation: SourceLocation(fileID: fileID, line: key.line, column: key.column), value: node))
        } else {
            elements.push(node)
        }
    }

    /// Reads `"key"` and the `:` after it, leaving `offset` at the value; nil at the end of the file.
    mutating func readKey(afterComma: Bool) throws(Diagnostic) -> PendingKey? {
        guard offset < end else { return nil }
        guard bytes[offset] == UInt8(ascii: "\"") else {
            throw error(afterComma ? "expected a quoted key after ','" : "expected a quoted key or '}'", at: offset)
        }
        let column = column(of: offset)
        let line = line
        let text = try readString()
        skipWhitespace()
        guard offset < end else { return nil }
        guard bytes[offset] == UInt8(ascii: ":") else { throw error("expected ':' after mapping key", at: offset) }
        offset += 1
        skipWhitespace()
        return PendingKey(text: text, line: line, column: column)
    }

    // MARK: Scalars

    /// A string, number, `true`, `false` or `null` at `offset`.
    mutating func scalar() throws(Diagnostic) -> SourceNode {
        let start = offset
        // Before reading: a string's own multi-byte characters must not shift its column.
        let location = location(of: start)
        switch bytes[start] {
        case UInt8(ascii: "\""):
            return SourceNode(.string(try readString()), at: location)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return SourceNode(.number(try readNumber()), at: location)
        case UInt8(ascii: "t"):
            try readWord("true")
            return SourceNode(.bool(true), at: location)
        case UInt8(ascii: "f"):
            try readWord("false")
            return SourceNode(.bool(false), at: location)
        case UInt8(ascii: "n"):
            try readWord("null")
            return SourceNode(.null, at: location)
        default:
            throw unexpectedValue(at: start)
        }
    }

    mutating func readWord(_ word: StaticString) throws(Diagnostic) {
        let count = word.utf8CodeUnitCount
        let expected = word.utf8Start
        guard offset + count <= end else { throw unexpectedValue(at: offset) }
        for index in 0 ..< count where bytes[offset + index] != expected[index] {
            throw unexpectedValue(at: offset)
        }
        if offset + count < end && isWordByte(bytes[offset + count]) { throw unexpectedValue(at: offset) }
        offset += count
    }

    /// The number at `offset`, checked against the RFC grammar and kept as written.
    mutating func readNumber() throws(Diagnostic) -> String {
        let start = offset
        var index = start
        @inline(__always) func isDigit(_ index: Int) -> Bool {
            index < end && bytes[index] &- UInt8(ascii: "0") < 10
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        var valid = false
        if index < end && bytes[index] == UInt8(ascii: "0") {
            index += 1
            valid = true
        } else if isDigit(index) {
            index += 1
            while isDigit(index) { index += 1 }
            valid = true
        }
        if valid && index < end && bytes[index] == UInt8(ascii: ".") {
            index += 1
            valid = isDigit(index)
            while isDigit(index) { index += 1 }
        }
        if valid && index < end && bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < end && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) { index += 1 }
            valid = isDigit(index)
            while isDigit(index) { index += 1 }
        }
        // "01", "1.5x", "0x1F": the token goes on past what the grammar accepts.
        if valid && index < end && isNumberByte(bytes[index]) { valid = false }
        guard valid else {
            var tokenEnd = start + 1
            while tokenEnd < end && isNumberByte(bytes[tokenEnd]) { tokenEnd += 1 }
            throw error("invalid number '\(excerpt(start, tokenEnd))'", at: start)
        }
        offset = index
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start ..< index]), as: UTF8.self)
    }

    /// The string whose opening quote is at `offset`; leaves `offset` after the closing quote.
    mutating func readString() throws(Diagnostic) -> String {
        let start = offset + 1
        var index = start
        while index < end {
            index = plainRunEnd(from: index)
            guard index < end else { break }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                offset = index + 1
                return shortStrings.string(in: bytes, from: start, to: index)
            } else if byte == UInt8(ascii: "\\") {
                return try readEscapedString(from: start, firstEscape: index)
            } else {
                index = try skipNonASCII(at: index)
            }
        }
        throw error("unexpected end of file inside a string", at: end)
    }

    /// The rest of a string that holds escapes, decoded into `scratch`.
    mutating func readEscapedString(from start: Int, firstEscape: Int) throws(Diagnostic) -> String {
        scratch.removeAll(keepingCapacity: true)
        var runStart = start
        var index = firstEscape
        while index < end {
            index = plainRunEnd(from: index)
            guard index < end else { break }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart ..< index]))
                offset = index + 1
                return String(decoding: scratch, as: UTF8.self)
            } else if byte == UInt8(ascii: "\\") {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart ..< index]))
                index = try readEscape(at: index)
                runStart = index
            } else {
                index = try skipNonASCII(at: index)
            }
        }
        throw error("unexpected end of file inside a string", at: end)
    }

    /// The index of the first byte from `start` on that a string cannot take as it is (a quote,
    /// a backslash, a control character or a non-ASCII byte), or `end`. Eight bytes at a time:
    /// most strings are plain ASCII, and this is the parser's hottest loop.
    @inline(__always)
    func plainRunEnd(from start: Int) -> Int {
        var index = start
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highBits: UInt64 = 0x8080_8080_8080_8080
            while index &+ 8 <= end {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let quote = word ^ (ones &* 0x22)
                let backslash = word ^ (ones &* 0x5C)
                // Per byte: below 0x20, equal to '"' or '\\', or with the high bit set. Borrows
                // can flag bytes above a flagged one, never below, so the lowest flag is exact.
                let special = (((word &- ones &* 0x20) & ~word) | ((quote &- ones) & ~quote)
                    | ((backslash &- ones) & ~backslash) | word) & highBits
                if special != 0 { return index &+ special.trailingZeroBitCount >> 3 }
                index &+= 8
            }
        }
        while index < end {
            let byte = bytes[index]
            if byte < 0x20 || byte >= 0x80 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return index }
            index &+= 1
        }
        return end
    }

    /// Validates the control character or UTF-8 sequence at `index` inside a string, returning
    /// the index after it.
    @inline(__always)
    mutating func skipNonASCII(at index: Int) throws(Diagnostic) -> Int {
        let byte = bytes[index]
        if byte < 0x20 {
            throw error("control character U+\(UTF8Validation.hexDigits(UInt32(byte), count: 4)) must be escaped in a string", at: index)
        }
        let length = UTF8Validation.sequenceLength(in: bytes, at: index)
        guard length > 0 else { throw error(UTF8Validation.problem(in: bytes, at: index), at: index) }
        continuationBytes &+= length &- 1
        return index &+ length
    }

    /// Decodes the escape whose backslash is at `backslash` into `scratch`, returning the index
    /// after it.
    mutating func readEscape(at backslash: Int) throws(Diagnostic) -> Int {
        guard backslash + 1 < end else { throw error("unexpected end of file inside a string", at: end) }
        let decoded: UInt8
        switch bytes[backslash + 1] {
        case UInt8(ascii: "\""): decoded = 0x22
        case UInt8(ascii: "\\"): decoded = 0x5C
        case UInt8(ascii: "/"): decoded = 0x2F
        case UInt8(ascii: "b"): decoded = 0x08
        case UInt8(ascii: "f"): decoded = 0x0C
        case UInt8(ascii: "n"): decoded = 0x0A
        case UInt8(ascii: "r"): decoded = 0x0D
        case UInt8(ascii: "t"): decoded = 0x09
        case UInt8(ascii: "u"): return try readUnicodeEscape(at: backslash)
        case let other:
            if other >= 0x21 && other < 0x7F {
                throw error("invalid escape '\\\(Character(Unicode.Scalar(other)))' in a string", at: backslash)
            }
            throw error("invalid escape in a string: '\\' must be followed by one of \" \\ / b f n r t u", at: backslash)
        }
        scratch.append(decoded)
        return backslash + 2
    }

    /// `\uXXXX`, or a surrogate pair `\uD83D\uDE00` that together name one scalar.
    mutating func readUnicodeEscape(at backslash: Int) throws(Diagnostic) -> Int {
        let unit = try hexQuad(at: backslash)
        var next = backslash + 6
        var value = unit
        switch unit {
        case 0xD800 ... 0xDBFF:
            if next >= end { throw error("unexpected end of file inside a string", at: end) }
            guard next + 1 < end && bytes[next] == UInt8(ascii: "\\") && bytes[next + 1] == UInt8(ascii: "u") else {
                throw unpairedSurrogate(unit, at: backslash)
            }
            let low = try hexQuad(at: next)
            guard (0xDC00 ... 0xDFFF).contains(low) else { throw unpairedSurrogate(unit, at: backslash) }
            value = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            next += 6
        case 0xDC00 ... 0xDFFF:
            throw unpairedSurrogate(unit, at: backslash)
        default:
            break
        }
        UTF8Validation.append(value, to: &scratch)
        return next
    }

    /// The four hex digits after the `\u` at `backslash`.
    func hexQuad(at backslash: Int) throws(Diagnostic) -> UInt32 {
        var value: UInt32 = 0
        for index in backslash + 2 ..< backslash + 6 {
            guard index < end else { throw error("unexpected end of file inside a string", at: end) }
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("invalid \\u escape: expected 4 hex digits", at: backslash)
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }


    // MARK: Positions

    @inline(__always)
    mutating func skipWhitespace() {
        while offset < end {
            let byte = bytes[offset]
            if byte > 0x20 { return }
            if byte == 0x20 || byte == 0x09 || byte == 0x0D {
                offset += 1
            } else if byte == 0x0A {
                offset += 1
                line += 1
                lineStart = offset
                continuationBytes = 0
            } else {
                return
            }
        }
    }

    /// Valid for positions not before the last one read: later ones are on the current line
    /// and past every counted continuation byte.
    @inline(__always)
    func column(of position: Int) -> Int {
        position - lineStart - continuationBytes + 1
    }

    @inline(__always)
    func location(of position: Int) -> SourceLocation {
        SourceLocation(fileID: fileID, line: line, column: column(of: position))
    }

    // MARK: Diagnostics

    func error(_ message: String, at position: Int) -> Diagnostic {
        .error(message, at: location(of: position))
    }

    func endOfFile(inside container: OpenContainer) -> Diagnostic {
        error(
            "unexpected end of file inside the \(container.kind) opened at line \(container.line), column \(container.column)",
            at: end)
    }

    func unpairedSurrogate(_ unit: UInt32, at backslash: Int) -> Diagnostic {
        error("unpaired surrogate \\u\(UTF8Validation.hexDigits(unit, count: 4))", at: backslash)
    }

    /// What stands where a value should start, named the way a reader would see it.
    func unexpectedValue(at position: Int) -> Diagnostic {
        let byte = bytes[position]
        if isWordByte(byte) {
            var wordEnd = position + 1
            while wordEnd < end && isWordByte(bytes[wordEnd]) { wordEnd += 1 }
            return error("unexpected '\(excerpt(position, wordEnd))', expected a JSON value", at: position)
        }
        if byte >= 0x80 {
            let length = UTF8Validation.sequenceLength(in: bytes, at: position)
            guard length > 0, let scalar = UTF8Validation.scalar(in: bytes, at: position, length: length) else {
                return error(UTF8Validation.problem(in: bytes, at: position), at: position)
            }
            let code = UTF8Validation.hexDigits(scalar.value, count: 4)
            return error("unexpected character '\(Character(scalar))' (U+\(code)), expected a JSON value", at: position)
        }
        if byte < 0x21 || byte == 0x7F {
            let code = UTF8Validation.hexDigits(UInt32(byte), count: 4)
            return error("unexpected character U+\(code), expected a JSON value", at: position)
        }
        if byte == UInt8(ascii: "'") {
            return error("unexpected character \"'\", expected a JSON value (strings take double quotes)", at: position)
        }
        return error("unexpected character '\(Character(Unicode.Scalar(byte)))', expected a JSON value", at: position)
    }

    /// An ASCII excerpt of the input for a message, cut short on long runs.
    func excerpt(_ start: Int, _ stop: Int) -> String {
        let limit = 40
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start ..< min(stop, start + limit)]), as: UTF8.self)
        return stop - start > limit ? text + "…" : text
    }
}

@inline(__always)
private func isWordByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
         UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
        return true
    default:
        return false
    }
}

/// Bytes that read as part of a number token, so "1.5x" or "0x1F" is reported whole.
@inline(__always)
private func isNumberByte(_ byte: UInt8) -> Bool {
    isWordByte(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
}

/// Strings of up to 16 bytes met lately, by their bytes. Keys and enumerated values ("public",
/// badge ids) repeat thousands of times in a large file, and copying a String is much cheaper
/// than validating and building one.
private struct ShortStrings: ~Copyable {
    private static let slotCount = 256
    /// Per slot: the bytes as two little-endian words, then the length plus one (0: empty).
    private let words: UnsafeMutablePointer<UInt64>
    private let strings: UnsafeMutablePointer<String>

    init() {
        words = .allocate(capacity: 3 * Self.slotCount)
        words.initialize(repeating: 0, count: 3 * Self.slotCount)
        strings = .allocate(capacity: Self.slotCount)
        strings.initialize(repeating: "", count: Self.slotCount)
    }

    deinit {
        words.deallocate()
        strings.deinitialize(count: Self.slotCount)
        strings.deallocate()
    }

    /// The string of the (valid UTF-8) bytes `start ..< stop`.
    @inline(__always)
    func string(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to stop: Int) -> String {
        let length = stop &- start
        // Sixteen bytes are read whatever the length, so the slice must not be near the end.
        guard length <= 16, start &+ 16 <= bytes.count, let base = bytes.baseAddress else {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start ..< stop]), as: UTF8.self)
        }
        let raw = UnsafeRawPointer(base + start)
        var low = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
        var high = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        if length < 8 {
            low &= (1 &<< UInt64(length &* 8)) &- 1
            high = 0
        } else if length < 16 {
            high &= (1 &<< UInt64((length &- 8) &* 8)) &- 1
        }
        let golden: UInt64 = 0x9E37_79B9_7F4A_7C15
        let slot = Int(truncatingIfNeeded: ((low ^ (high &* golden) ^ UInt64(length)) &* golden) &>> 56)
        let word = words + slot &* 3
        if word[0] == low && word[1] == high && word[2] == UInt64(length &+ 1) {
            return strings[slot]
        }
        let string = String(decoding: UnsafeBufferPointer(rebasing: bytes[start ..< stop]), as: UTF8.self)
        word[0] = low
        word[1] = high
        word[2] = UInt64(length &+ 1)
        strings[slot] = string
        return string
    }
}
