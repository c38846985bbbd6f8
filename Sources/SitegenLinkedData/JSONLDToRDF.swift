import Foundation

/// JSON-LD 1.1 Expansion (§5.1) and Deserialize JSON-LD to RDF (§8.1) in one walk: each node
/// object's statements are emitted as it is expanded, with no expanded document or node map in
/// between (neither changes the dataset: canonicalisation names blank nodes afresh and drops
/// duplicate quads).
///
/// Safe mode throughout: whatever JSON-LD would silently drop — a key that is not a defined term
/// or an absolute IRI, a type or id that is not an absolute IRI, a value no RDF can carry — is an
/// error, since a dropped statement would be left out of the signature.
struct RDFEmitter {
    var dataset = RDFDataset()
    private var blankNodeLabels: [String: Int] = [:]

    mutating func emitDocument(_ document: JSONValue) throws(LinkedDataError) {
        switch document {
        case let .object(entries):
            _ = try node(entries, context: .initial, property: nil, graph: nil, isTopLevel: true)
        case let .array(items):
            for item in items {
                guard case let .object(entries) = item else { throw LinkedDataError("a top-level array may hold only objects") }
                _ = try node(entries, context: .initial, property: nil, graph: nil, isTopLevel: true)
            }
        default:
            throw LinkedDataError("a JSON-LD document must be an object")
        }
    }

    /// The property whose value is being expanded: its name, for looking it up again once its
    /// scoped context applies, and its definition in the enclosing node's context.
    struct ActiveProperty {
        let name: String
        let definition: TermDefinition?
    }

    /// A property of a node, kept until the node's subject is known. (A struct: arrays of tuples
    /// are destroyed through the runtime's slow generic path.)
    struct PendingProperty {
        let iri: String
        let property: ActiveProperty
        let value: JSONValue
    }

    private mutating func emit(_ subject: RDFTerm, _ predicate: String, _ object: RDFTerm, _ graph: RDFTerm?) {
        dataset.append(RDFQuad(subject: subject, predicate: predicate, object: object, graph: graph))
    }

    // MARK: - Node, value and list objects (Expansion steps 7–20)

    private mutating func node(_ entries: [JSONMember], context enclosing: ActiveContext,
                               property: ActiveProperty?, graph: RDFTerm?, isTopLevel: Bool) throws(LinkedDataError) -> RDFTerm? {
        var context = enclosing
        // A type-scoped context does not reach into nested nodes.
        if let previous = context.previous {
            let isValue = entries.contains { context.valueAliases.contains($0.key) }
            let isReference = entries.count == 1 && context.idAliases.contains(entries[0].key)
            if !isValue, !isReference { context = previous }
        }
        if let scoped = property?.definition?.localContext {
            context = try ContextProcessing.apply(scoped, to: context, overrideProtected: true)
        }
        for entry in entries where entry.key == "@context" {
            context = try ContextProcessing.apply(documentContext: entry.value, to: context)
        }
        let typeScoped = context
        var typeEntries: [JSONMember] = []
        for entry in entries where context.typeAliases.contains(entry.key) { typeEntries.append(entry) }
        if !typeEntries.isEmpty {
            typeEntries.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for entry in typeEntries {
                for type in try strings(entry.value, key: entry.key).sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                    if let scoped = typeScoped.table[type]?.localContext {
                        context = try ContextProcessing.apply(scoped, to: context, propagate: false)
                    }
                }
            }
        }

        var seen: Keywords = []
        var subject: RDFTerm?
        var typeNames: [String] = []
        var value: JSONValue?
        var list: JSONValue?
        var graphItems: JSONValue?
        var properties: [PendingProperty] = []
        properties.reserveCapacity(entries.count)
        for member in entries where member.key != "@context" {
            let key = member.key
            let entryValue = member.value
            let definition = context.table[key]
            guard let expanded = definition.map({ $0.iri }) ?? expandKey(key, in: context) else {
                throw LinkedDataError("\"\(key)\" is not a term of the document's contexts (it would be left unsigned)")
            }
            if expanded.utf8.first == UInt8(ascii: "@"), isKeyword(expanded) {
                let keyword = Keywords(expanded)
                guard !keyword.isEmpty else { throw LinkedDataError("\(expanded) is not supported") }
                guard !seen.contains(keyword) else { throw LinkedDataError("colliding keywords: two entries for \(expanded)") }
                seen.insert(keyword)
                switch expanded {
                case "@id":
                    guard case let .string(id) = entryValue else { throw LinkedDataError("\"\(key)\" must be a string") }
                    subject = try nodeTerm(expandValueIRI(id, in: context), written: id)
                case "@type":
                    typeNames = try strings(entryValue, key: key)
                case "@value":
                    value = entryValue
                case "@list":
                    list = entryValue
                case "@graph":
                    graphItems = entryValue
                default:
                    throw LinkedDataError("\(expanded) is not supported")
                }
                continue
            }
            guard hasColon(expanded) else {
                throw LinkedDataError("\"\(key)\" is not a term of the document's contexts (it would be left unsigned)")
            }
            if expanded.hasPrefix("_:") { throw LinkedDataError("\"\(key)\": a blank node cannot be a property") }
            // IRIs the pinned contexts map terms to are known good; the document's own are checked.
            if definition == nil { try checkIRI(expanded, written: key) }
            properties.append(PendingProperty(iri: expanded, property: ActiveProperty(name: key, definition: definition), value: entryValue))
        }

