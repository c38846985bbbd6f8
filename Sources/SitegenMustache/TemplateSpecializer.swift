/// Partial evaluation of a template: walks it as `TemplateRenderer` does, step for step, with
/// the outer contexts known (what many pages share) and the page's own context, and whatever
/// sections push from it, unknown. What the known contexts decide is settled here once: literal
/// text and indentation, the names they resolve (escaped ahead), the sections they open, skip or
/// repeat, partials, parents and blocks. What depends on the page remains, as the operations of
/// a new program that renders with the same context stack a plain rendering would have.
///
/// Resolving a name past an unknown context needs that context to lack the name. The sample
/// page tells where that is worth assuming; each assumption is recorded with the section that
/// pushes the context, and the program checks it on every value it pushes there
/// (`TemplateRenderer.check`), so a page that breaks one is rendered plainly, never wrongly.
struct TemplateSpecializer: ~Copyable {
    /// The template cannot be unfolded ahead (it nests too deep, maybe endlessly, or a block's
    /// indentation would depend on the page): it is rendered plainly.
    struct Unspecializable: Error {}

    private enum Entry {
        /// A value of the known contexts; `pushed` once the program puts it on its stack too.
        case known(Found, pushed: Bool)
        /// A value only the page has. `assumption` (nil: none) collects the names assumed
        /// absent from it; `samples` are the sample page's value(s) in its place.
        case unknown(assumption: Int?, samples: [Found])
    }

    private enum Resolution {
        case known(Found?)
        /// `samples`: the name's value(s) in the sample page, for what a section may assume.
        /// `level`: the stack entry where the renderer may first find it; `ordinals`: where the
        /// sample page has each part in its record, or -1.
        case unknown(samples: [Found], level: Int, ordinals: [Int32])
    }

    private let templates: [String: Template]
    private var stack: [Entry] = []
    private var builder = ProgramBuilder()
    /// Output settled since the last operation that depends on the page.
    private var pending = TextBuffer(capacity: 8192)
    /// Per assumption, the names a pushed value must not have.
    private var absent: [[String]] = []
    /// Copies of known values the program points at; the caller keeps them with the program.
    private(set) var boxes = ValueBoxes()
    /// Copies of sample values, needed only while specializing.
    private var sampleBoxes = ValueBoxes()
    private var argumentFrames: [ArgumentFrame] = []
    private var inclusionDepth = 0
    private var nesting = 0
    private var skipNextIndent = false

    /// The assumption about the page context itself, checked before rendering.
    static let pageAssumption = 0

    init(templates: [String: Template]) {
        self.templates = templates
    }

    /// `shared`, outermost first, and `sample` must stay valid while the program is used
    /// (`shared`) or while this runs (`sample`).
    mutating func specialize(
        _ template: Template, shared: UnsafeBufferPointer<TemplateValue>, sample: UnsafePointer<TemplateValue>
    ) throws(Unspecializable) -> TemplateProgram {
        defer { sampleBoxes.free() }
        if let base = shared.baseAddress {
            for index in 0..<shared.count { stack.append(.known(Found(base + index), pushed: true)) }
        }
        absent = [[]]
        stack.append(.unknown(assumption: Self.pageAssumption, samples: [Found(sample)]))
        let program = template.program
        try walk(program, from: 0, to: program.operations.count, indent: [])
        flush()
        for names in absent { _ = builder.addAssumption(absent: names) }
        return TemplateProgram(builder)
    }

