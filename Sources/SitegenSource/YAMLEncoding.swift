extension YAMLReader {
    /// One pass over the whole text before parsing, so every later step may assume valid UTF-8
    /// (with the same messages as JSON's, from `UTF8Validation`) and that a CR only ever comes
    /// before an LF.
    func validateEncoding() throws(Diagnostic) {
        guard let base = text.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let ones: UInt64 = 0x0101_0101_0101_0101
        let crs: UInt64 = 0x0D0D_0D0D_0D0D_0D0D
        var i = pos
        while i < end {
            // Eight ASCII bytes without a CR at a time: the common case by far.
            if i + 8 <= end {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let x = word ^ crs
                if word & highBits == 0 && (x &- ones) & ~x & highBits == 0 {
                    i += 8
                    continue
                }
            }
            let b = text[i]
            if b < 0x80 {
                if b == Self.cr && (i + 1 >= end || text[i + 1] != Self.lf) {
                    throw encodingError("carriage return without a line feed; use LF or CRLF line endings", at: i)
                }
                i += 1
                continue
            }
            let length = UTF8Validation.sequenceLength(in: text, at: i)
            if length == 0 {
                throw encodingError(UTF8Validation.problem(in: text, at: i), at: i)
            }
            i += length
        }
    }

    /// Validation runs before any line is tracked, so find the line of `offset` from the start.
    private func encodingError(_ message: String, at offset: Int) -> Diagnostic {
        var line = 1
        var start = pos
        var i = pos
        while i < offset {
            if text[i] == Self.lf {
                line += 1
                start = i + 1
            }
            i += 1
        }
        var column = 1
        for j in start..<offset where text[j] & 0xC0 != 0x80 { column += 1 }
        return .error(message, at: SourceLocation(file: file, line: line, column: column))
    }
}
