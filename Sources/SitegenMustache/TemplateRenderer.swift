import SitegenSource

/// One rendering: the context stack, the blocks given by enclosing parents, and the depth guard.
struct TemplateRenderer {
    /// Partials and parents nested deeper than this are taken for endless recursion.
    static let maxInclusionDepth = 100
    /// Everything that recurses (sections, partials, parents, blocks) together; keeps the stack of
    /// a worker thread safe when blocks fill themselves.
    static let maxNesting = 200

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
    /// Copies this rendering had to make (values read out of a Dictionary), freed by `finish`.
    private var boxes = ValueBoxes()
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
    /// Set when a specialized program's assumption failed (see `check`).
    private(set) var assumptionFailed = false

    /// `roots`, the context stack to start with (outermost first), must stay valid until `finish`.
    init(templates: [String: Template], roots: UnsafeBufferPointer<TemplateValue>) {
        var contexts: [Found] = []
        contexts.reserveCapacity(roots.count + 16)
        if let base = roots.baseAddress {
            for index in 0..<roots.count { contexts.append(Found(base + index)) }
        }
        self.init(templates: templates, contexts: contexts)
    }

    /// `contexts`, outermost first, must stay valid until `finish`.
    init(templates: [String: Template], contexts: [Found]) {
        self.templates = templates
        self.contexts = contexts
        self.contexts.reserveCapacity(contexts.count + 16)
    }

    /// Frees the copies made while rendering.
    mutating func finish() {
        boxes.free()
    }

