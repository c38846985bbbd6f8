import SitegenSource

/// Compiles Mustache source into nodes, settling every whitespace rule of the spec here so that
/// rendering only copies bytes.
///
/// Whitespace rules, in the spec's terms:
/// - A non-interpolation tag alone on its line (but for blanks) is *standalone*: its line,
///   blanks and line ending included, disappears. A standalone partial keeps the blanks as the
///   indentation of every line of the partial.
/// - A parent element `{{<p}}…{{/p}}` is standalone when blanks precede its opening tag and
///   only blanks follow its closing tag, whatever lies between.
/// - A block outside a parent whose opening tag ends a blank line takes the blanks of the next
///   line as its *intrinsic indentation*: they are removed from each line of its body and given
///   back, with the site's own, to whatever body fills the block. A block whose opening tag
///   starts a blank line but shares it, and whose closing tag ends a line, is indented by the
///   blanks before it. A block given to a parent drops its own intrinsic indentation the same way.
struct TemplateParser {
    /// Sections nest far less than this in any real template; the cap keeps rendering, which
    /// recurses once per level, well inside a worker thread's stack.
    static let maxNesting = 100
    /// Delimiters are a few bytes in any real template. Searching for one costs up to its length
    /// per byte of text, so an unbounded one made a 768 KB template take a minute (issue 17);
    /// with this cap every search is linear.
    static let maxDelimiterLength = 32

    private let source: [UInt8]
    private let file: String
    private var positions: SourcePositions
    private var position = 0
    private var openDelimiter: [UInt8] = [0x7B, 0x7B]
    private var closeDelimiter: [UInt8] = [0x7D, 0x7D]

    /// Where the current line's content begins (after intrinsic indentation that was removed).
    private var lineStart = 0
    /// Where the current line begins in the current frame's text.
    private var lineTextOffset = 0
    /// Whether the current line is known to stay in the output, its start recorded.
    private var lineKept = false
    /// Intrinsic indentations of the blocks being read, innermost last.
    private var stripPrefixes: [[UInt8]] = []
    private var frames: [Frame] = []

    init(source: [UInt8], file: String) {
        self.source = source
        self.file = file
        self.positions = SourcePositions(source: source, file: file)
    }

    mutating func parse() throws(Diagnostic) -> [TemplateNode] {
        frames = [Frame(kind: .root, name: "", openedAt: SourceLocation(file: file, line: 1, column: 1))]
        position = beginLine(at: 0)
        while position < source.count {
            let tagStart = find(openDelimiter, from: position) ?? source.count
            consumeText(upTo: tagStart)
            if tagStart >= source.count { break }
            try parseTag(at: tagStart)
        }
        if let open = frames.last, frames.count > 1 {
            let what: String
            switch open.kind {
            case .parent: what = "parent"
            case .argument, .parameter: what = "block"
            case .section, .root: what = "section"
            }
            throw Diagnostic.error(
                "unclosed \(what) '\(open.name)' (opened at line \(open.openedAt.line), column \(open.openedAt.column))",
                at: positions.location(of: source.count))
        }
        flushText()
        return frames[0].nodes
    }

    // MARK: - Text and lines

    private mutating func consumeText(upTo end: Int) {
        var index = position
        while index < end {
            var newline: Int? = nil
            var scan = index
            var blank = true
            while scan < end {
                let byte = source[scan]
                if byte == 0x0A {
                    newline = scan
                    break
                }
                if byte != 0x20 && byte != 0x09 { blank = false }
                scan += 1
            }
            let segmentEnd = newline.map { $0 + 1 } ?? end
            if !lineKept && (newline != nil || !blank) { keepLine() }
            frames[frames.count - 1].text.append(contentsOf: source[index..<segmentEnd])
            if let newline {
                index = beginLine(at: newline + 1)
            } else {
                index = end
            }
        }
        position = max(index, end)
    }

    /// Starts a new template line at `offset`, removing the intrinsic indentation of the block
    /// being read; returns where the line's content begins.
    private mutating func beginLine(at offset: Int) -> Int {
        var start = offset
        if let prefix = matchingStripPrefix(at: offset) { start += prefix.count }
        lineStart = start
        lineTextOffset = frames[frames.count - 1].text.count
        lineKept = false
        return start
    }