        if let value {
            guard seen.isSubset(of: [.value, .type]), properties.isEmpty else {
                throw LinkedDataError("invalid value object: only @value and @type may be given with @value")
            }
            guard typeNames.count <= 1 else { throw LinkedDataError("invalid typed value: @type of a value must be one IRI") }
            let valueType = typeNames.first.map { expandTypeIRI($0, in: typeScoped) }
            if valueType == "@json" { return .literal(try canonicalJSON(value), datatype: Vocabulary.rdfJSON) }
            guard let valueType else { return try literal(value, datatype: nil) }
            guard let datatype = valueType, !isKeyword(datatype), isAbsoluteIRI(datatype) else {
                throw LinkedDataError("invalid typed value: @type of a value must be an absolute IRI")
            }
            try checkIRI(datatype, written: typeNames[0])
            return try literal(value, datatype: datatype)
        }
        if let list {
            guard seen == .list, properties.isEmpty else {
                throw LinkedDataError("invalid list object: @list must stand alone")
            }
            let items: [JSONValue]
            if case let .array(array) = list { items = array } else { items = [list] }
            return try listHead(items, property: property, context: context, graph: graph)
        }
        if let graphItems, isTopLevel, seen == .graph, properties.isEmpty {
            for item in elements(graphItems) {
                guard case let .object(itemEntries) = item else { continue }
                _ = try node(itemEntries, context: context, property: nil, graph: graph, isTopLevel: false)
            }
            return nil
        }