    /// Renders operations `start..<end` of `program`, prefixing `indent` at each template line.
    mutating func render(
        _ program: TemplateProgram, from start: Int, to end: Int, indent: [UInt8], into out: inout TextBuffer
    ) throws(Diagnostic) {
        var index = start
        while index < end {
            let operation = program.operations[index]
            switch operation.code {
            case .literal:
                program.writeLiteral(operation, indent: indent, skipNextIndent: &skipNextIndent, into: &out)
                index += 1

            case .escapedVariable, .rawVariable:
                if let found = lookup(program, operation.a) {
                    found.write(escaped: operation.code == .escapedVariable, into: &out)
                }
                index += 1

            case .section:
                if let found = lookup(program, operation.a) {
                    if found.isList {
                        try renderList(found, program, from: index + 1, to: operation.b, assumption: operation.c,
                                       indent: indent, into: &out)
                    } else if found.isTruthy {
                        if operation.c != 0 { try check(found, program, assumption: operation.c - 1) }
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

            case .push:
                push(program.knowns[operation.a])
                index += 1

            case .pop:
                pop()
                index += 1
            }
        }
    }

    /// Each item of a list section in turn, as the innermost context.
    private mutating func renderList(
        _ found: Found, _ program: TemplateProgram, from start: Int, to end: Int, assumption: Int, indent: [UInt8],
        into out: inout TextBuffer
    ) throws(Diagnostic) {
        if let document = found.document {
            let storage = document.takeUnretainedValue()
            for child in storage.children(of: found.node) {
                let item = storage.found(Int(child))
                if assumption != 0 { try check(item, program, assumption: assumption - 1) }
                push(item)
                try nested(program, from: start, to: end, indent: indent, into: &out)
                pop()
            }
            return
        }
        guard case .list(let items) = found.value?.pointee else { return }
        // `items` holds the list's storage for the loop, so pointers to its elements stay valid.
        var failure: Diagnostic? = nil
        items.withUnsafeBufferPointer { items in
            guard let base = items.baseAddress else { return }
            for offset in 0..<items.count {
                let item = Found(base + offset)
                do throws(Diagnostic) {
                    if assumption != 0 { try check(item, program, assumption: assumption - 1) }
                } catch {
                    failure = error
                    return
                }
                push(item)
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

    /// A specialized program left out what a pushed value was assumed not to have; a value that
    /// has it after all stops the rendering, for the caller to render the page plainly.
    mutating func check(_ found: Found, _ program: TemplateProgram, assumption: Int) throws(Diagnostic) {
        for part in program.absentParts[program.assumptions[assumption]] {
            if found.field(program, part: part, ordinal: -1, boxes: &boxes) != nil {
                assumptionFailed = true
                throw Diagnostic.error("a specialized template met a value it did not expect", at: nil)
            }
        }
    }

    private mutating func renderBlock(
        _ program: TemplateProgram, at index: Int, indent: [UInt8], into out: inout TextBuffer
    ) throws(Diagnostic) {
        let operation = program.operations[index]
        let block = program.blocks[operation.a]
        let body = argumentFrames.body(of: block, in: program, at: index)
        if let inner = block.indent(inside: indent) {
            if !body.startsOnNewLine && !inner.isEmpty {
                TemplateProgram.writeIndent(inner, skipNextIndent: &skipNextIndent, into: &out)
            }
            try nested(body.program, from: body.start, to: body.end, indent: inner, into: &out)
        } else {
            if body.startsOnNewLine && !indent.isEmpty { skipNextIndent = true }
            try nested(body.program, from: body.start, to: body.end, indent: indent, into: &out)
            skipNextIndent = false
        }
    }

    private mutating func nested(
        _ program: TemplateProgram, from start: Int, to end: Int, indent: [UInt8], into out: inout TextBuffer
    ) throws(Diagnostic) {
        nesting += 1
        if nesting > Self.maxNesting {
            throw Diagnostic.error(
                "templates nested more than \(Self.maxNesting) levels deep (does a block fill itself?)", at: site)
        }
        try render(program, from: start, to: end, indent: indent, into: &out)
        nesting -= 1
    }

    private mutating func include(_ inclusion: InclusionEntry, indent: [UInt8], into out: inout TextBuffer) throws(Diagnostic) {
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
        let program = template.program
        try nested(program, from: 0, to: program.operations.count, indent: inclusion.indent(inside: indent), into: &out)
        site = outerSite
        inclusionDepth -= 1
    }

    @inline(__always)
    private mutating func lookup(_ program: TemplateProgram, _ nameIndex: Int) -> Found? {
        let name = program.names[nameIndex]
        guard name.lookupStart >= 0 else { return lookupPlain(program, name) }
        if name.count > 0, let found = Self.followOrdinals(program, name, from: contexts[name.lookupStart]) { return found }
        return lookupSpecialized(program, name, start: name.lookupStart)
    }

    /// A specialized lookup in the common case, kept small enough to inline: the context is a
    /// document and each part sits where the sample page had it. nil when any of that fails,
    /// for `lookupSpecialized` to settle.
    @inline(__always)
    private static func followOrdinals(_ program: TemplateProgram, _ name: NameEntry, from context: Found) -> Found? {
        guard let document = context.document else { return nil }
        return document._withUnsafeGuaranteedRef { storage in
            var node = context.node
            var part = name.first
            let end = part + name.count
            while part < end {
                let key = program.partKeys[part]
                node = storage.field(of: node, at: Int(key.ordinal), key.key)
                if node < 0 { return nil }
                part += 1
            }
            return storage.found(node)
        }
    }

    @inline(never)
    private mutating func lookupPlain(_ program: TemplateProgram, _ name: NameEntry) -> Found? {
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

    /// A lookup of a specialized program: from the level where the name may first be, trying
    /// each part where the sample page had it.
    @inline(never)
    private mutating func lookupSpecialized(_ program: TemplateProgram, _ name: NameEntry, start: Int) -> Found? {
        guard name.count > 0 else { return contexts.last }
        let first = name.first
        var value = contexts[start].field(program, part: first, ordinal: program.partKeys[first].ordinal, boxes: &boxes)
        var level = start - 1
        while value == nil && level >= 0 {
            value = contexts[level].field(program, part: first, ordinal: -1, boxes: &boxes)
            level -= 1
        }
        guard var found = value else { return nil }
        for part in (first + 1)..<(first + name.count) {
            guard let next = found.field(program, part: part, ordinal: program.partKeys[part].ordinal, boxes: &boxes) else { return nil }
            found = next
        }
        return found
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
        found.field(key, hash, boxes: &boxes)
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
}