    /// The innermost intrinsic indentation the line starts with. A line indented less than its
    /// block falls back to an enclosing block's; a few levels are plenty and keep hostile
    /// nesting from costing a full scan per line.
    private func matchingStripPrefix(at offset: Int) -> [UInt8]? {
        for prefix in stripPrefixes.reversed().prefix(8) where !prefix.isEmpty && hasBytes(prefix, at: offset) {
            return prefix
        }
        return nil
    }

    private mutating func keepLine() {
        frames[frames.count - 1].lineStarts.append(lineTextOffset)
        lineKept = true
    }

    /// Settles a tag that may stand alone: when it does, its line's leading blanks leave the
    /// text and the caller skips the rest of the line; otherwise the line stays.
    private mutating func settle(_ leftClear: Bool, _ right: LineEnd) -> Bool {
        if leftClear && right.clear {
            dropLineIndentation()
            return true
        }
        if !lineKept { keepLine() }
        return false
    }

    private mutating func dropLineIndentation() {
        let last = frames.count - 1
        if lineTextOffset < frames[last].text.count {
            frames[last].text.removeSubrange(lineTextOffset...)
        }
    }

    /// Where reading continues after a standalone tag.
    private mutating func resume(after right: LineEnd) -> Int {
        right.newline ? beginLine(at: right.next) : right.next
    }

    private struct LineEnd {
        /// Only blanks follow the tag up to a line ending or the end of the source.
        var clear: Bool
        /// A line ending (not the end of the source) closes the line.
        var newline: Bool
        /// Just past the line ending, when clear.
        var next: Int
    }

    private func lineEnd(after offset: Int) -> LineEnd {
        var index = offset
        while index < source.count && (source[index] == 0x20 || source[index] == 0x09) { index += 1 }
        if index >= source.count { return LineEnd(clear: true, newline: false, next: source.count) }
        if source[index] == 0x0A { return LineEnd(clear: true, newline: true, next: index + 1) }
        if source[index] == 0x0D && index + 1 < source.count && source[index + 1] == 0x0A {
            return LineEnd(clear: true, newline: true, next: index + 2)
        }
        return LineEnd(clear: false, newline: false, next: offset)
    }

    private func blankRun(at offset: Int) -> [UInt8] {
        var end = offset
        while end < source.count && (source[end] == 0x20 || source[end] == 0x09) { end += 1 }
        return Array(source[offset..<end])
    }

    // MARK: - Tags

    private enum TagKind: Equatable {
        case variable(escaped: Bool)
        case comment, setDelimiters, section, invertedSection, close, partial, parent, block
    }

