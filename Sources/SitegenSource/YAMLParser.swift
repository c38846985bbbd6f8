/// Parses YAML-lite (SPEC.md, "YAML-lite"): the block and one-line flow YAML people write for
/// config, typed by the YAML 1.2 core schema restricted to JSON's values. Everything outside that
/// subset (anchors, tags, directives, complex keys, several documents) is a located error rather
/// than a guess.
public enum YAMLParser {
    /// `file` is the path shown in diagnostics.
    public static func parse(_ bytes: [UInt8], file: String) throws(Diagnostic) -> SourceNode {
        let result: Result<SourceNode, Diagnostic> = bytes.withUnsafeBufferPointer { buffer in
            var reader = YAMLReader(buffer, file: file)
            do throws(Diagnostic) {
                return .success(try reader.parseDocument())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// The lines in `range`, starting on line `line`, read as their own document.
    static func document(
        of buffer: UnsafeBufferPointer<UInt8>, in range: Range<Int>, line: Int, file: String
    ) throws(Diagnostic) -> SourceNode {
        var reader = YAMLReader(buffer, file: file)
        reader.pos = range.lowerBound
        reader.lineStart = range.lowerBound
        reader.end = range.upperBound
        reader.line = line
        return try reader.parseDocument()
    }
}

extension YAMLReader {
    mutating func parseDocument() throws(Diagnostic) -> SourceNode {
        try validateEncoding()
        let documentStart = SourceLocation(file: file, line: 1, column: 1)
        guard var indent = try skipToContentLine(atDocumentStart: true) else {
            return SourceNode(.null, at: documentStart)
        }
        if indent == 0 && isDocumentMarker(at: pos, "-") {
            let afterMarker = pos + 3
            pos = afterMarker
            skipWhite()
            if !isEOL(pos) && text[pos] != UInt8(ascii: "#") {
                throw error("content on the '---' line is not supported; start it on the next line", at: pos)
            }
            let emptyLocation = location(at: afterMarker)
            advanceLine()
            guard let next = try skipToContentLine(atDocumentStart: false) else {
                return SourceNode(.null, at: emptyLocation)
            }
            indent = next
        }
        pos = lineStart + indent
        let root = try parseBlockNode(parentIndent: -1, depth: 1)
        if let leftover = try skipToContentLine(atDocumentStart: false) {
            pos = lineStart + leftover
            switch root.value {
            case .mapping, .sequence:
                throw error("inconsistent indentation", at: pos)
            default:
                throw error("unexpected content after the top-level value", at: pos)
            }
        }
        return root
    }
}