        let subjectTerm = subject ?? dataset.newBlankNode()
        for type in typeNames {
            emit(subjectTerm, Vocabulary.rdfType, try nodeTerm(expandTypeIRI(type, in: typeScoped), written: type, isType: true), graph)
        }
        for pending in properties {
            try emitProperty(subjectTerm, pending.iri, pending.property, pending.value, context: context, graph: graph)
        }
        if let graphItems {
            for item in elements(graphItems) {
                guard case let .object(itemEntries) = item else { continue }
                _ = try node(itemEntries, context: context, property: nil, graph: subjectTerm, isTopLevel: false)
            }
        }
        return subjectTerm
    }

    private mutating func emitProperty(_ subject: RDFTerm, _ predicate: String, _ property: ActiveProperty, _ value: JSONValue,
                                       context: ActiveContext, graph: RDFTerm?) throws(LinkedDataError) {
        let definition = property.definition
        if definition?.typeKind == .json {
            emit(subject, predicate, .literal(try canonicalJSON(value), datatype: Vocabulary.rdfJSON), graph)
            return
        }
        let container = definition?.container ?? []
        if !container.isDisjoint(with: [.index, .id, .type, .language]) {
            throw LinkedDataError("\"\(property.name)\": @index, @id, @type and @language containers are not supported")
        }
        if container.contains(.list) {
            switch value {
            case let .array(items):
                emit(subject, predicate, try listHead(items, property: property, context: context, graph: graph), graph)
            case .object:
                // Already a list object, or one node to hold in a list of one.
                guard let object = try item(value, property: property, context: context, graph: graph) else { return }
                let isListObject = isListObjectByAlias(value, context: context)
                emit(subject, predicate, isListObject ? object : try listHead(terms: [object], graph: graph), graph)
            default:
                emit(subject, predicate, try listHead([value], property: property, context: context, graph: graph), graph)
            }
            return
        }
        for element in elements(value) {
            if container.contains(.graph) {
                // Each value is a graph of its own, named by a blank node (VC 2.0's `proof`).
                let graphName = dataset.newBlankNode()
                guard case .object = element else {
                    throw LinkedDataError("\"\(property.name)\" holds graphs: its values must be objects")
                }
                guard try item(element, property: property, context: context, graph: graphName) != nil else { continue }
                emit(subject, predicate, graphName, graph)
            } else if let object = try item(element, property: property, context: context, graph: graph) {
                emit(subject, predicate, object, graph)
            }
        }
    }

    private func isListObjectByAlias(_ value: JSONValue, context: ActiveContext) -> Bool {
        guard case let .object(entries) = value else { return false }
        return entries.contains { expandKey($0.key, in: context) == "@list" }
    }

    /// One value of `property`, expanded and turned into the RDF term it denotes (statements about
    /// nested nodes are emitted on the way); nil for null.
    private mutating func item(_ value: JSONValue, property: ActiveProperty, context: ActiveContext,
                               graph: RDFTerm?) throws(LinkedDataError) -> RDFTerm? {
        switch value {
        case .null:
            return nil
        case let .object(entries):
            return try node(entries, context: context, property: property, graph: graph, isTopLevel: false)
        case .array:
            throw LinkedDataError("\"\(property.name)\": lists of lists are not supported")
        case .string, .number, .bool:
            var context = context
            var definition = property.definition
            if let scoped = definition?.localContext {
                context = try ContextProcessing.apply(scoped, to: context, overrideProtected: true)
                definition = context.table[property.name] ?? definition
            }
            // Value Expansion (§5.3.2).
            switch (definition?.typeKind ?? .none, value) {
            case let (.id, .string(text)):
                return try nodeTerm(expandValueIRI(text, in: context), written: text)
            case let (.vocab, .string(text)):
                return try nodeTerm(expandTypeIRI(text, in: context), written: text)
            case (.datatype, _):
                return try literal(value, datatype: definition?.typeMapping)
            case (.id, _), (.vocab, _), (.none, _), (.json, _):
                return try literal(value, datatype: nil)
            }
        }
    }

    private mutating func listHead(_ items: [JSONValue], property: ActiveProperty?, context: ActiveContext,
                                   graph: RDFTerm?) throws(LinkedDataError) -> RDFTerm {
        var terms: [RDFTerm] = []
        let property = property ?? ActiveProperty(name: "@list", definition: nil)
        for element in items {
            if case .array = element { throw LinkedDataError("\"\(property.name)\": lists of lists are not supported") }
            if let term = try item(element, property: property, context: context, graph: graph) { terms.append(term) }
        }
        return try listHead(terms: terms, graph: graph)
    }

    /// An RDF collection (rdf:first/rdf:rest) of `terms`; rdf:nil when empty.
    private mutating func listHead(terms: [RDFTerm], graph: RDFTerm?) throws(LinkedDataError) -> RDFTerm {
        guard !terms.isEmpty else { return .iri(Vocabulary.rdfNil) }
        let cells = terms.map { _ in dataset.newBlankNode() }
        for (index, term) in terms.enumerated() {
            emit(cells[index], Vocabulary.rdfFirst, term, graph)
            emit(cells[index], Vocabulary.rdfRest, index + 1 < cells.count ? cells[index + 1] : .iri(Vocabulary.rdfNil), graph)
        }
        return cells[0]
    }

    // MARK: - IRIs

    /// IRI Expansion of a key: vocab-relative, no document base.
    private func expandKey(_ key: String, in context: ActiveContext) -> String? {
        if isKeyword(key) { return key }
        if isKeywordForm(key) { return nil }
        if let definition = term(key, in: context) { return definition.iri }
        return expandCompactIRI(key, in: context) ?? context.vocab.map { $0 + key }
    }

    /// IRI Expansion of a type (vocab-relative); a string that names nothing comes back as it is,
    /// for `nodeTerm` to refuse.
    private func expandTypeIRI(_ value: String, in context: ActiveContext) -> String? {
        if isKeyword(value) { return value }
        if isKeywordForm(value) { return nil }
        if let definition = term(value, in: context) { return definition.iri }
        return expandCompactIRI(value, in: context) ?? context.vocab.map { $0 + value } ?? value
    }

    /// IRI Expansion of an `@id` value: document-relative, and sitegen has no document base.
    private func expandValueIRI(_ value: String, in context: ActiveContext) -> String? {
        if isKeyword(value) { return value }
        if isKeywordForm(value) { return nil }
        if let iri = term(value, in: context)?.iri, isKeyword(iri) { return iri }
        return expandCompactIRI(value, in: context) ?? value
    }

    /// The term `value` names. IRIs are most values here and no pinned term holds a colon, so a
    /// string with one skips hashing into the term table.
    @inline(__always)
    private func term(_ value: String, in context: ActiveContext) -> TermDefinition? {
        if !context.hasTermsWithColon, hasColon(value) { return nil }
        return context.table[value]
    }

    private func expandCompactIRI(_ value: String, in context: ActiveContext) -> String? {
        let utf8 = value.utf8
        guard let colon = utf8.firstIndex(of: UInt8(ascii: ":")), colon != utf8.startIndex else { return nil }
        let afterColon = utf8.index(after: colon)
        // `_:label`, and `scheme://…`: as they are.
        if utf8.distance(from: utf8.startIndex, to: colon) == 1, utf8.first == UInt8(ascii: "_") { return value }
        if utf8[afterColon...].starts(with: "//".utf8) { return value }
        if context.hasPrefixTerms, let definition = context.terms[String(value[..<colon])], definition.isPrefix,
           let iri = definition.iri {
            return iri + value[afterColon...]
        }
        return isAbsoluteIRI(value) ? value : nil
    }

    /// The node an expanded IRI names: a blank node for `_:label`, else an absolute IRI that
    /// N-Quads can write as it is.
    private mutating func nodeTerm(_ iri: String?, written: String, isType: Bool = false) throws(LinkedDataError) -> RDFTerm {
        guard let iri, !isKeyword(iri) else { throw LinkedDataError("\"\(written)\" is not an IRI") }
        if iri.hasPrefix("_:") {
            if let node = blankNodeLabels[iri] { return .blankNode(node) }
            let node = dataset.newBlankNode()
            if case let .blankNode(number) = node { blankNodeLabels[iri] = number }
            return node
        }
        guard isAbsoluteIRI(iri) else {
            throw LinkedDataError(isType
                ? "type \"\(written)\" is not a term of the document's contexts nor an absolute IRI (it would be left unsigned)"
                : "\"\(written)\" is not an absolute IRI (it would be left unsigned)")
        }
        try checkIRI(iri, written: written)
        return .iri(iri)
    }

    /// N-Quads has no escape for these in an IRI; a verifier's canonical form of one would differ.
    private func checkIRI(_ iri: String, written: String) throws(LinkedDataError) {
        var iri = iri
        let isValid = iri.withUTF8 { bytes in
            var invalid: UInt8 = 0
            for byte in bytes { invalid |= forbiddenInIRI[Int(byte)] }
            return invalid == 0
        }
        if !isValid { throw LinkedDataError("\"\(written)\" holds a character an IRI cannot") }
    }

    private func strings(_ value: JSONValue, key: String) throws(LinkedDataError) -> [String] {
        switch value {
        case let .string(text):
            return [text]
        case let .array(items):
            var texts: [String] = []
            for item in items {
                guard case let .string(text) = item else { throw LinkedDataError("\"\(key)\" must be a string or a list of strings") }
                texts.append(text)
            }
            return texts
        default:
            throw LinkedDataError("\"\(key)\" must be a string or a list of strings")
        }
    }

    /// The values an entry holds: its array's items (nested arrays flattened, as expansion does),
    /// or itself; without an array for the usual case of one value.
    private func elements(_ value: JSONValue) -> JSONElements {
        JSONElements(value)
    }
}

