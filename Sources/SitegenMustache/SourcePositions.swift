import SitegenSource

/// Turns byte offsets into line and column, walking forward from the last answer so that a
/// parser asking in source order pays for each byte once.
struct SourcePositions {
    private let source: [UInt8]
    private let file: String
    private var offset = 0
    private var line = 1
    private var column = 1

    init(source: [UInt8], file: String) {
        self.source = source
        self.file = file
    }

    mutating func location(of target: Int) -> SourceLocation {
        if target < offset {
            offset = 0
            line = 1
            column = 1
        }
        let end = min(target, source.count)
        while offset < end {
            let byte = source[offset]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                // Continuation bytes belong to the scalar already counted.
                column += 1
            }
            offset += 1
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}
