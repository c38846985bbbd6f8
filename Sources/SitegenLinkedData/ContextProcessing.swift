/// The JSON-LD 1.1 Context Processing and Create Term Definition algorithms (JSON-LD 1.1
/// Processing Algorithms and API §4.1, §4.2) for the features the pinned contexts use: term
/// definitions with `@id`, `@type`, `@container`, `@context`, `@protected`, `@prefix`; `@vocab`;
/// `@protected`; `@propagate`; null contexts. Anything else is refused rather than half-done.
enum ContextProcessing {
    /// `active` with `source` applied; remembered per pair, so each is worked out once per process.
    static func apply(_ source: ContextSource, to active: ActiveContext, overrideProtected: Bool = false,
                      propagate: Bool = true) throws(LinkedDataError) -> ActiveContext {
        let key = ContextCache.Key(active: active.id, local: source.id, overrideProtected: overrideProtected, propagate: propagate)
        if let cached = ContextCache.shared.result(key) { return cached }
        let result = try process(source, active: active, overrideProtected: overrideProtected, propagate: propagate)
        return ContextCache.shared.keep(result, for: key)
    }

    /// The context a document's `@context` value makes of `active`: pinned URLs (or null) only.
    static func apply(documentContext value: JSONValue, to active: ActiveContext) throws(LinkedDataError) -> ActiveContext {
        switch value {
        case let .array(items):
            var context = active
            for item in items { context = try apply(documentContext: item, to: context) }
            return context
        case let .string(url):
            return try apply(PinnedContext.source(url), to: active)
        case .null:
            return try apply(nullContext, to: active)
        default:
            throw LinkedDataError("@context must name pinned contexts by URL; embedded context definitions are not supported")
        }
    }

    private static let nullContext: ContextSource = {
        var id = 1
        // Cannot fail: null is a valid local context.
        return (try? ContextSource(.null, id: &id, origin: "null")).unsafelyUnwrapped
    }()

    private static func process(_ source: ContextSource, active: ActiveContext, overrideProtected: Bool,
                                propagate: Bool) throws(LinkedDataError) -> ActiveContext {
        var propagate = propagate
        guard let entries = source.entries else {
            if !overrideProtected, active.hasProtectedTerms {
                throw LinkedDataError("invalid context nullification: a null @context would drop protected terms")
            }
            return ActiveContext(terms: [:], vocab: nil, previous: propagate ? nil : (active.previous ?? active))
        }
        var state = TermDefiner(source: source, active: active, overrideProtected: overrideProtected)
        for member in entries {
            let key = member.key
            let value = member.value
            switch key {
            case "@version":
                guard value == .number("1.1") else { throw state.error("@version must be 1.1") }
            case "@propagate":
                guard case let .bool(flag) = value else { throw state.error("@propagate must be a boolean") }
                propagate = flag
            case "@protected":
                guard case .bool = value else { throw state.error("@protected must be a boolean") }
            case "@vocab":
                switch value {
                case .null: state.vocab = nil
                case let .string(vocab):
                    guard let iri = try state.expandIRI(vocab, vocab: true), isAbsoluteIRI(iri) || iri.hasPrefix("_:") else {
                        throw state.error("invalid @vocab \(vocab)")
                    }
                    state.vocab = iri
                default: throw state.error("invalid @vocab")
                }
            case "@base", "@language", "@direction", "@import":
                throw state.error("\(key) in a context is not supported")
            default:
                break
            }
        }
        for member in entries where !member.key.hasPrefix("@") || !isKeywordForm(member.key) {
            let key = member.key
            try state.define(key)
        }
        let previous = propagate ? active.previous : (active.previous ?? active)
        return ActiveContext(terms: state.terms, vocab: state.vocab, previous: previous)
    }
}

/// The working state of one context being processed: the terms so far and which of the local
/// context's terms are being or have been defined (to catch cycles).
private struct TermDefiner {
    let source: ContextSource
    var terms: [String: TermDefinition]
    var vocab: String?
    let overrideProtected: Bool
    let isProtectedByDefault: Bool
    var local: [String: JSONValue] = [:]
    /// false while a term is being defined, true once defined.
    var defined: [String: Bool] = [:]