    private mutating func parseTag(at tagStart: Int) throws(Diagnostic) {
        var contentStart = tagStart + openDelimiter.count
        var closing = closeDelimiter
        var kind: TagKind? = nil
        if contentStart < source.count && source[contentStart] == 0x7B {  // {{{name}}}
            closing = [0x7D] + closeDelimiter
            kind = .variable(escaped: false)
            contentStart += 1
        } else if contentStart < source.count && source[contentStart] == 0x3D {  // {{=<% %>=}}
            closing = [0x3D] + closeDelimiter
            kind = .setDelimiters
            contentStart += 1
        }
        guard let closeIndex = find(closing, from: contentStart) else {
            if kind == .setDelimiters && find(closeDelimiter, from: contentStart) != nil {
                throw Diagnostic.error("invalid set-delimiter tag", at: positions.location(of: tagStart))
            }
            throw Diagnostic.error("unclosed tag", at: positions.location(of: tagStart))
        }
        let tagEnd = closeIndex + closing.count
        var content = trimmed(contentStart..<closeIndex)
        if kind == nil, let first = content.first.map({ source[$0] }) {
            switch first {
            case 0x23: kind = .section  // #
            case 0x5E: kind = .invertedSection  // ^
            case 0x2F: kind = .close  // /
            case 0x21: kind = .comment  // !
            case 0x3E: kind = .partial  // >
            case 0x26: kind = .variable(escaped: false)  // &
            case 0x3C: kind = .parent  // <
            case 0x24: kind = .block  // $
            case 0x3D: kind = .setDelimiters  // = after blanks: {{ =<% %>= }}
            default: break
            }
            if kind == .setDelimiters {
                guard content.count >= 2, source[content.upperBound - 1] == 0x3D else {
                    throw Diagnostic.error("invalid set-delimiter tag", at: positions.location(of: tagStart))
                }
                content = (content.lowerBound + 1)..<(content.upperBound - 1)
            } else if kind != nil {
                content = trimmed((content.lowerBound + 1)..<content.upperBound)
            }
        }
        let tagKind = kind ?? .variable(escaped: true)
        // Only blanks precede the tag on its line exactly when nothing has kept the line yet:
        // content and every tag that does not end its line keep it. (Rescanning the line here
        // would be quadratic on a long single-line template.)
        let leftClear = !lineKept
        let right = lineEnd(after: tagEnd)

        switch tagKind {
        case .variable(let escaped):
            let name = try variableName(content, tagStart: tagStart)
            if !lineKept { keepLine() }
            append(.variable(name, escaped: escaped))
            position = tagEnd

        case .comment:
            position = settle(leftClear, right) ? resume(after: right) : tagEnd

        case .setDelimiters:
            try setDelimiters(content, tagStart: tagStart)
            position = settle(leftClear, right) ? resume(after: right) : tagEnd

        case .section, .invertedSection:
            let name = try variableName(content, tagStart: tagStart)
            let standalone = settle(leftClear, right)
            var frame = Frame(
                kind: .section(inverted: tagKind == .invertedSection), name: name.text,
                openedAt: positions.location(of: tagStart))
            frame.variable = name
            try push(frame, tagStart: tagStart)
            position = standalone ? resume(after: right) : tagEnd

        case .partial:
            let name = try templateName(content, tagStart: tagStart)
            let indent = leftClear ? Array(source[lineStart..<tagStart]) : []
            let standalone = settle(leftClear, right)
            let inclusion = Inclusion(
                name: name, indent: standalone ? indent : nil, location: positions.location(of: tagStart))
            append(.partial(inclusion))
            position = standalone ? resume(after: right) : tagEnd

        case .parent:
            let name = try templateName(content, tagStart: tagStart)
            var frame = Frame(kind: .parent, name: name, openedAt: positions.location(of: tagStart))
            // Whether the element stands alone is known only at its closing tag.
            if leftClear {
                frame.deferredLine = DeferredLine(
                    textOffset: lineTextOffset, indent: Array(source[lineStart..<tagStart]))
            } else if !lineKept {
                keepLine()
            }
            try push(frame, tagStart: tagStart)
            lineKept = true
            position = tagEnd

        case .block:
            let name = try templateName(content, tagStart: tagStart)
            if case .parent = frames[frames.count - 1].kind {
                try openArgument(name, tagStart: tagStart, tagEnd: tagEnd, right: right)
            } else {
                try openParameter(name, tagStart: tagStart, tagEnd: tagEnd, leftClear: leftClear, right: right)
            }

        case .close:
            let name = content.isEmpty ? "" : String(decoding: source[content], as: UTF8.self)
            if name.isEmpty {
                throw Diagnostic.error("empty tag name", at: positions.location(of: tagStart))
            }
            guard frames.count > 1 else {
                throw Diagnostic.error("unexpected closing tag '\(name)'", at: positions.location(of: tagStart))
            }
            let open = frames[frames.count - 1]
            guard open.name == name else {
                throw Diagnostic.error(
                    "unexpected closing tag '\(name)', expected '\(open.name)'",
                    at: positions.location(of: tagStart))
            }
            try close(open, tagStart: tagStart, tagEnd: tagEnd, leftClear: leftClear, right: right)
        }
    }

    private mutating func openArgument(_ name: String, tagStart: Int, tagEnd: Int, right: LineEnd) throws(Diagnostic) {
        // Text inside a parent is ignored, so only the line ending decides whether the tag
        // stands alone: then the body starts on the next line, without its indentation.
        var frame = Frame(kind: .argument, name: name, openedAt: positions.location(of: tagStart))
        if right.newline {
            frame.startsOnNewLine = true
            frame.pushedStripPrefix = true
            try push(frame, tagStart: tagStart)
            stripPrefixes.append(blankRun(at: right.next))
            position = beginLine(at: right.next)
        } else {
            try push(frame, tagStart: tagStart)
            lineKept = true
            position = right.clear ? right.next : tagEnd
        }
    }

