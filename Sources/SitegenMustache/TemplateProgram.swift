import SitegenSource

/// The compiled form rendering walks: a flat list of plain operations whose operands index
/// side tables. Every literal byte of the template sits in one buffer. Nothing in an operation
/// is reference counted, which is what keeps rendering fast: a tree of enums with array
/// payloads spent most of its time retaining and releasing.
final class TemplateProgram: @unchecked Sendable {
    // Immutable once built. The tables rendering reads for every operation live in buffers this
    // object owns, so reading them never touches a reference count.
    let operations: UnsafeMutableBufferPointer<Operation>
    let bytes: UnsafeMutableBufferPointer<UInt8>
    /// Offsets in `bytes` where a template line begins; a literal owns a run of these.
    let lineStarts: UnsafeMutableBufferPointer<Int>
    /// A `let` array rather than raw memory: the keys can then be borrowed for a lookup.
    let nameParts: [String]
    /// `TemplateRecord.hash` of each name part, so finding it in a record hashes nothing.
    let partHashes: UnsafeMutableBufferPointer<Int>
    let names: UnsafeMutableBufferPointer<NameEntry>
    let prefixes: UnsafeMutableBufferPointer<PrefixEntry>
    let inclusions: [InclusionEntry]
    let blocks: [BlockEntry]
    let argumentSets: [[String: ArgumentBody]]

    fileprivate init(_ builder: ProgramBuilder) {
        operations = Self.buffer(builder.operations)
        bytes = Self.buffer(builder.bytes)
        lineStarts = Self.buffer(builder.lineStarts)
        nameParts = builder.nameParts
        partHashes = Self.buffer(builder.nameParts.map(TemplateRecord.hash))
        names = Self.buffer(builder.names)
        prefixes = Self.buffer(builder.prefixes)
        inclusions = builder.inclusions
        blocks = builder.blocks
        argumentSets = builder.argumentSets
    }

    convenience init(nodes: [TemplateNode]) {
        var builder = ProgramBuilder()
        builder.lower(nodes, conditional: false)
        self.init(builder)
    }

    deinit {
        operations.deallocate()
        bytes.deallocate()
        lineStarts.deallocate()
        names.deallocate()
        partHashes.deallocate()
        _ = prefixes.deinitialize()
        prefixes.deallocate()
    }

    private static func buffer<Element>(_ elements: [Element]) -> UnsafeMutableBufferPointer<Element> {
        let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: elements.count)
        _ = buffer.initialize(from: elements)
        return buffer
    }
}

struct Operation: Sendable {
    enum Code: UInt8, Sendable {
        /// bytes[a..<b], line starts lineStarts[c..<d]
        case literal
        /// name a
        case escapedVariable, rawVariable
        /// name a, body up to operation b
        case section, invertedSection
        /// inclusion a
        case partial
        /// inclusion a, argument set c, argument bodies up to operation b (skipped in place)
        case parent
        /// block a, default body up to operation b
        case block
    }

    var code: Code
    var a = 0
    var b = 0
    var c = 0
    var d = 0
}

struct NameEntry: Sendable {
    /// nameParts[first..<first + count]; no parts for the implicit iterator `.`.
    var first: Int
    var count: Int
    /// For a dotted name, prefixes[firstPrefix + k] is its first k + 1 parts (all but the last).
    var firstPrefix: Int
}

/// A dotted name's leading parts, e.g. `award.badge` of `award.badge.name`, which rendering
/// resolves once and remembers while the context stack stays the same.
struct PrefixEntry: Sendable {
    var key: String
    /// FNV-1a of `key`, computed here so that rendering never hashes it.
    var hash: Int
}

struct InclusionEntry: Sendable {
    var name: String
    var indent: [UInt8]?
    var location: SourceLocation
    /// Not inside a section, block or parent argument: happens on every rendering.
    var unconditional: Bool
}

struct BlockEntry: Sendable {
    var name: String
    /// nil when the block shares its line (inline placement).
    var indent: [UInt8]?
    var startsOnNewLine: Bool
}

struct ArgumentBody: Sendable {
    var start: Int
    var end: Int
    var startsOnNewLine: Bool
}

private struct ProgramBuilder {
    var operations: [Operation] = []
    var bytes: [UInt8] = []
    var lineStarts: [Int] = []
    var nameParts: [String] = []
    var names: [NameEntry] = []
    var prefixes: [PrefixEntry] = []
    var inclusions: [InclusionEntry] = []
    var blocks: [BlockEntry] = []
    var argumentSets: [[String: ArgumentBody]] = []

    mutating func lower(_ nodes: [TemplateNode], conditional: Bool) {
        var previousWasLiteral = false
        for node in nodes {
            defer {
                if case .literal = node { previousWasLiteral = true } else { previousWasLiteral = false }
            }
            switch node {
            case .literal(let literal):
                var operation = Operation(code: .literal, a: bytes.count, c: lineStarts.count)
                for start in literal.lineStarts { lineStarts.append(bytes.count + start) }
                bytes.append(contentsOf: literal.bytes)
                operation.b = bytes.count
                operation.d = lineStarts.count
                // Adjacent literals of one body merge into one copy.
                if previousWasLiteral {
                    operations[operations.count - 1].b = operation.b
                    operations[operations.count - 1].d = operation.d
                } else {
                    operations.append(operation)
                }

            case .variable(let name, let escaped):
                operations.append(Operation(code: escaped ? .escapedVariable : .rawVariable, a: add(name)))

            case .section(let name, let children, let inverted):
                let index = operations.count
                operations.append(Operation(code: inverted ? .invertedSection : .section, a: add(name)))
                lower(children, conditional: true)
                operations[index].b = operations.count

            case .partial(let inclusion):
                operations.append(Operation(code: .partial, a: add(inclusion, conditional: conditional)))

            case .parent(let inclusion, let arguments):
                let index = operations.count
                operations.append(Operation(code: .parent, a: add(inclusion, conditional: conditional)))
                var set: [String: ArgumentBody] = [:]
                for name in arguments.keys.sorted() {
                    guard let content = arguments[name] else { continue }
                    let start = operations.count
                    lower(content.nodes, conditional: true)
                    set[name] = ArgumentBody(start: start, end: operations.count, startsOnNewLine: content.startsOnNewLine)
                }
                operations[index].b = operations.count
                operations[index].c = argumentSets.count
                argumentSets.append(set)

            case .block(let block):
                let index = operations.count
                var indent: [UInt8]? = nil
                if case .standalone(let own) = block.placement { indent = own }
                blocks.append(BlockEntry(name: block.name, indent: indent, startsOnNewLine: block.defaultContent.startsOnNewLine))
                operations.append(Operation(code: .block, a: blocks.count - 1))
                lower(block.defaultContent.nodes, conditional: true)
                operations[index].b = operations.count
            }
        }
    }

    private mutating func add(_ name: VariableName) -> Int {
        names.append(NameEntry(first: nameParts.count, count: name.parts.count, firstPrefix: prefixes.count))
        nameParts.append(contentsOf: name.parts)
        var key = ""
        for part in name.parts.dropLast() {
            key += key.isEmpty ? part : "." + part
            prefixes.append(PrefixEntry(key: key, hash: TemplateRecord.hash(key)))
        }
        return names.count - 1
    }

    private mutating func add(_ inclusion: Inclusion, conditional: Bool) -> Int {
        inclusions.append(InclusionEntry(
            name: inclusion.name, indent: inclusion.indent, location: inclusion.location, unconditional: !conditional))
        return inclusions.count - 1
    }
}
