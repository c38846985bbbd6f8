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
        var value: Found? = nil
    }

    /// Slots of the dotted-prefix cache; a power of two, and a collision only costs a lookup.
    private static let cacheSize = 32

    private let templates: [String: Template]
    /// The context stack, innermost last. Every value on it lives in the root context or in a
    /// box of this rendering, so the stack holds plain pointers and costs no reference counting.
    private var contexts: [Found]
    /// Copies this rendering had to make (values read out of a Dictionary), in chunks that never
    /// move, freed by `finish`.
    private var boxChunks: [UnsafeMutablePointer<TemplateValue>] = []
    private var boxesUsed = Self.boxChunkSize
    private static let boxChunkSize = 64
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

    /// `roots`, the context stack to start with (outermost first), must stay valid until `finish`.
    init(templates: [String: Template], roots: UnsafeBufferPointer<TemplateValue>) {
        self.templates = templates
        var contexts: [Found] = []
        contexts.reserveCapacity(roots.count + 16)
        if let base = roots.baseAddress {
            for index in 0..<roots.count { contexts.append(Found(base + index)) }
        }
        self.contexts = contexts
    }

    /// Frees the copies made while rendering.
    mutating func finish() {
        for (index, chunk) in boxChunks.enumerated() {
            chunk.deinitialize(count: index == boxChunks.count - 1 ? boxesUsed : Self.boxChunkSize)
            chunk.deallocate()
        }
        boxChunks = []
        boxesUsed = Self.boxChunkSize
    }

    private mutating func box(_ value: TemplateValue) -> UnsafePointer<TemplateValue> {
        if boxesUsed == Self.boxChunkSize {
            boxChunks.append(.allocate(capacity: Self.boxChunkSize))
            boxesUsed = 0
        }
        let box = boxChunks[boxChunks.count - 1] + boxesUsed
        box.initialize(to: value)
        boxesUsed += 1
        return UnsafePointer(box)
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
                if let found = lookup(program, operation.a) {
                    write(found, escaped: operation.code == .escapedVariable, into: &out)
                }
                index += 1

            case .section:
                if let found = lookup(program, operation.a) {
                    if found.isList {
                        try renderList(found, program, from: index + 1, to: operation.b, indent: indent, into: &out)
                    } else if found.isTruthy {
                        push(found)
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

    @inline(__always)
    private func write(_ found: Found, escaped: Bool, into out: inout PageBuffer) {
        if let text = found.text {
            let bytes = UnsafeBufferPointer(start: text, count: found.textCount)
            if escaped { HTMLEscaping.appendEscaped(bytes, to: &out) } else { out.append(bytes) }
            return
        }
        switch found.value.pointee {
        case .string(let text):
            HTMLEscaping.append(text, escaped: escaped, to: &out)
        case .bool(let flag):
            HTMLEscaping.append(flag ? "true" : "false", escaped: false, to: &out)
        case .null, .list, .object, .record:
            break
        }
    }

    /// Each item of a list section in turn, as the innermost context.
    private mutating func renderList(
        _ found: Found, _ program: TemplateProgram, from start: Int, to end: Int, indent: [UInt8],
        into out: inout PageBuffer
    ) throws(Diagnostic) {
        guard case .list(let items) = found.value.pointee else { return }
        // `items` holds the list's storage for the loop, so pointers to its elements stay valid.
        var failure: Diagnostic? = nil
        items.withUnsafeBufferPointer { items in
            guard let base = items.baseAddress else { return }
            for offset in 0..<items.count {
                push(Found(base + offset))
                do throws(Diagnostic) {
                    try nested(program, from: start, to: end, indent: indent, into: &out)
                } catch {
                    failure = error
                    return
                }
                pop()
            }
        }
        if let failure { throw failure }
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

    private mutating func lookup(_ program: TemplateProgram, _ nameIndex: Int) -> Found? {
        let name = program.names[nameIndex]
        switch name.count {
        case 0:
            return contexts.last
        case 1:
            return resolveFirst(program.nameParts[name.first], program.partHashes[name.first])
        default:
            // Later parts resolve in the value found, never further up the stack.
            guard let prefix = resolvePrefix(program, name, length: name.count - 1) else { return nil }
            let last = name.first + name.count - 1
            return field(of: prefix, program.nameParts[last], program.partHashes[last])
        }
    }

    /// The first `length` parts of a dotted name, from the cache when this context stack
    /// resolved them before.
    private mutating func resolvePrefix(_ program: TemplateProgram, _ name: NameEntry, length: Int) -> Found? {
        let prefix = program.prefixes[name.firstPrefix + length - 1]
        if cache.isEmpty { cache = Array(repeating: CacheSlot(), count: Self.cacheSize) }
        let slot = prefix.hash & (Self.cacheSize - 1)
        if cache[slot].generation == generation && cache[slot].key == prefix.key { return cache[slot].value }
        let value: Found?
        if length == 1 {
            value = resolveFirst(program.nameParts[name.first], program.partHashes[name.first])
        } else if let outer = resolvePrefix(program, name, length: length - 1) {
            let part = name.first + length - 1
            value = field(of: outer, program.nameParts[part], program.partHashes[part])
        } else {
            value = nil
        }
        cache[slot] = CacheSlot(generation: generation, key: prefix.key, value: value)
        return value
    }

    /// The first part of a name: the innermost context that has it.
    @inline(__always)
    private mutating func resolveFirst(_ key: String, _ hash: Int) -> Found? {
        var index = contexts.count - 1
        while index >= 0 {
            if let value = field(of: contexts[index], key, hash) { return value }
            index -= 1
        }
        return nil
    }

    @inline(__always)
    private mutating func field(of found: Found, _ key: String, _ hash: Int) -> Found? {
        if let record = found.record {
            return record._withUnsafeGuaranteedRef { storage in
                let index = storage.find(key, hash: hash)
                return index < 0 ? nil : Found(storage, index)
            }
        }
        guard case .object(let fields) = found.value.pointee, let value = fields[key] else { return nil }
        return Found(box(value))
    }

    private mutating func push(_ value: Found) {
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
