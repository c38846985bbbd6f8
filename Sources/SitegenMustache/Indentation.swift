/// Where standalone partials and blocks indent their lines, for rendering and specialization
/// alike: the indentation goes before each template line of a literal and nowhere else.
extension TemplateProgram {
    /// The literal of `operation`, with `indent` at each template line it starts. A pending
    /// `skipNextIndent` (a block body begun mid-line) drops the first such indentation.
    @inline(__always)
    func writeLiteral(_ operation: Operation, indent: [UInt8], skipNextIndent: inout Bool, into out: inout TextBuffer) {
        if indent.isEmpty || operation.c == operation.d {
            out.append(UnsafeBufferPointer(rebasing: bytes[operation.a..<operation.b]))
        } else {
            writeIndented(operation, indent: indent, skipNextIndent: &skipNextIndent, into: &out)
        }
    }

    static func writeIndent(_ indent: [UInt8], skipNextIndent: inout Bool, into out: inout TextBuffer) {
        if skipNextIndent {
            skipNextIndent = false
        } else {
            out.append(indent)
        }
    }

    private func writeIndented(_ operation: Operation, indent: [UInt8], skipNextIndent: inout Bool, into out: inout TextBuffer) {
        guard let bytes = bytes.baseAddress, let lines = lineStarts.baseAddress else { return }
        var from = operation.a
        for line in operation.c..<operation.d {
            let start = lines[line]
            if start > from { out.append(UnsafeBufferPointer(start: bytes + from, count: start - from)) }
            Self.writeIndent(indent, skipNextIndent: &skipNextIndent, into: &out)
            from = start
        }
        if from < operation.b { out.append(UnsafeBufferPointer(start: bytes + from, count: operation.b - from)) }
    }
}

extension InclusionEntry {
    /// The indentation of the included template's lines: the tag's own (when standalone) after
    /// the enclosing one; a partial sharing its line gets none.
    func indent(inside outer: [UInt8]) -> [UInt8] {
        guard let own = indent else { return [] }
        return outer.isEmpty ? own : outer + own
    }
}

extension BlockEntry {
    /// The indentation of a standalone block's body: its own after the enclosing one; nil for
    /// a block sharing its line, whose body continues that line.
    func indent(inside outer: [UInt8]) -> [UInt8]? {
        guard let own = indent else { return nil }
        return own.isEmpty ? outer : (outer.isEmpty ? own : outer + own)
    }
}
