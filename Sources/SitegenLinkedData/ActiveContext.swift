import Foundation

/// A JSON-LD 1.1 term definition, as far as the pinned contexts use them. A class, so a lookup
/// hands out one reference rather than copying three counted fields; filled in by
/// `TermDefiner.define` and never changed once in an `ActiveContext` (hence @unchecked Sendable).
final class TermDefinition: @unchecked Sendable {
    /// The IRI mapping, or a keyword (`@id`, `@type`); nil for a term mapped to null.
    var iri: String? {
        didSet {
            iriBytes = iri.map { Array($0.utf8) } ?? []
            isKeyword = iri?.utf8.first == UInt8(ascii: "@")
            keywordBit = iri.map { Keywords($0) } ?? []
        }
    }
    /// Whether the term aliases a keyword, and which of those a node may hold.
    private(set) var isKeyword = false
    private(set) var keywordBit: Keywords = []
    /// `iri`'s UTF-8, as quads are written.
    private(set) var iriBytes: [UInt8] = []
    /// `@id`, `@vocab`, `@json`, `@none` or a datatype IRI.
    var typeMapping: String? {
        didSet {
            switch typeMapping {
            case nil, "@none": typeKind = .none
            case "@id": typeKind = .id
            case "@vocab": typeKind = .vocab
            case "@json": typeKind = .json
            default: typeKind = .datatype
            }
            datatypeBytes = typeKind == .datatype ? typeMapping.map { Array($0.utf8) } : nil
        }
    }
    /// A datatype mapping's UTF-8.
    private(set) var datatypeBytes: [UInt8]?
    /// `typeMapping` sorted once, so values are not told apart by comparing strings.
    private(set) var typeKind = TypeKind.none

    enum TypeKind {
        case none, id, vocab, json, datatype
    }
    var container: Container = []
    var localContext: ContextSource?
    var isProtected = false
    var isPrefix = false

    struct Container: OptionSet, Sendable {
        let rawValue: UInt8
        static let set = Container(rawValue: 1)
        static let list = Container(rawValue: 2)
        static let graph = Container(rawValue: 4)
        static let index = Container(rawValue: 8)
        static let id = Container(rawValue: 16)
        static let type = Container(rawValue: 32)
        static let language = Container(rawValue: 64)
    }

    /// Equal but for protection: the test a protected term's redefinition must pass.
    func sameDefinition(as other: TermDefinition) -> Bool {
        iri == other.iri && typeMapping == other.typeMapping && container == other.container
            && isPrefix == other.isPrefix && localContext?.entries.map(JSONValue.object) == other.localContext?.entries.map(JSONValue.object)
    }
}

/// A processed context: the terms in force at one place in a document. Immutable once made, and
/// made once per (context, local context) pair for the whole process (`ContextCache`), so a
/// credential's expansion looks terms up and never processes a context.
final class ActiveContext: Sendable {
    let id: Int
    let terms: [String: TermDefinition]
    /// `terms` again, for the lookups expansion makes per key.
    let table: TermTable
    let vocab: String?
    /// The context a type-scoped context reverts to for nested nodes.
    let previous: ActiveContext?

    /// The terms that alias `@id`, `@type` and `@value` (VC 2.0 and OB: `id`, `type`): a node's
    /// keys are checked against these before its context is settled, without a lookup per key.
    let idAliases: [String]
    let typeAliases: [String]
    let valueAliases: [String]
    let idAliasBytes: [[UInt8]]
    let typeAliasBytes: [[UInt8]]
    let valueAliasBytes: [[UInt8]]
    let vocabBytes: [UInt8]?
    /// Whether IRI expansion must look strings with a colon up as terms, or as compact IRIs.
    let hasTermsWithColon: Bool
    let hasPrefixTerms: Bool

    init(terms: [String: TermDefinition], vocab: String?, previous: ActiveContext?) {
        self.id = ContextCache.shared.nextID()
        self.terms = terms
        table = TermTable(terms)
        idAliases = ["@id"] + terms.filter { $0.value.iri == "@id" }.map(\.key)
        typeAliases = ["@type"] + terms.filter { $0.value.iri == "@type" }.map(\.key)
        valueAliases = ["@value"] + terms.filter { $0.value.iri == "@value" }.map(\.key)
        hasTermsWithColon = terms.keys.contains { $0.utf8.contains(UInt8(ascii: ":")) }
        idAliasBytes = idAliases.map { Array($0.utf8) }
        typeAliasBytes = typeAliases.map { Array($0.utf8) }
        valueAliasBytes = valueAliases.map { Array($0.utf8) }
        vocabBytes = vocab.map { Array($0.utf8) }
        hasPrefixTerms = terms.values.contains { $0.isPrefix }
        self.vocab = vocab
        self.previous = previous
    }

    static let initial = ActiveContext(terms: [:], vocab: nil, previous: nil)

    var hasProtectedTerms: Bool { terms.values.contains { $0.isProtected } }
}

/// The processed contexts made so far, shared by all threads. Bounded: past `capacity` results are
/// computed and not kept (they cannot be needed often: the pinned contexts combine in few ways).
final class ContextCache: @unchecked Sendable {
    static let shared = ContextCache()
    static let capacity = 4096

    struct Key: Hashable {
        let active: Int
        let local: Int
        let overrideProtected: Bool
        let propagate: Bool
    }

    // @unchecked: every access to these is under `lock`.
    private let lock = NSLock()
    private var results: [Key: ActiveContext] = [:]
    private var lastID = 0

    func nextID() -> Int {
        lock.lock()
        defer { lock.unlock() }
        lastID += 1
        return lastID
    }

    func result(_ key: Key) -> ActiveContext? {
        lock.lock()
        defer { lock.unlock() }
        return results[key]
    }

    /// Keeps `context` unless another thread kept one first; returns the one kept.
    func keep(_ context: ActiveContext, for key: Key) -> ActiveContext {
        lock.lock()
        defer { lock.unlock() }
        if let existing = results[key] { return existing }
        if results.count < Self.capacity { results[key] = context }
        return context
    }
}