    init(source: ContextSource, active: ActiveContext, overrideProtected: Bool) {
        self.source = source
        self.terms = active.terms
        self.vocab = active.vocab
        self.overrideProtected = overrideProtected
        var isProtected = false
        for member in source.entries ?? [] {
            let key = member.key
            let value = member.value
            local[key] = value
            if key == "@protected", value == .bool(true) { isProtected = true }
        }
        self.isProtectedByDefault = isProtected
    }

    func error(_ message: String) -> LinkedDataError {
        LinkedDataError("context \(source.origin): \(message)")
    }

    /// IRI Expansion (§5.2) while a context is processed: terms of the local context are defined
    /// on demand, as the algorithm requires.
    mutating func expandIRI(_ value: String, vocab useVocab: Bool) throws(LinkedDataError) -> String? {
        if isKeyword(value) { return value }
        if isKeywordForm(value) { return nil }
        if local[value] != nil, defined[value] != true { try define(value) }
        if let definition = terms[value], let iri = definition.iri, isKeyword(iri) { return iri }
        if useVocab, let definition = terms[value] { return definition.iri }
        if let colon = value.utf8.firstIndex(of: UInt8(ascii: ":")), colon != value.utf8.startIndex {
            let prefix = String(value[..<colon])
            let suffix = value[value.index(after: colon)...]
            if prefix == "_" || suffix.hasPrefix("//") { return value }
            if local[prefix] != nil, defined[prefix] != true { try define(prefix) }
            if let definition = terms[prefix], let iri = definition.iri, definition.isPrefix { return iri + suffix }
            if isAbsoluteIRI(value) { return value }
        }
        if useVocab, let vocab { return vocab + value }
        return value
    }