struct JSONElements: Sequence, IteratorProtocol {
    private var single: JSONValue?
    private let items: [JSONValue]
    private var index = 0

    init(_ value: JSONValue) {
        guard case let .array(items) = value else {
            single = value
            items = []
            return
        }
        func isArray(_ value: JSONValue) -> Bool {
            if case .array = value { return true } else { return false }
        }
        func flattened(_ items: [JSONValue]) -> [JSONValue] {
            items.flatMap { item -> [JSONValue] in
                if case let .array(inner) = item { return flattened(inner) } else { return [item] }
            }
        }
        self.items = items.contains(where: isArray) ? flattened(items) : items
    }

    mutating func next() -> JSONValue? {
        if let value = single {
            single = nil
            return value
        }
        guard index < items.count else { return nil }
        index += 1
        return items[index - 1]
    }
}

/// The keywords a node may hold, as bits: which were seen, without a set of strings.
struct Keywords: OptionSet {
    let rawValue: UInt8
    static let id = Keywords(rawValue: 1)
    static let type = Keywords(rawValue: 2)
    static let value = Keywords(rawValue: 4)
    static let list = Keywords(rawValue: 8)
    static let graph = Keywords(rawValue: 16)

    init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// Empty for a keyword a node may not hold here.
    init(_ keyword: String) {
        switch keyword {
        case "@id": self = .id
        case "@type": self = .type
        case "@value": self = .value
        case "@list": self = .list
        case "@graph": self = .graph
        default: self = []
        }
    }

}

/// 1 for each byte N-Quads cannot write in an IRI: controls, space, `<>"{}|^`\\` and DEL.
private let forbiddenInIRI: [UInt8] = (0..<256).map { byte in
    byte <= 0x20 || byte == 0x7F || Array("<>\"{}|^`\\".utf8).contains(UInt8(byte)) ? 1 : 0
}

/// Whether `text` holds a colon: memchr on its bytes (the generic `contains` on a UTF8View steps
/// index by index, and every IRI of a credential passes here).
@inline(__always)
func hasColon(_ text: String) -> Bool {
    var text = text
    return text.withUTF8 { bytes in
        guard let base = bytes.baseAddress else { return false }
        return memchr(base, Int32(UInt8(ascii: ":")), bytes.count) != nil
    }
}