    private mutating func openParameter(
        _ name: String, tagStart: Int, tagEnd: Int, leftClear: Bool, right: LineEnd
    ) throws(Diagnostic) {
        var frame = Frame(kind: .parameter, name: name, openedAt: positions.location(of: tagStart))
        if leftClear && right.clear {
            dropLineIndentation()
            if right.newline {
                let full = blankRun(at: right.next)
                let enclosing = matchingStripPrefix(at: right.next) ?? []
                frame.layout = .ownLine(indent: Array(full.dropFirst(enclosing.count)))
                frame.startsOnNewLine = true
                frame.pushedStripPrefix = true
                try push(frame, tagStart: tagStart)
                stripPrefixes.append(full)
                position = beginLine(at: right.next)
            } else {
                frame.layout = .ownLine(indent: [])
                try push(frame, tagStart: tagStart)
                position = right.next
            }
        } else if leftClear {
            frame.layout = .pending(DeferredLine(textOffset: lineTextOffset, indent: Array(source[lineStart..<tagStart])))
            try push(frame, tagStart: tagStart)
            lineKept = true
            position = tagEnd
        } else {
            if !lineKept { keepLine() }
            frame.layout = .inline
            try push(frame, tagStart: tagStart)
            position = tagEnd
        }
    }

    private mutating func close(
        _ open: Frame, tagStart: Int, tagEnd: Int, leftClear: Bool, right: LineEnd
    ) throws(Diagnostic) {
        switch open.kind {
        case .root:
            return

        case .section(let inverted):
            let standalone = settle(leftClear, right)
            let body = pop()
            append(.section(open.variable ?? VariableName(parts: [], text: open.name), body.nodes, inverted: inverted))
            position = standalone ? resume(after: right) : tagEnd

        case .argument:
            // The closing tag ends the body: blanks before it on its line are not content.
            if leftClear { dropLineIndentation() }
            let body = pop()
            let last = frames.count - 1
            if frames[last].arguments[open.name] != nil {
                throw Diagnostic.error(
                    "block '\(open.name)' is given twice to parent '\(frames[last].name)'",
                    at: open.openedAt)
            }
            frames[last].arguments[open.name] = BlockContent(nodes: body.nodes, startsOnNewLine: open.startsOnNewLine)
            lineKept = true
            position = tagEnd

        case .parameter:
            let standalone = settle(leftClear, right)
            let body = pop()
            let placement: ParameterBlock.Placement
            switch open.layout {
            case .ownLine(let indent):
                placement = .standalone(indent: indent)
            case .inline:
                placement = .inline
            case .pending(let line):
                if right.clear {
                    placement = .standalone(indent: line.indent)
                    truncateText(at: line.textOffset)
                } else {
                    placement = .inline
                    frames[frames.count - 1].lineStarts.append(line.textOffset)
                }
            }
            let block = ParameterBlock(
                name: open.name,
                defaultContent: BlockContent(nodes: body.nodes, startsOnNewLine: open.startsOnNewLine),
                placement: placement)
            append(.block(block))
            if standalone {
                position = resume(after: right)
            } else {
                lineKept = true
                position = tagEnd
            }

        case .parent:
            let element = pop()
            var indent: [UInt8]? = nil
            if let line = open.deferredLine {
                if right.clear {
                    indent = line.indent
                    truncateText(at: line.textOffset)
                } else {
                    frames[frames.count - 1].lineStarts.append(line.textOffset)
                }
            }
            append(.parent(Inclusion(name: open.name, indent: indent, location: open.openedAt), arguments: element.arguments))
            if indent != nil {
                position = resume(after: right)
            } else {
                lineKept = true
                position = tagEnd
            }
        }
    }

    private mutating func truncateText(at offset: Int) {
        let last = frames.count - 1
        if offset < frames[last].text.count { frames[last].text.removeSubrange(offset...) }
    }