    /// Create Term Definition (§4.2).
    mutating func define(_ term: String) throws(LinkedDataError) {
        if let state = defined[term] {
            if state { return }
            throw error("cyclic IRI mapping at \"\(term)\"")
        }
        guard !term.isEmpty else { throw error("invalid term definition: empty term") }
        defined[term] = false
        let value = local[term] ?? .null
        if term == "@type" || isKeyword(term) { throw error("keyword redefinition: \(term)") }
        let previous = terms.removeValue(forKey: term)
        var definition = TermDefinition()
        var entries: [JSONMember]
        var isSimple = false
        switch value {
        case .null:
            entries = [JSONMember("@id", .null)]
        case let .string(iri):
            entries = [JSONMember("@id", .string(iri))]
            isSimple = true
        case let .object(object):
            entries = object
        default:
            throw error("invalid term definition for \"\(term)\"")
        }
        definition.isProtected = isProtectedByDefault
        var hasID = false
        for member in entries {
            let key = member.key
            let entry = member.value
            switch key {
            case "@id":
                hasID = true
                switch entry {
                case .null:
                    definition.iri = nil
                case let .string(id) where id != term:
                    if !isKeyword(id), isKeywordForm(id) { definition.iri = nil; break }
                    guard let iri = try expandIRI(id, vocab: true),
                          isKeyword(iri) || isAbsoluteIRI(iri) || iri.hasPrefix("_:") else {
                        throw error("invalid IRI mapping for \"\(term)\"")
                    }
                    if iri == "@context" { throw error("invalid keyword alias @context") }
                    definition.iri = iri
                    let inner = term.utf8.dropFirst().dropLast()
                    if inner.contains(UInt8(ascii: ":")) || term.utf8.contains(UInt8(ascii: "/")) {
                        defined[term] = true
                        guard try expandIRI(term, vocab: true) == iri else {
                            throw error("invalid IRI mapping: \"\(term)\" looks like an IRI other than its mapping")
                        }
                    }
                    if !term.utf8.contains(UInt8(ascii: ":")), !term.utf8.contains(UInt8(ascii: "/")), isSimple,
                       let last = iri.utf8.last, ":/?#[]@".utf8.contains(last) {
                        definition.isPrefix = true
                    }
                case .string:
                    hasID = false
                default:
                    throw error("invalid IRI mapping for \"\(term)\"")
                }
            case "@type":
                guard case let .string(type) = entry, let iri = try expandIRI(type, vocab: true) else {
                    throw error("invalid type mapping for \"\(term)\"")
                }
                guard ["@id", "@json", "@none", "@vocab"].contains(iri) || isAbsoluteIRI(iri) else {
                    throw error("invalid type mapping \(type) for \"\(term)\"")
                }
                definition.typeMapping = iri
            case "@container":
                var container: TermDefinition.Container = []
                let names: [JSONValue]
                if case let .array(items) = entry { names = items } else { names = [entry] }
                for name in names {
                    switch name {
                    case .string("@set"): container.insert(.set)
                    case .string("@list"): container.insert(.list)
                    case .string("@graph"): container.insert(.graph)
                    case .string("@index"): container.insert(.index)
                    case .string("@id"): container.insert(.id)
                    case .string("@type"): container.insert(.type)
                    case .string("@language"): container.insert(.language)
                    default: throw error("invalid container mapping for \"\(term)\"")
                    }
                }
                definition.container = container
            case "@context":
                definition.localContext = source.scoped[term]
                guard definition.localContext != nil else { throw error("invalid scoped context for \"\(term)\"") }
            case "@protected":
                guard case let .bool(flag) = entry else { throw error("invalid @protected for \"\(term)\"") }
                definition.isProtected = flag
            case "@prefix":
                guard case let .bool(flag) = entry else { throw error("invalid @prefix for \"\(term)\"") }
                if term.utf8.contains(UInt8(ascii: ":")) || term.utf8.contains(UInt8(ascii: "/")) {
                    throw error("invalid term definition: \"\(term)\" cannot be a prefix")
                }
                definition.isPrefix = flag
            default:
                throw error("\(key) in the definition of \"\(term)\" is not supported")
            }
        }
        if !hasID {
            if let colon = term.utf8.firstIndex(of: UInt8(ascii: ":")), colon != term.utf8.startIndex {
                let prefix = String(term[..<colon])
                if local[prefix] != nil { try define(prefix) }
                if let prefixDefinition = terms[prefix], let iri = prefixDefinition.iri {
                    definition.iri = iri + term[term.index(after: colon)...]
                } else {
                    definition.iri = term
                }
            } else if term.utf8.contains(UInt8(ascii: "/")) {
                throw error("relative IRI term \"\(term)\" is not supported")
            } else if let vocab {
                definition.iri = vocab + term
            } else {
                throw error("invalid IRI mapping: \"\(term)\" has no @id and there is no @vocab")
            }
        }
        if !overrideProtected, let previous, previous.isProtected {
            guard definition.sameDefinition(as: previous) else {
                throw error("protected term redefinition: \"\(term)\"")
            }
            definition = previous
        }
        terms[term] = definition
        defined[term] = true
    }
}

let jsonLDKeywords: Set<String> = [
    "@base", "@container", "@context", "@direction", "@graph", "@id", "@import", "@included", "@index", "@json",
    "@language", "@list", "@nest", "@none", "@prefix", "@propagate", "@protected", "@reverse", "@set", "@type",
    "@value", "@version", "@vocab",
]

func isKeyword(_ value: String) -> Bool {
    value.utf8.first == UInt8(ascii: "@") && jsonLDKeywords.contains(value)
}

/// "@" followed by letters only: reserved for future keywords, so ignored rather than read as a term.
func isKeywordForm(_ value: String) -> Bool {
    let utf8 = value.utf8
    guard utf8.count > 1, utf8.first == UInt8(ascii: "@") else { return false }
    return utf8.dropFirst().allSatisfy { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }
}

/// An absolute IRI as pyld and jsonld.js tell one: a scheme, a colon, no whitespace.
func isAbsoluteIRI(_ value: String) -> Bool {
    var utf8 = value.utf8.makeIterator()
    guard let first = utf8.next(), (first | 0x20) >= UInt8(ascii: "a"), (first | 0x20) <= UInt8(ascii: "z") else { return false }
    while let byte = utf8.next() {
        if byte == UInt8(ascii: ":") { return true }
        let isSchemeByte = ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z"))
            || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        if !isSchemeByte { return false }
    }
    return false
}
