import SitegenSource

/// One rendering: the context stack, the blocks given by enclosing parents, and the depth guard.
struct TemplateRenderer {
    /// Partials and parents nested deeper than this are taken for endless recursion.
    static let maxInclusionDepth = 100
    /// Everything that recurses (sections, partials, parents, blocks) together; keeps the stack of
    /// a worker thread safe when blocks fill themselves.
    static let maxNesting = 200

    private struct ArgumentFrame {
        var program: TemplateProgram
        var set: Int
    }

    private struct CacheSlot {
        var generation = -1
        var key = ""
        var value: TemplateValue? = nil
    }

    /// Slots of the dotted-prefix cache; a power of two, and a collision only costs a lookup.
    private static let cacheSize = 32

    private let templates: [String: Template]
    private var contexts: [TemplateValue]
    /// Identifies the context stack as it is now: every push gets a number never used before,
    /// and a pop returns to the number below, so a cached prefix is valid exactly while the
    /// stack it was resolved on is back.
    private var generation = 0
    private var nextGeneration = 0
    private var generations: [Int] = []
    private var cache: [CacheSlot] = []
    /// Blocks given by each enclosing parent, outermost first: the outermost giver wins.
    private var argumentFrames: [ArgumentFrame] = []
    private var inclusionDepth = 0
    private var nesting = 0
    /// The site of the innermost inclusion, for the message when nesting runs away.
    private var site: SourceLocation? = nil
    /// Set when a body that starts on a new line fills a block in the middle of a line: that line
    /// already has its indentation.
    private var skipNextIndent = false

    init(templates: [String: Template], context: TemplateValue) {
        self.templates = templates
        self.contexts = [context]
        contexts.reserveCapacity(16)
    }

    /// Renders operations `start..<end` of `program`, prefixing `indent` at each template line.
    mutating func render(
        _ program: TemplateProgram, from start: Int, to end: Int, indent: [UInt8], into out: inout PageBuffer
    ) throws(Diagnostic) {
        var index = start
        while index < end {
            let operation = program.operations[index]
            switch operation.code {
            case .literal:
                if indent.isEmpty || operation.c == operation.d {
                    out.append(UnsafeBufferPointer(rebasing: program.bytes[operation.a..<operation.b]))
                } else {
                    writeIndented(program, operation, indent: indent, into: &out)
                }
                index += 1

            case .escapedVariable, .rawVariable:
                switch lookup(program, operation.a) {
                case .string(let text)?:
                    HTMLEscaping.append(text, escaped: operation.code == .escapedVariable, to: &out)
                case .bool(let flag)?:
                    HTMLEscaping.append(flag ? "true" : "false", escaped: false, to: &out)
                case .null?, .list?, .object?, nil:
                    break
                }
                index += 1

            case .section:
                let value = lookup(program, operation.a) ?? .null
                switch value {
                case .list(let items):
                    for item in items {
                        push(item)
                        try nested(program, from: index + 1, to: operation.b, indent: indent, into: &out)
                        pop()
                    }
                default:
                    if value.isTruthy {
                        push(value)
                        try nested(program, from: index + 1, to: operation.b, indent: indent, into: &out)
                        pop()
                    }
                }
                index = operation.b

            case .invertedSection:
                if !(lookup(program, operation.a)?.isTruthy ?? false) {
                    try nested(program, from: index + 1, to: operation.b, indent: indent, into: &out)
                }
                index = operation.b

            case .partial:
                try include(program.inclusions[operation.a], indent: indent, into: &out)
                index += 1

            case .parent:
                argumentFrames.append(ArgumentFrame(program: program, set: operation.c))
                try include(program.inclusions[operation.a], indent: indent, into: &out)
                argumentFrames.removeLast()
                index = operation.b

            case .block:
                try renderBlock(program, at: index, indent: indent, into: &out)
                index = operation.b
            }
        }
    }

    private mutating func renderBlock(
        _ program: TemplateProgram, at index: Int, indent: [UInt8], into out: inout PageBuffer
    ) throws(Diagnostic) {
        let operation = program.operations[index]
        let block = program.blocks[operation.a]
        var body = (program: program, start: index + 1, end: operation.b, startsOnNewLine: block.startsOnNewLine)
        if let (giver, argument) = argument(named: block.name) {
            body = (giver, argument.start, argument.end, argument.startsOnNewLine)
        }
        if let own = block.indent {
            let inner = own.isEmpty ? indent : (indent.isEmpty ? own : indent + own)
            if !body.startsOnNewLine && !inner.isEmpty { writeIndent(inner, into: &out) }
            try nested(body.program, from: body.start, to: body.end, indent: inner, into: &out)
        } else {
            if body.startsOnNewLine && !indent.isEmpty { skipNextIndent = true }
            try nested(body.program, from: body.start, to: body.end, indent: indent, into: &out)
            skipNextIndent = false
        }
    }

