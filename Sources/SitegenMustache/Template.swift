import SitegenSource

/// A template compiled once: literal byte runs, pre-split names, sections, and references to
/// other templates of its library by name. Whitespace rules are settled at compile time.
public struct Template: Sendable {
    /// The name used in messages, e.g. `Themes/default/award.mustache`.
    public let file: String
    let program: TemplateProgram

    public init(source: String, file: String) throws(Diagnostic) {
        try self.init(bytes: Array(source.utf8), file: file)
    }

    /// `bytes` is UTF-8 template source.
    public init(bytes: [UInt8], file: String) throws(Diagnostic) {
        var parser = TemplateParser(source: bytes, file: file)
        self.program = TemplateProgram(nodes: try parser.parse())
        self.file = file
    }
}
