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
    /// Each name part as lookups in documents use it, and where a specialized program expects
    /// it; the keys' UTF-8 is in `partBytes`.
    let partKeys: UnsafeMutableBufferPointer<PartKey>
    private let partBytes: UnsafeMutableBufferPointer<UInt8>
    let names: UnsafeMutableBufferPointer<NameEntry>
    let prefixes: UnsafeMutableBufferPointer<PrefixEntry>
    let inclusions: [InclusionEntry]
    let blocks: [BlockEntry]
    let argumentSets: [[String: ArgumentBody]]
    /// In a specialized program: the contexts its `push` operations put on the stack, which
    /// live as long as the specialization that made the program.
    let knowns: UnsafeMutableBufferPointer<Found>
    /// In a specialized program: what a section assumed of the values it pushes, as runs of
    /// `absentParts` — indices into `nameParts` of names such a value must not have.
    let assumptions: UnsafeMutableBufferPointer<Range<Int>>
    let absentParts: UnsafeMutableBufferPointer<Int>

    init(_ builder: ProgramBuilder) {
        operations = Self.buffer(builder.operations)
        bytes = Self.buffer(builder.bytes)
        lineStarts = Self.buffer(builder.lineStarts)
        nameParts = builder.nameParts
        partHashes = Self.buffer(builder.nameParts.map(TemplateRecord.hash))
        var utf8: [UInt8] = []
        var ranges: [Range<Int>] = []
        for part in builder.nameParts {
            ranges.append(utf8.count..<(utf8.count + part.utf8.count))
            utf8.append(contentsOf: part.utf8)
        }
        let partBytes = Self.buffer(utf8)
        self.partBytes = partBytes
        partKeys = .allocate(capacity: ranges.count)
        for (index, range) in ranges.enumerated() {
            let key = DocumentKey(bytes: UnsafePointer(partBytes.baseAddress! + range.lowerBound), count: range.count,
                                  hash: partHashes[index])
            let ordinal = index < builder.partOrdinals.count ? builder.partOrdinals[index] : -1
            (partKeys.baseAddress! + index).initialize(to: PartKey(key: key, ordinal: ordinal))
        }
        names = Self.buffer(builder.names)
        prefixes = Self.buffer(builder.prefixes)
        inclusions = builder.inclusions
        blocks = builder.blocks
        argumentSets = builder.argumentSets
        knowns = Self.buffer(builder.knowns)
        assumptions = Self.buffer(builder.assumptions)
        absentParts = Self.buffer(builder.absentParts)
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
        partBytes.deallocate()
        partKeys.deallocate()
        _ = prefixes.deinitialize()
        prefixes.deallocate()
        knowns.deallocate()
        assumptions.deallocate()
        absentParts.deallocate()
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
        /// name a, body up to operation b; for a section of a specialized program, c is
        /// 1 + the index of what it assumes of the values it pushes, or 0
        case section, invertedSection
        /// inclusion a
        case partial
        /// inclusion a, argument set c, argument bodies up to operation b (skipped in place)
        case parent
        /// block a, default body up to operation b
        case block
        /// Specialized programs only: pushes knowns[a], pops it.
        case push, pop
    }

    var code: Code
    // Stored in 32 bits: a page walks hundreds of operations, and a smaller one is fewer
    // bytes to bring into the cache. Templates and pages are far below 2 GB.
    private var storedA: Int32, storedB: Int32, storedC: Int32, storedD: Int32

    init(code: Code, a: Int = 0, b: Int = 0, c: Int = 0, d: Int = 0) {
        self.code = code
        (storedA, storedB, storedC, storedD) = (Int32(a), Int32(b), Int32(c), Int32(d))
    }

    var a: Int {
        get { Int(storedA) }
        set { storedA = Int32(newValue) }
    }

    var b: Int {
        get { Int(storedB) }
        set { storedB = Int32(newValue) }
    }

    var c: Int {
        get { Int(storedC) }
        set { storedC = Int32(newValue) }
    }

    var d: Int {
        get { Int(storedD) }
        set { storedD = Int32(newValue) }
    }
}

struct NameEntry: Sendable {
    /// nameParts[first..<first + count]; no parts for the implicit iterator `.`.
    var first: Int
    var count: Int
    /// For a dotted name, prefixes[firstPrefix + k] is its first k + 1 parts (all but the last).
    var firstPrefix: Int
    /// In a specialized program: the stack level where the lookup starts, every context above
    /// being known to lack the name; -1 otherwise.
    var lookupStart = -1
}

/// A name part as a lookup needs it, in one place.
struct PartKey {
    var key: DocumentKey
    /// In a specialized program, where the sample page had the part among the fields of its
    /// record, tried first; -1 when unknown.
    var ordinal: Int32
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
