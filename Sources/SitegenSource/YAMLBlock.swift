/// Block structure: mappings and sequences nested by indentation. A node's indentation is the
/// byte offset of its first character from the line start; indentation is spaces only, and the
/// `- ` before a compact item is ASCII, so bytes and columns agree there.
extension YAMLReader {
    /// Parses the node starting at `pos`, which is the first character of a line's content or
    /// follows `- ` on the line. Content belongs to the node while indented past `parentIndent`.
    /// `depth` counts collections only: the limit is there to bound recursion.
    /// `endsAtSibling`: see `parseBlockSequence`.
    ///
    /// The functions that recurse for nested block nodes (this one, `parseBlockMapping`,
    /// `parseMappingValue`, `parseBlockSequence`) each call the next through one call site and
    /// leave everything else to helpers that are never inlined: every call site returning a node
    /// costs a stack slot, and the deepest nesting allowed must fit a 512 KiB thread stack.
    mutating func parseBlockNode(parentIndent: Int, depth: Int, endsAtSibling: Bool = false) throws(Diagnostic) -> SourceNode {
        let indent = pos - lineStart
        let kind = try blockNodeKind()
        switch kind {
        case .sequence:
            return try parseBlockSequence(indent: indent, depth: depth, endsAtSibling: endsAtSibling)
        case .mapping:
            return try parseBlockMapping(indent: indent, depth: depth)
        case .scalar:
            return try parseBlockScalarOrFlow(parentIndent: parentIndent, depth: depth)
        }
    }

    private enum BlockNodeKind { case sequence, mapping, scalar }

