/// Lowers a template's node tree into a `TemplateProgram`.
struct ProgramBuilder {
    var operations: [Operation] = []
    var bytes: [UInt8] = []
    var lineStarts: [Int] = []
    var nameParts: [String] = []
    var names: [NameEntry] = []
    var prefixes: [PrefixEntry] = []
    var inclusions: [InclusionEntry] = []
    var blocks: [BlockEntry] = []
    var argumentSets: [[String: ArgumentBody]] = []
    var knowns: [Found] = []
    var assumptions: [Range<Int>] = []
    var absentParts: [Int] = []
    /// Per name part of a specialized program, its `PartKey.ordinal`.
    var partOrdinals: [Int32] = []
    /// The literal operation `appendLiteral` may still extend: nothing was added after it.
    private var openLiteral: Int? = nil

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
        add(parts: name.parts[...])
    }

    mutating func add(parts: ArraySlice<String>) -> Int {
        names.append(NameEntry(first: nameParts.count, count: parts.count, firstPrefix: prefixes.count))
        nameParts.append(contentsOf: parts)
        var key = ""
        for part in parts.dropLast() {
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

    // MARK: specialized programs, written operation by operation

    /// Output known in advance; runs written one after another become one copy.
    mutating func appendLiteral(_ text: UnsafeBufferPointer<UInt8>) {
        guard !text.isEmpty else { return }
        bytes.append(contentsOf: text)
        if let open = openLiteral {
            operations[open].b = bytes.count
        } else {
            operations.append(Operation(code: .literal, a: bytes.count - text.count, b: bytes.count,
                                        c: lineStarts.count, d: lineStarts.count))
            openLiteral = operations.count - 1
        }
    }

    /// Appends an operation without operands to fill in later; returns its index.
    mutating func append(_ code: Operation.Code, a: Int = 0) -> Int {
        openLiteral = nil
        operations.append(Operation(code: code, a: a))
        return operations.count - 1
    }

    /// Ends the body of the section opened by operation `index` here.
    mutating func close(_ index: Int) {
        openLiteral = nil
        operations[index].b = operations.count
    }

    /// A name a specialized program looks up from stack level `start`, trying each part first
    /// at the ordinal given (-1: none).
    mutating func add(parts: ArraySlice<String>, start: Int, ordinals: [Int32]) -> Int {
        let name = add(parts: parts)
        names[name].lookupStart = start
        partOrdinals.append(contentsOf: ordinals)
        return name
    }

    /// Names a pushed value must not have: the parts are stored as one-part names' parts.
    mutating func addAssumption(absent names: [String]) -> Int {
        let start = absentParts.count
        for name in names {
            absentParts.append(nameParts.count)
            nameParts.append(name)
            partOrdinals.append(-1)
        }
        assumptions.append(start..<absentParts.count)
        return assumptions.count - 1
    }
}
