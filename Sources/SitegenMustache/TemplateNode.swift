import SitegenSource

/// One step of a compiled template. Rendering walks these; nothing is re-read from the source.
enum TemplateNode: Sendable {
    case literal(Literal)
    case variable(VariableName, escaped: Bool)
    case section(VariableName, [TemplateNode], inverted: Bool)
    case partial(Inclusion)
    /// `{{<name}}…{{/name}}`: only the blocks given inside count, keyed by block name.
    case parent(Inclusion, arguments: [String: BlockContent])
    /// `{{$name}}default{{/name}}` outside a parent: a place a child template may fill.
    case block(ParameterBlock)
}

/// Template text copied to the output as is.
struct Literal: Sendable {
    var bytes: [UInt8]
    /// Offsets in `bytes` where a template line begins. An indented standalone partial prefixes
    /// its indentation there, and only there, so newlines inside data never get indented.
    var lineStarts: [Int]
}

/// A name looked up in the context stack, split on dots once at compile time.
struct VariableName: Sendable {
    /// Empty for the implicit iterator `.`.
    var parts: [String]
    /// The name as written, for messages.
    var text: String
}

/// A reference to another template of the library, by name.
struct Inclusion: Sendable {
    var name: String
    /// The whitespace before a standalone tag, prefixed to every line of the included template;
    /// nil when the tag shares its line with other content.
    var indent: [UInt8]?
    var location: SourceLocation
}

/// The body of a block: either the default of a parameter or the argument that replaces it.
struct BlockContent: Sendable {
    var nodes: [TemplateNode]
    /// Whether the body begins at the start of a template line (its opening tag ended a line).
    /// A body that begins mid-line needs the site's indentation written before it.
    var startsOnNewLine: Bool
}

struct ParameterBlock: Sendable {
    enum Placement: Sendable {
        /// The block shares its line with other content: the body continues that line.
        case inline
        /// The block stands on its own line(s): the body is re-indented by this much.
        case standalone(indent: [UInt8])
    }

    var name: String
    var defaultContent: BlockContent
    var placement: Placement
}