    /// Mirrors `TemplateRenderer.render`.
    private mutating func walk(
        _ program: TemplateProgram, from start: Int, to end: Int, indent: [UInt8]
    ) throws(Unspecializable) {
        var index = start
        while index < end {
            let operation = program.operations[index]
            switch operation.code {
            case .literal:
                program.writeLiteral(operation, indent: indent, skipNextIndent: &skipNextIndent, into: &pending)
                index += 1

            case .escapedVariable, .rawVariable:
                switch resolve(program, operation.a) {
                case .known(let found):
                    found?.write(escaped: operation.code == .escapedVariable, into: &pending)
                case .unknown(_, let level, let ordinals):
                    flush()
                    materialize()
                    _ = builder.append(operation.code, a: copyName(program, operation.a, level: level, ordinals: ordinals))
                }
                index += 1

            case .section:
                switch resolve(program, operation.a) {
                case .known(let found):
                    if let found { try knownSection(found, program, from: index + 1, to: operation.b, indent: indent) }
                case .unknown(let samples, let level, let ordinals):
                    var assumption: Int? = nil
                    if !samples.isEmpty {
                        absent.append([])
                        assumption = absent.count - 1
                    }
                    let section = try open(.section, program, operation.a, level: level, ordinals: ordinals)
                    stack.append(.unknown(assumption: assumption, samples: samples))
                    try nested(program, from: index + 1, to: operation.b, indent: indent)
                    stack.removeLast()
                    if let assumption, !absent[assumption].isEmpty { builder.operations[section].c = assumption + 1 }
                    close(section)
                }
                index = operation.b

            case .invertedSection:
                switch resolve(program, operation.a) {
                case .known(let found):
                    if !(found?.isTruthy ?? false) { try nested(program, from: index + 1, to: operation.b, indent: indent) }
                case .unknown(_, let level, let ordinals):
                    let section = try open(.invertedSection, program, operation.a, level: level, ordinals: ordinals)
                    try nested(program, from: index + 1, to: operation.b, indent: indent)
                    close(section)
                }
                index = operation.b

            case .partial:
                try include(program.inclusions[operation.a], indent: indent)
                index += 1

            case .parent:
                argumentFrames.append(ArgumentFrame(program: program, set: operation.c))
                try include(program.inclusions[operation.a], indent: indent)
                argumentFrames.removeLast()
                index = operation.b

            case .block:
                try walkBlock(program, at: index, indent: indent)
                index = operation.b

            case .push, .pop:
                // A specialized program is not specialized again.
                throw Unspecializable()
            }
        }
    }

    /// A section whose value the known contexts decide: once, once per item, or not at all.
    private mutating func knownSection(
        _ found: Found, _ program: TemplateProgram, from start: Int, to end: Int, indent: [UInt8]
    ) throws(Unspecializable) {
        if let items = found.items(boxes: &boxes) {
            for item in items {
                stack.append(.known(item, pushed: false))
                try nested(program, from: start, to: end, indent: indent)
                popKnown()
            }
        } else if found.isTruthy {
            stack.append(.known(found, pushed: false))
            try nested(program, from: start, to: end, indent: indent)
            popKnown()
        }
    }

    /// Mirrors `TemplateRenderer.renderBlock`.
    private mutating func walkBlock(_ program: TemplateProgram, at index: Int, indent: [UInt8]) throws(Unspecializable) {
        let block = program.blocks[program.operations[index].a]
        let body = argumentFrames.body(of: block, in: program, at: index)
        if let inner = block.indent(inside: indent) {
            if !body.startsOnNewLine && !inner.isEmpty {
                TemplateProgram.writeIndent(inner, skipNextIndent: &skipNextIndent, into: &pending)
            }
            try nested(body.program, from: body.start, to: body.end, indent: inner)
        } else {
            if body.startsOnNewLine && !indent.isEmpty { skipNextIndent = true }
            try nested(body.program, from: body.start, to: body.end, indent: indent)
            skipNextIndent = false
        }
    }

    /// Mirrors `TemplateRenderer.nested`: past the renderer's limit, a plain rendering decides.
    private mutating func nested(
        _ program: TemplateProgram, from start: Int, to end: Int, indent: [UInt8]
    ) throws(Unspecializable) {
        nesting += 1
        if nesting > TemplateRenderer.maxNesting { throw Unspecializable() }
        try walk(program, from: start, to: end, indent: indent)
        nesting -= 1
    }

    /// Mirrors `TemplateRenderer.include`.
    private mutating func include(_ inclusion: InclusionEntry, indent: [UInt8]) throws(Unspecializable) {
        guard let template = templates[inclusion.name] else { return }
        inclusionDepth += 1
        if inclusionDepth > TemplateRenderer.maxInclusionDepth { throw Unspecializable() }
        let program = template.program
        try nested(program, from: 0, to: program.operations.count, indent: inclusion.indent(inside: indent))
        inclusionDepth -= 1
    }

    // MARK: names