    private mutating func nested(
        _ program: TemplateProgram, from start: Int, to end: Int, indent: [UInt8], into out: inout PageBuffer
    ) throws(Diagnostic) {
        nesting += 1
        if nesting > Self.maxNesting {
            throw Diagnostic.error(
                "templates nested more than \(Self.maxNesting) levels deep (does a block fill itself?)", at: site)
        }
        try render(program, from: start, to: end, indent: indent, into: &out)
        nesting -= 1
    }

    private mutating func include(_ inclusion: InclusionEntry, indent: [UInt8], into out: inout PageBuffer) throws(Diagnostic) {
        // The spec renders a missing partial as nothing; TemplateLibrary.validate reports it.
        guard let template = templates[inclusion.name] else { return }
        inclusionDepth += 1
        if inclusionDepth > Self.maxInclusionDepth {
            throw Diagnostic.error(
                "partial '\(inclusion.name)' nested more than \(Self.maxInclusionDepth) levels deep (does it include itself without end?)",
                at: inclusion.location)
        }
        let outerSite = site
        site = inclusion.location
        let inner: [UInt8]
        if let own = inclusion.indent {
            inner = indent.isEmpty ? own : indent + own
        } else {
            inner = []
        }
        let program = template.program
        try nested(program, from: 0, to: program.operations.count, indent: inner, into: &out)
        site = outerSite
        inclusionDepth -= 1
    }

    private func argument(named name: String) -> (TemplateProgram, ArgumentBody)? {
        for frame in argumentFrames {
            if let body = frame.program.argumentSets[frame.set][name] { return (frame.program, body) }
        }
        return nil
    }

    private mutating func lookup(_ program: TemplateProgram, _ nameIndex: Int) -> TemplateValue? {
        let name = program.names[nameIndex]
        switch name.count {
        case 0:
            return contexts.last
        case 1:
            return resolveFirst(program.nameParts[name.first])
        default:
            // Later parts resolve in the value found, never further up the stack.
            guard case .object(let fields)? = resolvePrefix(program, name, length: name.count - 1) else { return nil }
            return fields[program.nameParts[name.first + name.count - 1]]
        }
    }

    /// The first `length` parts of a dotted name, from the cache when this context stack
    /// resolved them before.
    private mutating func resolvePrefix(_ program: TemplateProgram, _ name: NameEntry, length: Int) -> TemplateValue? {
        let prefix = program.prefixes[name.firstPrefix + length - 1]
        if cache.isEmpty { cache = Array(repeating: CacheSlot(), count: Self.cacheSize) }
        let slot = prefix.hash & (Self.cacheSize - 1)
        if cache[slot].generation == generation && cache[slot].key == prefix.key { return cache[slot].value }
        let value: TemplateValue?
        if length == 1 {
            value = resolveFirst(program.nameParts[name.first])
        } else if case .object(let fields)? = resolvePrefix(program, name, length: length - 1) {
            value = fields[program.nameParts[name.first + length - 1]]
        } else {
            value = nil
        }
        cache[slot] = CacheSlot(generation: generation, key: prefix.key, value: value)
        return value
    }

    /// The first part of a name: the innermost context that has it.
    @inline(__always)
    private func resolveFirst(_ key: String) -> TemplateValue? {
        var index = contexts.count - 1
        while index >= 0 {
            if case .object(let fields) = contexts[index], let value = fields[key] { return value }
            index -= 1
        }
        return nil
    }

    private mutating func push(_ value: TemplateValue) {
        contexts.append(value)
        generations.append(generation)
        nextGeneration += 1
        generation = nextGeneration
    }

    private mutating func pop() {
        contexts.removeLast()
        generation = generations.removeLast()
    }

    private mutating func writeIndent(_ indent: [UInt8], into out: inout PageBuffer) {
        if skipNextIndent {
            skipNextIndent = false
        } else {
            out.append(indent)
        }
    }

    private mutating func writeIndented(
        _ program: TemplateProgram, _ operation: Operation, indent: [UInt8], into out: inout PageBuffer
    ) {
        guard let bytes = program.bytes.baseAddress, let lines = program.lineStarts.baseAddress else { return }
        indent.withUnsafeBufferPointer { indent in
            var from = operation.a
            for line in operation.c..<operation.d {
                let start = lines[line]
                if start > from { out.append(UnsafeBufferPointer(start: bytes + from, count: start - from)) }
                if skipNextIndent {
                    skipNextIndent = false
                } else {
                    out.append(indent)
                }
                from = start
            }
            if from < operation.b { out.append(UnsafeBufferPointer(start: bytes + from, count: operation.b - from)) }
        }
    }
}