    private mutating func setDelimiters(_ content: Range<Int>, tagStart: Int) throws(Diagnostic) {
        let inner = trimmed(content)
        var split = inner.lowerBound
        while split < inner.upperBound && !isSpace(source[split]) { split += 1 }
        let open = Array(source[inner.lowerBound..<split])
        let rest = trimmed(split..<inner.upperBound)
        let close = Array(source[rest])
        guard !open.isEmpty, !close.isEmpty, !close.contains(where: isSpace) else {
            throw Diagnostic.error("invalid set-delimiter tag", at: positions.location(of: tagStart))
        }
        guard open.count <= Self.maxDelimiterLength, close.count <= Self.maxDelimiterLength else {
            throw Diagnostic.error(
                "a delimiter longer than \(Self.maxDelimiterLength) bytes in a set-delimiter tag", at: positions.location(of: tagStart))
        }
        openDelimiter = open
        closeDelimiter = close
    }

    // MARK: - Names

    private func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper && isSpace(source[lower]) { lower += 1 }
        while upper > lower && isSpace(source[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    private func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private mutating func templateName(_ content: Range<Int>, tagStart: Int) throws(Diagnostic) -> String {
        if content.isEmpty { throw Diagnostic.error("empty tag name", at: positions.location(of: tagStart)) }
        let name = String(decoding: source[content], as: UTF8.self)
        if source[content].contains(where: isSpace) {
            throw Diagnostic.error("invalid tag name '\(name)'", at: positions.location(of: tagStart))
        }
        return name
    }

    private mutating func variableName(_ content: Range<Int>, tagStart: Int) throws(Diagnostic) -> VariableName {
        let text = try templateName(content, tagStart: tagStart)
        if text == "." { return VariableName(parts: [], text: text) }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.contains(where: \.isEmpty) {
            throw Diagnostic.error("invalid tag name '\(text)'", at: positions.location(of: tagStart))
        }
        return VariableName(parts: parts, text: text)
    }

    // MARK: - Frames

    private struct DeferredLine {
        /// Where the line begins in the enclosing frame's text.
        var textOffset: Int
        var indent: [UInt8]
    }

    private struct Frame {
        enum Kind: Equatable {
            case root, section(inverted: Bool), parent, argument, parameter
        }

        enum Layout {
            case inline
            case ownLine(indent: [UInt8])
            /// Opened after blanks but sharing its line: standalone if the closing tag ends a line.
            case pending(DeferredLine)
        }

        var kind: Kind
        var name: String
        var openedAt: SourceLocation
        var variable: VariableName? = nil
        var nodes: [TemplateNode] = []
        var text: [UInt8] = []
        var lineStarts: [Int] = []
        var startsOnNewLine = false
        var pushedStripPrefix = false
        var layout: Layout = .inline
        var deferredLine: DeferredLine? = nil
        var arguments: [String: BlockContent] = [:]
    }

    private mutating func push(_ frame: Frame, tagStart: Int) throws(Diagnostic) {
        if frames.count > Self.maxNesting {
            throw Diagnostic.error(
                "sections nested more than \(Self.maxNesting) levels deep", at: positions.location(of: tagStart))
        }
        frames.append(frame)
    }

    private mutating func pop() -> Frame {
        flushText()
        let frame = frames.removeLast()
        if frame.pushedStripPrefix { stripPrefixes.removeLast() }
        return frame
    }

    private mutating func flushText() {
        let last = frames.count - 1
        if frames[last].text.isEmpty && frames[last].lineStarts.isEmpty { return }
        if frames[last].kind != .parent {
            frames[last].nodes.append(.literal(Literal(bytes: frames[last].text, lineStarts: frames[last].lineStarts)))
        }
        frames[last].text = []
        frames[last].lineStarts = []
    }

    /// Everything inside a parent but its blocks is ignored.
    private mutating func append(_ node: TemplateNode) {
        flushText()
        let last = frames.count - 1
        if frames[last].kind != .parent { frames[last].nodes.append(node) }
    }

    // MARK: - Bytes

    private func hasBytes(_ needle: [UInt8], at offset: Int) -> Bool {
        guard offset + needle.count <= source.count else { return false }
        for index in needle.indices where source[offset + index] != needle[index] { return false }
        return true
    }

    private func find(_ needle: [UInt8], from offset: Int) -> Int? {
        guard let first = needle.first, needle.count <= source.count else { return nil }
        let last = source.count - needle.count
        var index = offset
        while index <= last {
            if source[index] == first && hasBytes(needle, at: index) { return index }
            index += 1
        }
        return nil
    }
}
