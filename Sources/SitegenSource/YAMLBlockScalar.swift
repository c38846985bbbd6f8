/// Literal `|` and folded `>` block scalars, with `-` (strip) / `+` (keep) chomping and an
/// optional indentation digit, per YAML 1.2 §8.1.
extension YAMLReader {
    private enum Chomping { case clip, strip, keep }

    /// `pos` is at the indicator; content lines must be indented past `parentIndent`. Leaves
    /// `pos` at the start of the first line after the scalar.
    @inline(never)
    mutating func parseBlockScalar(parentIndent: Int) throws(Diagnostic) -> SourceNode {
        let indicator = pos
        let location = self.location(at: indicator)
        let isFolded = text[indicator] == UInt8(ascii: ">")
        var chomping = Chomping.clip
        var explicitIndent = 0
        var i = indicator + 1
        for _ in 0..<2 {
            let b = byte(i)
            if chomping == .clip && (b == UInt8(ascii: "-") || b == UInt8(ascii: "+")) {
                chomping = b == UInt8(ascii: "-") ? .strip : .keep
                i += 1
            } else if explicitIndent == 0 && b >= UInt8(ascii: "1") && b <= UInt8(ascii: "9") {
                explicitIndent = Int(b - UInt8(ascii: "0"))
                i += 1
            }
        }
        let headerEnd = i
        while i < end && Self.isWhite(text[i]) { i += 1 }
        if !isEOL(i) && !(text[i] == UInt8(ascii: "#") && i > headerEnd) {
            let name = isFolded ? "'>'" : "'|'"
            throw error("unexpected text after the block scalar indicator \(name); the text starts on the next line", at: i)
        }
        pos = i
        advanceLine()

        let contentIndent: Int
        if explicitIndent > 0 {
            contentIndent = max(parentIndent, 0) + explicitIndent
        } else {
            contentIndent = max(detectContentIndent(), parentIndent + 1)
        }

        scratch.removeAll(keepingCapacity: true)
        var emptyLines = 0
        var sawContent = false
        var previousMoreIndented = false
        while pos < end {
            var j = pos
            while j < end && text[j] == Self.space && j - pos < contentIndent { j += 1 }
            if isEOL(j) {
                emptyLines += 1
                advanceLine()
                continue
            }
            if j - pos < contentIndent { break }
            if contentIndent == 0 && (isDocumentMarker(at: j, "-") || isDocumentMarker(at: j, ".")) { break }
            let lineEnd = lineContentEnd(from: j)
            let moreIndented = Self.isWhite(text[j])
            if !sawContent {
                appendLineFeeds(emptyLines)
            } else if isFolded && !moreIndented && !previousMoreIndented {
                if emptyLines == 0 { scratch.append(Self.space) } else { appendLineFeeds(emptyLines) }
            } else {
                appendLineFeeds(emptyLines + 1)
            }
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: text[j..<lineEnd]))
            sawContent = true
            previousMoreIndented = moreIndented
            emptyLines = 0
            pos = lineEnd
            advanceLine()
        }
        switch chomping {
        case .strip:
            break
        case .clip:
            if sawContent { scratch.append(Self.lf) }
        case .keep:
            appendLineFeeds(sawContent ? emptyLines + 1 : emptyLines)
        }
        return SourceNode(.string(String(decoding: scratch, as: UTF8.self)), at: location)
    }

    /// The indentation of the first non-empty line from `pos`, or 0 if there is none.
    private mutating func detectContentIndent() -> Int {
        var i = pos
        while i < end {
            let start = i
            while i < end && text[i] == Self.space { i += 1 }
            if !isEOL(i) { return i - start }
            i = lineFeed(from: i) + 1
        }
        return 0
    }

    private mutating func appendLineFeeds(_ count: Int) {
        for _ in 0..<max(count, 0) { scratch.append(Self.lf) }
    }
}