    /// Where the renderer would find the name, as far as the known contexts and the
    /// assumptions about unknown ones tell.
    private mutating func resolve(_ program: TemplateProgram, _ nameIndex: Int) -> Resolution {
        let name = program.names[nameIndex]
        guard name.count > 0 else {
            switch stack[stack.count - 1] {
            case .known(let found, _): return .known(found)
            case .unknown(_, let samples): return .unknown(samples: samples, level: stack.count - 1, ordinals: [])
            }
        }
        let key = program.nameParts[name.first]
        let hash = program.partHashes[name.first]
        var level = stack.count - 1
        while level >= 0 {
            switch stack[level] {
            case .known(let found, _):
                if let value = found.field(key, hash, boxes: &boxes) {
                    return .known(Self.rest(of: value, program, name, boxes: &boxes))
                }
            case .unknown(let assumption, let samples):
                var hit: Found? = nil
                var container: Found? = nil
                for sample in samples where hit == nil {
                    hit = sample.field(key, hash, boxes: &sampleBoxes)
                    container = sample
                }
                if let hit, let container {
                    let (value, ordinals) = sampleWalk(hit, in: container, program, name)
                    return .unknown(samples: sampleValues(value), level: level, ordinals: ordinals)
                }
                guard let assumption else {
                    return .unknown(samples: [], level: level, ordinals: Array(repeating: -1, count: name.count))
                }
                if !absent[assumption].contains(key) { absent[assumption].append(key) }
            }
            level -= 1
        }
        return .known(nil)
    }

    /// The sample's value of a name whose first part is `first`, found in `container`, and
    /// where each part sits in its record.
    private mutating func sampleWalk(_ first: Found, in container: Found, _ program: TemplateProgram,
                                     _ name: NameEntry) -> (Found?, [Int32]) {
        var ordinals = [container.ordinal(of: program.nameParts[name.first], program.partHashes[name.first])]
        var value: Found? = first
        for part in (name.first + 1)..<(name.first + name.count) {
            let key = program.nameParts[part]
            let hash = program.partHashes[part]
            ordinals.append(value?.ordinal(of: key, hash) ?? -1)
            value = value?.field(key, hash, boxes: &sampleBoxes)
        }
        return (value, ordinals)
    }

    /// The parts after the first, which resolve inside the value found.
    private static func rest(of value: Found, _ program: TemplateProgram, _ name: NameEntry, boxes: inout ValueBoxes) -> Found? {
        var value = value
        for part in (name.first + 1)..<(name.first + name.count) {
            guard let next = value.field(program.nameParts[part], program.partHashes[part], boxes: &boxes) else { return nil }
            value = next
        }
        return value
    }

    /// What a section over `value` pushes in the sample page: its items, itself, or nothing.
    private mutating func sampleValues(_ value: Found?) -> [Found] {
        guard let value, value.isTruthy else { return [] }
        return value.items(boxes: &sampleBoxes) ?? [value]
    }

    /// The name for the program, to be looked up from stack entry `level`: everything the
    /// program keeps on its stack until there counts, known values it did not push do not.
    private mutating func copyName(_ program: TemplateProgram, _ nameIndex: Int, level: Int, ordinals: [Int32]) -> Int {
        let name = program.names[nameIndex]
        var start = -1
        for entry in stack[...level] {
            if case .known(_, pushed: false) = entry { continue }
            start += 1
        }
        return builder.add(parts: program.nameParts[name.first..<(name.first + name.count)], start: start, ordinals: ordinals)
    }

    // MARK: the program

    private mutating func flush() {
        builder.appendLiteral(pending.bytes)
        pending.removeAll()
    }

    /// Puts the known values on the stack that the operations to come may look past: a
    /// lookup the program makes must see the same stack as the renderer's.
    private mutating func materialize() {
        for level in stack.indices {
            guard case .known(let found, pushed: false) = stack[level] else { continue }
            builder.knowns.append(found)
            _ = builder.append(.push, a: builder.knowns.count - 1)
            stack[level] = .known(found, pushed: true)
        }
    }

    private mutating func popKnown() {
        guard case .known(_, pushed: true) = stack.removeLast() else { return }
        flush()
        _ = builder.append(.pop)
    }

    /// Opens a section the page decides. Everything pushed before is pushed by the program
    /// now, outside the section, so that pushes and pops pair whether it renders or not.
    private mutating func open(_ code: Operation.Code, _ program: TemplateProgram, _ nameIndex: Int, level: Int,
                               ordinals: [Int32]) throws(Unspecializable) -> Int {
        // Whether the section consumes a pending indentation skip would depend on the page.
        if skipNextIndent { throw Unspecializable() }
        flush()
        materialize()
        return builder.append(code, a: copyName(program, nameIndex, level: level, ordinals: ordinals))
    }

    private mutating func close(_ section: Int) {
        flush()
        builder.close(section)
    }
}
