#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The YAML-lite parser's cursor over the file's bytes. Structure is found line by line: every
/// block-level parse leaves `pos` at the start of a line, and `skipToContentLine` finds the next
/// line that holds something. Lines are never materialised; everything works on byte offsets.
///
/// Helpers that only read are still declared `mutating` when they are not inlined: a call to a
/// non-mutating method from a mutating one copies this struct into the caller's frame, once per
/// call site, which made recursion for nested collections cost kilobytes of stack per level.
struct YAMLReader {
    let text: UnsafeBufferPointer<UInt8>
    var end: Int
    let file: String
    let fileID: UInt32
    /// Current byte offset.
    var pos: Int
    /// 1-based line of `pos`, and the offset where that line starts.
    var line = 1
    var lineStart: Int
    /// The last column counted: its offset, its line's start and its value. A one-line flow
    /// collection asks for the column of every node on one line, left to right; counting each
    /// from the line's start made a 150 KB line take seconds (issue 17).
    var columnOffset = 0
    var columnLineStart = -1
    var columnValue = 1
    /// Reused buffer for scalars that need unescaping or folding, so most of them allocate once.
    var scratch: [UInt8] = []
    let entryStack = ChildStack<MappingEntry>()
    let itemStack = ChildStack<SourceNode>()

    init(_ text: UnsafeBufferPointer<UInt8>, file: String) {
        self.text = text
        self.end = text.count
        self.file = file
        self.fileID = SourceFiles.id(for: file)
        let hasBOM = text.count >= 3 && text[0] == 0xEF && text[1] == 0xBB && text[2] == 0xBF
        pos = hasBOM ? 3 : 0
        lineStart = pos
    }
}

// MARK: Bytes

extension YAMLReader {
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09

    @inline(__always)
    static func isWhite(_ b: UInt8) -> Bool { b == Self.space || b == Self.tab }

    @inline(__always)
    static func isFlowIndicator(_ b: UInt8) -> Bool {
        b == UInt8(ascii: ",") || b == UInt8(ascii: "[") || b == UInt8(ascii: "]")
            || b == UInt8(ascii: "{") || b == UInt8(ascii: "}")
    }

    /// True at the end of the text or of a line (validation guarantees a CR is always followed by LF).
    @inline(__always)
    func isEOL(_ i: Int) -> Bool {
        i >= end || text[i] == Self.lf || text[i] == Self.cr
    }

    @inline(__always)
    func isWhiteOrEOL(_ i: Int) -> Bool {
        i >= end || text[i] == Self.space || text[i] == Self.tab || text[i] == Self.lf || text[i] == Self.cr
    }

    @inline(__always)
    func byte(_ i: Int) -> UInt8 { i < end ? text[i] : 0 }

    /// `---` or `...` at `i`, followed by white space or the end of the line.
    @inline(__always)
    func isDocumentMarker(at i: Int, _ mark: Unicode.Scalar) -> Bool {
        let m = UInt8(ascii: mark)
        return i + 2 < end && text[i] == m && text[i + 1] == m && text[i + 2] == m && isWhiteOrEOL(i + 3)
    }

    mutating func skipWhite() {
        while pos < end && (text[pos] == Self.space || text[pos] == Self.tab) { pos += 1 }
    }

    /// Offset of the next LF at or after `i`, or `end`.
    @inline(__always)
    func lineFeed(from i: Int) -> Int {
        guard i < end, let base = text.baseAddress else { return end }
        guard let found = memchr(base + i, Int32(Self.lf), end - i) else { return end }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    /// End of the line's content at or after `i`, before its LF or CRLF.
    @inline(__always)
    func lineContentEnd(from i: Int) -> Int {
        let lf = lineFeed(from: i)
        return lf > i && text[lf - 1] == Self.cr ? lf - 1 : lf
    }

    /// Moves to the start of the next line (or to the end of the text).
    @inline(__always)
    mutating func advanceLine() {
        let lf = lineFeed(from: pos)
        if lf >= end {
            pos = end
        } else {
            pos = lf + 1
            line += 1
            lineStart = pos
        }
    }

    @inline(__always)
    func string(_ from: Int, _ to: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: text[from..<to]), as: UTF8.self)
    }
}

// MARK: Locations and errors

extension YAMLReader {
    @inline(never)
    mutating func location(at i: Int) -> SourceLocation {
        location(at: i, line: line, lineStart: lineStart)
    }

