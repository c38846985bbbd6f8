/// Plain and quoted scalars, and how plain ones are typed.
extension YAMLReader {
    /// A plain scalar in block context, with YAML's folding of continuation lines (indented at
    /// least `minIndent`): a single line break becomes a space, each blank line a newline.
    @inline(never)
    mutating func parsePlainBlock(minIndent: Int, isMappingValue: Bool) throws(Diagnostic) -> SourceNode {
        let start = pos
        let location = self.location(at: start)
        let (textEnd, stop) = try scanPlainLine(from: start, isMappingValue: isMappingValue)
        pos = stop
        let endsInComment = !isEOL(stop)
        advanceLine()
        var folded = false
        if !endsInComment {
            var breaks = 0
            while pos < end {
                var i = pos
                while i < end && text[i] == Self.space { i += 1 }
                let indent = i - pos
                while i < end && Self.isWhite(text[i]) { i += 1 }
                if isEOL(i) {
                    breaks += 1
                    advanceLine()
                    continue
                }
                if indent < minIndent || text[i] == UInt8(ascii: "#") { break }
                if indent == 0 && (isDocumentMarker(at: i, "-") || isDocumentMarker(at: i, ".")) { break }
                if !folded {
                    scratch.removeAll(keepingCapacity: true)
                    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<textEnd]))
                    folded = true
                }
                if breaks == 0 {
                    scratch.append(Self.space)
                } else {
                    for _ in 0..<breaks { scratch.append(Self.lf) }
                }
                breaks = 0
                let (lineEnd, lineStop) = try scanPlainLine(from: i, isMappingValue: true, continuing: location)
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: text[i..<lineEnd]))
                pos = lineStop
                let comment = !isEOL(lineStop)
                advanceLine()
                if comment { break }
            }
        }
        if folded {
            let value = scratch.withUnsafeBufferPointer { Self.plainValue($0) }
            return SourceNode(value, at: location)
        }
        return SourceNode(Self.plainValue(UnsafeBufferPointer(rebasing: text[start..<textEnd])), at: location)
    }

    /// Scans one line of a plain scalar from `i`. Returns where its text ends (trailing white
    /// space excluded) and where the scan stopped: the line's end or the white space before a
    /// comment. `: ` inside is an error where the scalar is a value (a key was ruled out).
    private mutating func scanPlainLine(
        from i: Int, isMappingValue: Bool, continuing start: SourceLocation? = nil
    ) throws(Diagnostic) -> (textEnd: Int, stop: Int) {
        var j = i
        var textEnd = i
        while j < end {
            let b = text[j]
            if b == Self.lf || b == Self.cr { break }
            if b == Self.space || b == Self.tab {
                if j + 1 < end && text[j + 1] == UInt8(ascii: "#") { break }
            } else {
                if b == UInt8(ascii: ":") && isWhiteOrEOL(j + 1) {
                    if let start {
                        throw error(
                            "inconsistent indentation (this line would continue the value at line \(start.line), column \(start.column))",
                            at: i)
                    }
                    if isMappingValue {
                        throw error(
                            "unexpected ': ' in a plain value; quote the value, or start a nested mapping on a line of its own",
                            at: j)
                    }
                }
                textEnd = j + 1
            }
            j += 1
        }
        return (textEnd, j)
    }

    /// YAML 1.2 core schema, restricted to JSON's values: only these exact spellings are typed.
    @inline(never)
    static func plainValue(_ p: UnsafeBufferPointer<UInt8>) -> SourceNode.Value {
        let n = p.count
        if n == 0 { return .null }
        let first = p[0]
        if n == 1 && first == UInt8(ascii: "~") { return .null }
        if n == 4 && first == UInt8(ascii: "n") && p[1] == UInt8(ascii: "u") && p[2] == UInt8(ascii: "l")
            && p[3] == UInt8(ascii: "l")
        {
            return .null
        }
        if n == 4 && first == UInt8(ascii: "t") && p[1] == UInt8(ascii: "r") && p[2] == UInt8(ascii: "u")
            && p[3] == UInt8(ascii: "e")
        {
            return .bool(true)
        }
        if n == 5 && first == UInt8(ascii: "f") && p[1] == UInt8(ascii: "a") && p[2] == UInt8(ascii: "l")
            && p[3] == UInt8(ascii: "s") && p[4] == UInt8(ascii: "e")
        {
            return .bool(false)
        }
        let text = String(decoding: p, as: UTF8.self)
        if first == UInt8(ascii: "-") || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) {
            if isJSONNumber(p) { return .number(text) }
        }
        return .string(text)
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?`
    static func isJSONNumber(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = p.count
        var i = 0
        func isDigit(_ k: Int) -> Bool { k < n && p[k] >= UInt8(ascii: "0") && p[k] <= UInt8(ascii: "9") }
        if i < n && p[i] == UInt8(ascii: "-") { i += 1 }
        guard isDigit(i) else { return false }
        if p[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            while isDigit(i) { i += 1 }
        }
        if i < n && p[i] == UInt8(ascii: ".") {
            i += 1
            guard isDigit(i) else { return false }
            while isDigit(i) { i += 1 }
        }
        if i < n && (p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E")) {
            i += 1
            if i < n && (p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-")) { i += 1 }
            guard isDigit(i) else { return false }
            while isDigit(i) { i += 1 }
        }
        return i == n
    }
}

// MARK: Quoted scalars

extension YAMLReader {
    /// A 'single' or "double" quoted scalar starting at `pos`; leaves `pos` after the closing
    /// quote. Line breaks inside fold as in plain scalars; continuation lines must be indented at
    /// least `minIndent`. `singleLine`: inside a flow collection, which must close on its line.
    @inline(never)
    mutating func parseQuoted(minIndent: Int, singleLine: Bool) throws(Diagnostic) -> SourceNode {
        let open = pos
        let location = self.location(at: open)
        let quote = text[open]
        let isDouble = quote == UInt8(ascii: "\"")
        let kind = isDouble ? "double-quoted" : "single-quoted"
        // Fast path: no escape, no doubled quote, no line break.
        var i = open + 1
        while i < end {
            let b = text[i]
            if b == quote || b == Self.lf || b == Self.cr || (isDouble && b == UInt8(ascii: "\\")) { break }
            i += 1
        }
        if i < end && text[i] == quote && (isDouble || byte(i + 1) != quote) {
            pos = i + 1
            return SourceNode(.string(string(open + 1, i)), at: location)
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: text[(open + 1)..<i]))
        // Where the run of literal white space at the end of `scratch` starts: it is trimmed
        // before a line break, while escaped white space is kept.
        var rawWhiteStart = scratch.count
        while rawWhiteStart > 0 && Self.isWhite(scratch[rawWhiteStart - 1]) { rawWhiteStart -= 1 }
        while true {
            guard i < end else { throw Diagnostic.error("unterminated \(kind) string", at: location) }
            let b = text[i]
            if b == quote {
                if !isDouble && byte(i + 1) == quote {
                    scratch.append(quote)
                    rawWhiteStart = scratch.count
                    i += 2
                    continue
                }
                break
            }
            var escapedBreak = false
            if isDouble && b == UInt8(ascii: "\\") {
                guard i + 1 < end else { throw Diagnostic.error("unterminated \(kind) string", at: location) }
                if isEOL(i + 1) {
                    escapedBreak = true
                    rawWhiteStart = scratch.count
                    i += 1
                } else {
                    i = try appendEscape(at: i)
                    rawWhiteStart = scratch.count
                    continue
                }
            }
            if text[i] == Self.lf || text[i] == Self.cr {
                if singleLine { throw Diagnostic.error("unterminated \(kind) string", at: location) }
                if !escapedBreak { scratch.removeSubrange(rawWhiteStart...) }
                pos = i
                advanceLine()
                var breaks = 0
                while true {
                    var j = pos
                    while j < end && text[j] == Self.space { j += 1 }
                    let indent = j - pos
                    while j < end && Self.isWhite(text[j]) { j += 1 }
                    guard j < end else { throw Diagnostic.error("unterminated \(kind) string", at: location) }
                    if isEOL(j) {
                        breaks += 1
                        pos = j
                        advanceLine()
                        continue
                    }
                    if indent < minIndent
                        || (indent == 0 && (isDocumentMarker(at: j, "-") || isDocumentMarker(at: j, ".")))
                    {
                        throw Diagnostic.error("unterminated \(kind) string", at: location)
                    }
                    i = j
                    break
                }
                if breaks == 0 {
                    if !escapedBreak { scratch.append(Self.space) }
                } else {
                    for _ in 0..<breaks { scratch.append(Self.lf) }
                }
                rawWhiteStart = scratch.count
                continue
            }
            scratch.append(b)
            if !Self.isWhite(b) { rawWhiteStart = scratch.count }
            i += 1
        }
        pos = i + 1
        return SourceNode(.string(String(decoding: scratch, as: UTF8.self)), at: location)
    }

    /// Appends the escape sequence at `i` (a backslash) to `scratch`; returns the offset after it.
    @inline(never)
    private mutating func appendEscape(at i: Int) throws(Diagnostic) -> Int {
        let e = byte(i + 1)
        let simple: UInt8?
        switch e {
        case UInt8(ascii: "n"): simple = Self.lf
        case UInt8(ascii: "t"): simple = Self.tab
        case UInt8(ascii: "r"): simple = Self.cr
        case UInt8(ascii: "0"): simple = 0
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): simple = e
        case UInt8(ascii: "u"): simple = nil
        default:
            throw error("unknown escape '\\\(character(at: i + 1))' in a double-quoted string", at: i)
        }
        if let simple {
            scratch.append(simple)
            return i + 2
        }
        guard let unit = hexQuad(at: i + 2) else {
            throw error("invalid escape: '\\u' must be followed by 4 hex digits", at: i)
        }
        var scalarValue = unit
        var next = i + 6
        if unit >= 0xD800 && unit <= 0xDBFF {
            guard byte(next) == UInt8(ascii: "\\"), byte(next + 1) == UInt8(ascii: "u"),
                let low = hexQuad(at: next + 2), low >= 0xDC00 && low <= 0xDFFF
            else {
                throw error("lone surrogate '\\u\(string(i + 2, i + 6))' in a double-quoted string", at: i)
            }
            scalarValue = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            next += 6
        } else if unit >= 0xDC00 && unit <= 0xDFFF {
            throw error("lone surrogate '\\u\(string(i + 2, i + 6))' in a double-quoted string", at: i)
        }
        guard let scalar = Unicode.Scalar(scalarValue) else {
            throw error("invalid escape: '\\u' must be followed by 4 hex digits", at: i)
        }
        UTF8Validation.append(scalar.value, to: &scratch)
        return next
    }

    /// The character whose UTF-8 sequence starts at `i` (the text is valid UTF-8).
    private func character(at i: Int) -> String {
        let lead = text[i]
        let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        return string(i, min(i + length, end))
    }


    private mutating func hexQuad(at i: Int) -> UInt32? {
        guard i + 4 <= end else { return nil }
        var value: UInt32 = 0
        for k in i..<(i + 4) {
            let b = text[k]
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