    @inline(never)
    private mutating func blockNodeKind() throws(Diagnostic) -> BlockNodeKind {
        let c = text[pos]
        switch c {
        case UInt8(ascii: "-") where isWhiteOrEOL(pos + 1):
            return .sequence
        case UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "["), UInt8(ascii: "{"):
            return .scalar
        default:
            try rejectIndicator(at: pos)
            return lineHasImplicitKey(from: pos) ? .mapping : .scalar
        }
    }

    /// A block node that is not a block collection: a block, quoted or plain scalar, or a flow
    /// collection (which recurses only into flow parsing).
    @inline(never)
    private mutating func parseBlockScalarOrFlow(parentIndent: Int, depth: Int) throws(Diagnostic) -> SourceNode {
        switch text[pos] {
        case UInt8(ascii: "|"), UInt8(ascii: ">"):
            return try parseBlockScalar(parentIndent: parentIndent)
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            let node = try parseFlowCollection(depth: depth)
            try rejectCollectionKey(node)
            try finishLine(after: "a flow collection")
            return node
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            let node = try parseQuoted(minIndent: parentIndent + 1, singleLine: false)
            try finishLine(after: "a quoted string")
            return node
        default:
            return try parsePlainBlock(minIndent: parentIndent + 1, isMappingValue: false)
        }
    }

    /// `[a]: b` is a mapping whose key is a collection: say so rather than "unexpected text".
    @inline(never)
    private mutating func rejectCollectionKey(_ node: SourceNode) throws(Diagnostic) {
        let after = pos
        skipWhite()
        if pos < end && text[pos] == UInt8(ascii: ":") && isWhiteOrEOL(pos + 1) {
            throw Diagnostic.error("a mapping key must be a scalar, not a flow collection", at: node.location)
        }
        pos = after
    }

    /// Whether the line from `i` reads `key:` (plain or quoted key, then `:` and white space or
    /// the end of the line), which makes it the first entry of a block mapping.
    @inline(never)
    mutating func lineHasImplicitKey(from i: Int) -> Bool {
        var j = i
        let c = text[j]
        if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
            j += 1
            while true {
                if isEOL(j) { return false }
                let b = text[j]
                if c == UInt8(ascii: "\"") && b == UInt8(ascii: "\\") {
                    if isEOL(j + 1) { return false }
                    j += 2
                    continue
                }
                if b == c {
                    if c == UInt8(ascii: "'") && byte(j + 1) == c {
                        j += 2
                        continue
                    }
                    break
                }
                j += 1
            }
            j += 1
            while j < end && Self.isWhite(text[j]) { j += 1 }
            return j < end && text[j] == UInt8(ascii: ":") && isWhiteOrEOL(j + 1)
        }
        while !isEOL(j) {
            let b = text[j]
            if b == UInt8(ascii: ":") && isWhiteOrEOL(j + 1) { return true }
            if b == UInt8(ascii: "#") && j > i && Self.isWhite(text[j - 1]) { return false }
            j += 1
        }
        return false
    }

    mutating func parseBlockMapping(indent: Int, depth: Int) throws(Diagnostic) -> SourceNode {
        try checkDepth(depth, at: pos)
        let location = self.location(at: pos)
        let first = entryStack.count
        var keys = YAMLKeySet()
        while true {
            let keyLocation = self.location(at: pos)
            let key = try parseBlockKey()
            try keys.insert(key, at: keyLocation, in: entryStack, from: first)
            let value = try parseMappingValue(keyIndent: indent, depth: depth + 1)
            entryStack.push(MappingEntry(key: key, keyLocation: keyLocation, value: value))
            guard let next = try skipToContentLine() else { break }
            if next < indent { break }
            pos = lineStart + next
            if next > indent { throw error("inconsistent indentation", at: pos) }
        }
        let entries = entryStack.pop(from: first)
        return SourceNode(.mapping(entries), at: location)
    }

    /// Reads a block mapping key and its `:`, leaving `pos` after the colon.
    @inline(never)
    private mutating func parseBlockKey() throws(Diagnostic) -> String {
        let start = pos
        let c = text[start]
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            let node = try parseQuoted(minIndent: 0, singleLine: true)
            skipWhite()
            guard pos < end && text[pos] == UInt8(ascii: ":") && isWhiteOrEOL(pos + 1),
                case .string(let key) = node.value
            else {
                throw error("expected ':' after a mapping key", at: pos)
            }
            pos += 1
            return key
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            let node = try parseFlowCollection(depth: 1)
            try rejectCollectionKey(node)
            throw Diagnostic.error("expected a mapping key, found a flow collection", at: node.location)
        case UInt8(ascii: "-") where isWhiteOrEOL(start + 1):
            throw error("expected a mapping key, found a list item ('- ')", at: start)
        case UInt8(ascii: "|"), UInt8(ascii: ">"):
            throw error("expected a mapping key, found a block scalar", at: start)
        case UInt8(ascii: ":") where isWhiteOrEOL(start + 1):
            throw error("expected a mapping key before ':'", at: start)
        default:
            try rejectIndicator(at: start)
        }
        var j = start
        var keyEnd = start
        while !isEOL(j) {
            let b = text[j]
            if b == UInt8(ascii: ":") && isWhiteOrEOL(j + 1) {
                pos = j + 1
                return string(start, keyEnd)
            }
            if Self.isWhite(b) {
                if byte(j + 1) == UInt8(ascii: "#") { break }
            } else {
                keyEnd = j + 1
            }
            j += 1
        }
        throw error("expected a mapping key ('name: value')", at: start)
    }

    /// Parses what follows `key:`, with `pos` just after the colon: a value on the same line, a
    /// block node on the lines below, or nothing (null, located just after the colon).
    private mutating func parseMappingValue(keyIndent: Int, depth: Int) throws(Diagnostic) -> SourceNode {
        let afterColon = pos
        skipWhite()
        if !isEOL(pos) && text[pos] != UInt8(ascii: "#") {
            return try parseInlineValue(keyIndent: keyIndent, depth: depth)
        }
        let emptyLine = line
        let emptyLineStart = lineStart
        advanceLine()
        var nested = false
        var atKeyIndent = false
        if let next = try skipToContentLine() {
            let first = lineStart + next
            // A sequence may sit at its key's own indentation.
            atKeyIndent = next == keyIndent && text[first] == UInt8(ascii: "-") && isWhiteOrEOL(first + 1)
            nested = next > keyIndent || atKeyIndent
            if nested { pos = first }
        }
        if !nested { return emptyValue(line: emptyLine, lineStart: emptyLineStart, at: afterColon) }
        return try parseBlockNode(parentIndent: keyIndent, depth: depth, endsAtSibling: atKeyIndent)
    }

    /// Null for `key:` with nothing after it, located just after the colon (on an earlier line).
    @inline(never)
    private mutating func emptyValue(line: Int, lineStart: Int, at i: Int) -> SourceNode {
        SourceNode(.null, at: location(at: i, line: line, lineStart: lineStart))
    }

    /// A value on its key's line.
    @inline(never)
    private mutating func parseInlineValue(keyIndent: Int, depth: Int) throws(Diagnostic) -> SourceNode {
        switch text[pos] {
        case UInt8(ascii: "|"), UInt8(ascii: ">"):
            return try parseBlockScalar(parentIndent: keyIndent)
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            let node = try parseFlowCollection(depth: depth)
            try rejectNestedMapping()
            try finishLine(after: "a flow collection")
            return node
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            let node = try parseQuoted(minIndent: keyIndent + 1, singleLine: false)
            try rejectNestedMapping()
            try finishLine(after: "a quoted string")
            return node
        case UInt8(ascii: "-") where isWhiteOrEOL(pos + 1):
            throw error("a list cannot start on its key's line; put each '- ' item on a line of its own", at: pos)
        default:
            try rejectIndicator(at: pos)
            return try parsePlainBlock(minIndent: keyIndent + 1, isMappingValue: true)
        }
    }

    /// `key: "a": b` — YAML allows no mapping to start on its parent key's line.
    @inline(never)
    private mutating func rejectNestedMapping() throws(Diagnostic) {
        let after = pos
        skipWhite()
        if pos < end && text[pos] == UInt8(ascii: ":") && isWhiteOrEOL(pos + 1) {
            throw error("a nested mapping must start on a line of its own", at: pos)
        }
        pos = after
    }

    /// Parses `- item` lines at `indent`. `endsAtSibling`: the sequence is the value of a key at
    /// the same indentation, so a non-item line there is that mapping's next key.
    mutating func parseBlockSequence(indent: Int, depth: Int, endsAtSibling: Bool) throws(Diagnostic) -> SourceNode {
        try checkDepth(depth, at: pos)
        let location = self.location(at: pos)
        let first = itemStack.count
        while true {
            let dash = pos
            pos += 1
            skipWhite()
            var hasItem = true
            if isEOL(pos) || text[pos] == UInt8(ascii: "#") {
                let dashLine = line
                let dashLineStart = lineStart
                advanceLine()
                if let next = try skipToContentLine(), next > indent {
                    pos = lineStart + next
                } else {
                    hasItem = false
                    itemStack.push(emptyValue(line: dashLine, lineStart: dashLineStart, at: dash + 1))
                }
            }
            if hasItem {
                itemStack.push(try parseBlockNode(parentIndent: indent, depth: depth + 1))
            }
            guard let next = try skipToContentLine() else { break }
            if next < indent { break }
            let lineContent = lineStart + next
            if next > indent {
                pos = lineContent
                throw error("inconsistent indentation", at: pos)
            }
            if text[lineContent] == UInt8(ascii: "-") && isWhiteOrEOL(lineContent + 1) {
                pos = lineContent
                continue
            }
            if endsAtSibling { break }
            throw error("expected a list item ('- ')", at: lineContent)
        }
        return SourceNode(.sequence(itemStack.pop(from: first)), at: location)
    }
}

/// The keys of one mapping, for duplicate detection: a linear scan while the mapping is small
/// (the usual case), a dictionary once it is large so hostile input stays linear.
struct YAMLKeySet {
    private var index: [String: Int]?

    /// `stack` holds the mapping's entries so far from `first` on.
    @inline(never)
    mutating func insert(
        _ key: String, at location: SourceLocation, in stack: ChildStack<MappingEntry>, from first: Int
    ) throws(Diagnostic) {
        let duplicate: SourceLocation? = stack.withElements(from: first) { entries in
            if let index {
                return index[key].map { entries[$0].keyLocation }
            }
            for k in entries.indices where entries[k].key == key { return entries[k].keyLocation }
            return nil
        }
        if let duplicate {
            throw .error(
                "duplicate key '\(key)' (first at line \(duplicate.line), column \(duplicate.column))", at: location)
        }
        let count = stack.count - first
        if index != nil {
            index?[key] = count
        } else if count >= 16 {
            var built: [String: Int] = [:]
            stack.withElements(from: first) { entries in
                for k in entries.indices { built[entries[k].key] = k }
            }
            built[key] = count
            index = built
        }
    }
}
