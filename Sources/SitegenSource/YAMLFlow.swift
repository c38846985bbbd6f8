/// One-line flow collections: `[a, b]`, `{a: 1, b: [c, d]}`. Spanning lines is not part of
/// YAML-lite, so reaching the end of the line (or a comment) before the closing bracket is an
/// error located at the opening one.
extension YAMLReader {
    mutating func parseFlowCollection(depth: Int) throws(Diagnostic) -> SourceNode {
        try checkDepth(depth, at: pos)
        if text[pos] == UInt8(ascii: "[") {
            return try parseFlowSequence(depth: depth)
        }
        return try parseFlowMapping(depth: depth)
    }

    private mutating func parseFlowSequence(depth: Int) throws(Diagnostic) -> SourceNode {
        let open = pos
        let location = self.location(at: open)
        let first = itemStack.count
        pos += 1
        while true {
            try skipFlowWhite(open: open)
            if text[pos] == UInt8(ascii: "]") { break }
            itemStack.push(try parseFlowNode(depth: depth + 1))
            try skipFlowWhite(open: open)
            switch text[pos] {
            case UInt8(ascii: ","):
                pos += 1
                continue
            case UInt8(ascii: "]"):
                break
            case UInt8(ascii: ":"):
                throw error("a 'key: value' pair inside '[ ]' is not supported; use '{ }'", at: pos)
            default:
                throw error("expected ',' or ']' in a flow sequence", at: pos)
            }
            break
        }
        pos += 1
        return SourceNode(.sequence(itemStack.pop(from: first)), at: location)
    }

    private mutating func parseFlowMapping(depth: Int) throws(Diagnostic) -> SourceNode {
        let open = pos
        let location = self.location(at: open)
        let first = entryStack.count
        var keys = YAMLKeySet()
        pos += 1
        while true {
            try skipFlowWhite(open: open)
            if text[pos] == UInt8(ascii: "}") { break }
            let keyLocation = self.location(at: pos)
            let key = try parseFlowKey()
            try skipFlowWhite(open: open)
            guard text[pos] == UInt8(ascii: ":") else {
                throw error("expected ':' after the key '\(key)' in a flow mapping", at: pos)
            }
            pos += 1
            let afterColon = pos
            try skipFlowWhite(open: open)
            let value: SourceNode
            if text[pos] == UInt8(ascii: ",") || text[pos] == UInt8(ascii: "}") {
                value = emptyFlowValue(at: afterColon)
            } else {
                value = try parseFlowNode(depth: depth + 1)
            }
            try keys.insert(key, at: keyLocation, in: entryStack, from: first)
            entryStack.push(MappingEntry(key: key, keyLocation: keyLocation, value: value))
            try skipFlowWhite(open: open)
            switch text[pos] {
            case UInt8(ascii: ","):
                pos += 1
                continue
            case UInt8(ascii: "}"):
                break
            default:
                throw error("expected ',' or '}' in a flow mapping", at: pos)
            }
            break
        }
        pos += 1
        return SourceNode(.mapping(entryStack.pop(from: first)), at: location)
    }

    @inline(never)
    private mutating func emptyFlowValue(at i: Int) -> SourceNode {
        SourceNode(.null, at: location(at: i))
    }

    @inline(never)
    private mutating func parseFlowKey() throws(Diagnostic) -> String {
        let c = text[pos]
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            let node = try parseQuoted(minIndent: 0, singleLine: true)
            if case .string(let key) = node.value { return key }
            return ""
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            throw error("a mapping key must be a scalar, not a flow collection", at: pos)
        case UInt8(ascii: ":") where isFlowValueIndicator(pos):
            throw error("expected a mapping key before ':'", at: pos)
        default:
            try rejectFlowIndicator()
            let start = pos
            let textEnd = scanFlowPlain()
            return string(start, textEnd)
        }
    }

    /// Like the block functions, the recursive ones here call each other through as few call
    /// sites as they can, so deep nesting stays within a small thread stack.
    private mutating func parseFlowNode(depth: Int) throws(Diagnostic) -> SourceNode {
        let c = text[pos]
        if c == UInt8(ascii: "[") || c == UInt8(ascii: "{") {
            try checkDepth(depth, at: pos)
            return c == UInt8(ascii: "[") ? try parseFlowSequence(depth: depth) : try parseFlowMapping(depth: depth)
        }
        return try parseFlowScalar()
    }

    @inline(never)
    private mutating func parseFlowScalar() throws(Diagnostic) -> SourceNode {
        let c = text[pos]
        if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
            return try parseQuoted(minIndent: 0, singleLine: true)
        }
        try rejectFlowIndicator()
        let start = pos
        let location = self.location(at: start)
        let textEnd = scanFlowPlain()
        return SourceNode(Self.plainValue(UnsafeBufferPointer(rebasing: text[start..<textEnd])), at: location)
    }

    @inline(never)
    private mutating func rejectFlowIndicator() throws(Diagnostic) {
        let c = text[pos]
        if c == UInt8(ascii: "-") && isWhiteOrEOL(pos + 1) {
            throw error("a block list item ('- ') cannot appear inside a flow collection", at: pos)
        }
        if c == UInt8(ascii: "|") || c == UInt8(ascii: ">") {
            throw error("a block scalar cannot appear inside a flow collection", at: pos)
        }
        try rejectIndicator(at: pos)
    }

    /// `:` ends a flow plain scalar when white space, a flow indicator or the line's end follows.
    @inline(__always)
    private func isFlowValueIndicator(_ i: Int) -> Bool {
        text[i] == UInt8(ascii: ":") && (isWhiteOrEOL(i + 1) || Self.isFlowIndicator(text[i + 1]))
    }

    /// Scans a plain scalar inside a flow collection from `pos`; returns the end of its text
    /// (trailing white space excluded) and leaves `pos` where the scan stopped.
    @inline(never)
    private mutating func scanFlowPlain() -> Int {
        var textEnd = pos
        while pos < end {
            let b = text[pos]
            if b == Self.lf || b == Self.cr || Self.isFlowIndicator(b) { break }
            if Self.isWhite(b) {
                if byte(pos + 1) == UInt8(ascii: "#") { break }
            } else {
                if isFlowValueIndicator(pos) { break }
                textEnd = pos + 1
            }
            pos += 1
        }
        return textEnd
    }

    /// Skips white space inside a flow collection; the line's end or a comment there means the
    /// collection never closes on its line.
    @inline(never)
    private mutating func skipFlowWhite(open: Int) throws(Diagnostic) {
        let before = pos
        skipWhite()
        if isEOL(pos) || (text[pos] == UInt8(ascii: "#") && pos > before) {
            let bracket = text[open] == UInt8(ascii: "[") ? "'['" : "'{'"
            throw error("unclosed \(bracket): a flow collection must close on the line where it starts", at: open)
        }
    }
}