    /// Columns count Unicode scalars, so skip UTF-8 continuation bytes. Counting resumes from
    /// the last answer when it lies on the same line, before `i`.
    mutating func location(at i: Int, line: Int, lineStart: Int) -> SourceLocation {
        var column = 1
        var j = lineStart
        let stop = min(i, end)
        if columnLineStart == lineStart && columnOffset <= stop {
            column = columnValue
            j = columnOffset
        }
        defer {
            columnLineStart = lineStart
            columnOffset = stop
            columnValue = column
        }
        while j < stop {
            if text[j] & 0xC0 != 0x80 { column += 1 }
            j += 1
        }
        return SourceLocation(fileID: fileID, line: line, column: column)
    }

    @inline(never)
    mutating func error(_ message: String, at i: Int) -> Diagnostic {
        .error(message, at: location(at: i))
    }

    /// The token at `i` as a message quotes it: up to white space, a flow indicator or the end
    /// of the line, cut short on a character boundary.
    @inline(never)
    mutating func token(at i: Int) -> String {
        var j = i
        while j < end && !isWhiteOrEOL(j) && (j == i || !Self.isFlowIndicator(text[j])) && j - i < 40 {
            j += 1
        }
        while j < end && j > i && text[j] & 0xC0 == 0x80 { j -= 1 }
        return string(i, j)
    }
}

// MARK: Lines

extension YAMLReader {
    /// From the start of a line, skips blank and comment-only lines. Returns the indentation of
    /// the next line with content, leaving `pos` at that line's start, or nil at the end.
    @inline(never)
    mutating func skipToContentLine(atDocumentStart: Bool = false) throws(Diagnostic) -> Int? {
        while pos < end {
            var i = pos
            while i < end && text[i] == Self.space { i += 1 }
            if i >= end {
                pos = end
                return nil
            }
            let b = text[i]
            if b == Self.lf || b == Self.cr || b == UInt8(ascii: "#") {
                pos = i
                advanceLine()
                continue
            }
            if b == Self.tab {
                var j = i
                while j < end && Self.isWhite(text[j]) { j += 1 }
                if isEOL(j) || text[j] == UInt8(ascii: "#") {
                    pos = j
                    advanceLine()
                    continue
                }
                throw error("tab in indentation; use spaces", at: i)
            }
            let indent = i - pos
            if indent == 0 {
                if !atDocumentStart && isDocumentMarker(at: i, "-") {
                    throw error("a second document ('---') is not supported; use one document per file", at: i)
                }
                if isDocumentMarker(at: i, ".") {
                    throw error("the document end marker '...' is not supported; use one document per file", at: i)
                }
                if b == UInt8(ascii: "%") {
                    throw error("directives are not supported ('\(token(at: i))')", at: i)
                }
            }
            return indent
        }
        return nil
    }

    /// After a value: allows white space and a comment, then moves to the next line.
    @inline(never)
    mutating func finishLine(after what: String) throws(Diagnostic) {
        let before = pos
        skipWhite()
        if !isEOL(pos) && !(text[pos] == UInt8(ascii: "#") && pos > before) {
            throw error("unexpected text after \(what)", at: pos)
        }
        advanceLine()
    }

    @inline(never)
    mutating func checkDepth(_ depth: Int, at i: Int) throws(Diagnostic) {
        if depth > ParseLimits.maxDepth {
            throw error("nesting deeper than \(ParseLimits.maxDepth) levels", at: i)
        }
    }

    /// Characters that cannot start a plain scalar name the construct they would begin.
    @inline(never)
    mutating func rejectIndicator(at i: Int) throws(Diagnostic) {
        switch text[i] {
        case UInt8(ascii: "&"):
            throw error("anchors are not supported ('\(token(at: i))')", at: i)
        case UInt8(ascii: "*"):
            throw error("aliases are not supported ('\(token(at: i))')", at: i)
        case UInt8(ascii: "!"):
            throw error("tags are not supported ('\(token(at: i))')", at: i)
        case UInt8(ascii: "%") where i == lineStart:
            throw error("directives are not supported ('\(token(at: i))')", at: i)
        case UInt8(ascii: "?") where isWhiteOrEOL(i + 1):
            throw error("complex keys ('? ') are not supported", at: i)
        case UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"), UInt8(ascii: ","),
            UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "#"):
            let c = Character(Unicode.Scalar(text[i]))
            throw error("'\(c)' cannot start a plain value; quote the value", at: i)
        default:
            return
        }
    }
}
