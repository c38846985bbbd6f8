#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// JSON-LD 1.1 Expansion (§5.1) and Deserialize JSON-LD to RDF (§8.1) in one walk over a
/// `JSONTape`: each node object's statements are written as N-Quads as it is expanded, with no
/// expanded document or node map in between (neither changes the dataset: canonicalisation names
/// blank nodes afresh and drops duplicate quads). Keys, IRIs and text stay byte ranges of the tape
/// until they are written; nothing per value is reference counted.
///
/// Safe mode throughout: whatever JSON-LD would silently drop — a key that is not a defined term
/// or an absolute IRI, a type or id that is not an absolute IRI, a value no RDF can carry — is an
/// error, since a dropped statement would be left out of the signature.
struct TapeEmitter {
    private let tokens: UnsafeBufferPointer<JSONTape.Token>
    private let text: UnsafeBufferPointer<UInt8>
    var dataset = RDFDataset()
    private var blankNodeLabels: [[UInt8]: Int] = [:]

    /// What the top-level node leaves out or takes from elsewhere: eddsa-rdfc-2022 signs a
    /// document without its `proof`, and the proof configuration under the document's @context.
    struct TopLevel {
        var skippedKeys: [[UInt8]] = []
        var context: Int?
    }

    /// An emitter over `tokens` and `text`, a tape's, which must outlive it.
    init(tokens: UnsafeBufferPointer<JSONTape.Token>, text: UnsafeBufferPointer<UInt8>) {
        self.tokens = tokens
        self.text = text
    }

    private func members(of index: Int) -> JSONTape.Members {
        JSONTape.members(of: index, in: tokens)
    }

    /// The dataset of the JSON-LD document `json`.
    static func dataset(json: [UInt8]) throws(LinkedDataError) -> RDFDataset {
        let tape = try JSONTape(json)
        return try tape.tokens.withUnsafeBufferPointer { (tokens) throws(LinkedDataError) -> RDFDataset in
            try tape.bytes.withUnsafeBufferPointer { (text) throws(LinkedDataError) -> RDFDataset in
                var emitter = TapeEmitter(tokens: tokens, text: text)
                try emitter.emitDocument(0, topLevel: TopLevel())
                return emitter.dataset
            }
        }
    }

    /// The datasets eddsa-rdfc-2022 hashes for a signed document: without `proof`, and the proof
    /// configuration (the proof without `proofValue`, under the document's @context).
    static func signingDatasets(signedJSON: [UInt8]) throws(LinkedDataError) -> (document: RDFDataset, proofConfiguration: RDFDataset) {
        let tape = try JSONTape(signedJSON)
        return try tape.tokens.withUnsafeBufferPointer { (tokens) throws(LinkedDataError) -> (RDFDataset, RDFDataset) in
            try tape.bytes.withUnsafeBufferPointer { (text) throws(LinkedDataError) -> (RDFDataset, RDFDataset) in
                guard tokens.first?.kind == .object else { throw LinkedDataError("a signed document must be an object") }
                var proof: Int?
                var context: Int?
                for key in JSONTape.members(of: 0, in: tokens) {
                    let name = UnsafeBufferPointer(rebasing: text[Int(tokens[key].start)..<Int(tokens[key].end)])
                    if name.elementsEqual("proof".utf8) { proof = key + 1 }
                    if name.elementsEqual("@context".utf8) { context = key + 1 }
                }
                guard let proof, tokens[proof].kind == .object else { throw LinkedDataError("the document has no proof object") }
                guard let context else { throw LinkedDataError("the document has no @context") }
                var document = TapeEmitter(tokens: tokens, text: text)
                try document.emitDocument(0, topLevel: TopLevel(skippedKeys: [Array("proof".utf8)]))
                var configuration = TapeEmitter(tokens: tokens, text: text)
                try configuration.emitDocument(proof, topLevel: TopLevel(skippedKeys: [Array("proofValue".utf8)], context: context))
                return (document.dataset, configuration.dataset)
            }
        }
    }

    private mutating func emitDocument(_ index: Int, topLevel: TopLevel) throws(LinkedDataError) {
        switch tokens[index].kind {
        case .object:
            _ = try node(index, context: .initial, property: nil, graph: nil, topLevel: topLevel)
        case .array:
            for item in members(of: index) {
                guard tokens[item].kind == .object else { throw LinkedDataError("a top-level array may hold only objects") }
                _ = try node(item, context: .initial, property: nil, graph: nil, topLevel: topLevel)
            }
        default:
            throw LinkedDataError("a JSON-LD document must be an object")
        }
    }

    // MARK: - Tape access

    @inline(__always)
    private func bytes(_ token: Int) -> UnsafeBufferPointer<UInt8> {
        let token = tokens[token]
        return UnsafeBufferPointer(rebasing: text[Int(token.start)..<Int(token.end)])
    }

    private func string(_ token: Int) -> String {
        String(decoding: bytes(token), as: UTF8.self)
    }

    @inline(__always)
    private func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ word: [UInt8]) -> Bool {
        bytes.count == word.count && word.withUnsafeBufferPointer { word in
            word.isEmpty || memcmp(word.baseAddress.unsafelyUnwrapped, bytes.baseAddress.unsafelyUnwrapped, word.count) == 0
        }
    }

    private enum Keyword {
        static let context = Array("@context".utf8)
    }

    @inline(__always)
    private func kind(_ token: Int) -> JSONTape.Kind { tokens[token].kind }

    /// The items of an entry's value: an array's (nested arrays flattened, as expansion does) or
    /// the value itself.
    private func elements(_ token: Int, into list: inout [Int]) {
        guard kind(token) == .array else {
            list.append(token)
            return
        }
        for item in members(of: token) { elements(item, into: &list) }
    }

    private func jsonValue(_ token: Int) -> JSONValue {
        JSONTape.value(at: token, tokens: tokens, bytes: text)
    }

    // MARK: - Node, value and list objects (Expansion steps 7–20)

    struct ActiveProperty {
        /// The key token, to look the term up again once its scoped context applies.
        let key: Int
        let definition: TermDefinition?
    }

    private enum Predicate {
        case term(TermDefinition)
        case document(Int)
        case made([UInt8])
    }

    private struct PendingProperty {
        let predicate: Predicate
        let property: ActiveProperty
        let value: Int
    }

    private func isAlias(_ key: UnsafeBufferPointer<UInt8>, of aliases: [[UInt8]]) -> Bool {
        for alias in aliases where alias.count == key.count && alias.elementsEqual(key) { return true }
        return false
    }

    private mutating func node(_ object: Int, context enclosing: ActiveContext, property: ActiveProperty?,
                               graph: NodeRef?, topLevel: TopLevel?) throws(LinkedDataError) -> NodeRef? {
        var context = enclosing
        let count = Int(tokens[object].start)
        // A type-scoped context does not reach into nested nodes.
        if let previous = context.previous {
            var isValue = false
            for key in members(of: object) where isAlias(bytes(key), of: context.valueAliasBytes) { isValue = true }
            let isReference = count == 1 && isAlias(bytes(object + 1), of: context.idAliasBytes)
            if !isValue, !isReference { context = previous }
        }
        if let scoped = property?.definition?.localContext {
            context = try ContextProcessing.apply(scoped, to: context, overrideProtected: true)
        }
        if let documentContext = topLevel?.context {
            context = try applyDocumentContext(documentContext, to: context)
        } else {
            for key in members(of: object) where equals(bytes(key), Keyword.context) {
                context = try applyDocumentContext(key + 1, to: context)
            }
        }
        let typeScoped = context
        var typeKeys: [Int] = []
        for key in members(of: object) where isAlias(bytes(key), of: context.typeAliasBytes) { typeKeys.append(key) }
        if !typeKeys.isEmpty {
            typeKeys.sort { bytes($0).lexicographicallyPrecedes(bytes($1)) }
            for key in typeKeys {
                var types = try typeTokens(key + 1, key: key)
                types.sort { bytes($0).lexicographicallyPrecedes(bytes($1)) }
                for type in types {
                    if let scoped = typeScoped.table[bytes(type)]?.localContext {
                        context = try ContextProcessing.apply(scoped, to: context, propagate: false)
                    }
                }
            }
        }

        var seen: Keywords = []
        var subject: NodeRef?
        var types: [Int] = []
        var valueToken: Int?
        var listToken: Int?
        var graphToken: Int?
        var properties: [PendingProperty] = []
        properties.reserveCapacity(count)
        members: for key in members(of: object) {
            let name = bytes(key)
            if equals(name, Keyword.context) { continue }
            if let topLevel {
                for skipped in topLevel.skippedKeys where skipped.elementsEqual(name) { continue members }
            }
            let value = key + 1
            let definition = context.table[name]
            var keyword: String?
            var bit: Keywords = []
            var predicate: Predicate?
            if let definition {
                guard definition.iri != nil else { throw undefinedTerm(key) }
                if definition.isKeyword {
                    keyword = definition.iri
                    bit = definition.keywordBit
                } else {
                    predicate = .term(definition)
                }
            } else if name.first == UInt8(ascii: "@") {
                let word = string(key)
                guard isKeyword(word) else { throw undefinedTerm(key) }
                keyword = word
                bit = Keywords(word)
            } else {
                predicate = try expandKey(key, in: context)
            }
            if let keyword {
                guard !bit.isEmpty else { throw LinkedDataError("\(keyword) is not supported") }
                guard !seen.contains(bit) else { throw LinkedDataError("colliding keywords: two entries for \(keyword)") }
                seen.insert(bit)
                switch bit {
                case .id:
                    guard kind(value) == .string else { throw LinkedDataError("\"\(string(key))\" must be a string") }
                    subject = try expandValueIRI(value, in: context)
                case .type:
                    types = try typeTokens(value, key: key)
                case .value:
                    valueToken = value
                case .list:
                    listToken = value
                default:
                    graphToken = value
                }
            } else if let predicate {
                properties.append(PendingProperty(predicate: predicate, property: ActiveProperty(key: key, definition: definition), value: value))
            }
        }

        if let valueToken {
            guard seen.isSubset(of: [.value, .type]), properties.isEmpty else {
                throw LinkedDataError("invalid value object: only @value and @type may be given with @value")
            }
            guard types.count <= 1 else { throw LinkedDataError("invalid typed value: @type of a value must be one IRI") }
            guard let type = types.first else {
                return try literal(valueToken, datatype: nil).map(NodeRef.literal)
            }
            if bytes(type).elementsEqual("@json".utf8) || typeScoped.table[bytes(type)]?.iri == "@json" {
                return .literal(.made(Array(try canonicalJSON(jsonValue(valueToken)).utf8)), datatype: Array(Vocabulary.rdfJSON.utf8))
            }
            guard case let .iri(datatype)? = try? expandTypeIRI(type, in: typeScoped) else {
                throw LinkedDataError("invalid typed value: @type of a value must be an absolute IRI")
            }
            return try literal(valueToken, datatype: datatype.bytes(in: text)).map(NodeRef.literal)
        }
        if let listToken {
            guard seen == .list, properties.isEmpty else { throw LinkedDataError("invalid list object: @list must stand alone") }
            var items: [Int] = []
            if kind(listToken) == .array { items = Array(members(of: listToken)) } else { items = [listToken] }
            return try listHead(items, property: property, context: context, graph: graph)
        }
        if let graphToken, topLevel != nil, seen == .graph, properties.isEmpty {
            var items: [Int] = []
            elements(graphToken, into: &items)
            for item in items where kind(item) == .object {
                _ = try node(item, context: context, property: nil, graph: graph, topLevel: nil)
            }
            return nil
        }

        let subjectNode = subject ?? .blank(dataset.newBlankNodeNumber())
        for type in types {
            dataset.appendQuad(subjectNode, Vocabulary.rdfTypeBytes, try expandTypeIRI(type, in: typeScoped), graph, text: text)
        }
        for pending in properties {
            try emitProperty(subjectNode, pending.predicate, pending.property, pending.value, context: context, graph: graph)
        }
        if let graphToken {
            var items: [Int] = []
            elements(graphToken, into: &items)
            for item in items where kind(item) == .object {
                _ = try node(item, context: context, property: nil, graph: subjectNode, topLevel: nil)
            }
        }
        return subjectNode
    }

    private func typeTokens(_ value: Int, key: Int) throws(LinkedDataError) -> [Int] {
        switch kind(value) {
        case .string:
            return [value]
        case .array:
            var items: [Int] = []
            for item in members(of: value) {
                guard kind(item) == .string else { throw LinkedDataError("\"\(string(key))\" must be a string or a list of strings") }
                items.append(item)
            }
            return items
        default:
            throw LinkedDataError("\"\(string(key))\" must be a string or a list of strings")
        }
    }

    private func applyDocumentContext(_ value: Int, to active: ActiveContext) throws(LinkedDataError) -> ActiveContext {
        switch kind(value) {
        case .array:
            var context = active
            for item in members(of: value) { context = try applyDocumentContext(item, to: context) }
            return context
        case .string:
            return try ContextProcessing.apply(PinnedContext.source(string(value)), to: active)
        case .null:
            return try ContextProcessing.apply(documentContext: .null, to: active)
        default:
            throw LinkedDataError("@context must name pinned contexts by URL; embedded context definitions are not supported")
        }
    }

    private mutating func emitProperty(_ subject: NodeRef, _ predicate: Predicate, _ property: ActiveProperty, _ value: Int,
                                       context: ActiveContext, graph: NodeRef?) throws(LinkedDataError) {
        let definition = property.definition
        if definition?.typeKind == .json {
            let object = NodeRef.literal(.made(Array(try canonicalJSON(jsonValue(value)).utf8)), datatype: Array(Vocabulary.rdfJSON.utf8))
            append(subject, predicate, object, graph)
            return
        }
        let container = definition?.container ?? []
        if !container.isDisjoint(with: [.index, .id, .type, .language]) {
            throw LinkedDataError("\"\(string(property.key))\": @index, @id, @type and @language containers are not supported")
        }
        if container.contains(.list) {
            switch kind(value) {
            case .array:
                append(subject, predicate, try listHead(Array(members(of: value)), property: property, context: context, graph: graph), graph)
            case .object:
                // Already a list object, or one node to hold in a list of one.
                guard let object = try item(value, property: property, context: context, graph: graph) else { return }
                var isListObject = false
                for key in members(of: value) {
                    let name = bytes(key)
                    if name.elementsEqual("@list".utf8) || context.table[name]?.iri == "@list" { isListObject = true }
                }
                append(subject, predicate, isListObject ? object : listHead(nodes: [object], graph: graph), graph)
            default:
                append(subject, predicate, try listHead([value], property: property, context: context, graph: graph), graph)
            }
            return
        }
        // One value, the usual case, needs no list of elements.
        if kind(value) != .array {
            try emitElement(value, subject, predicate, property, container, context: context, graph: graph)
            return
        }
        var items: [Int] = []
        elements(value, into: &items)
        for element in items {
            try emitElement(element, subject, predicate, property, container, context: context, graph: graph)
        }
    }

    private mutating func emitElement(_ element: Int, _ subject: NodeRef, _ predicate: Predicate, _ property: ActiveProperty,
                                      _ container: TermDefinition.Container, context: ActiveContext, graph: NodeRef?) throws(LinkedDataError) {
        if container.contains(.graph) {
            // Each value is a graph of its own, named by a blank node (VC 2.0's `proof`).
            guard kind(element) == .object else {
                throw LinkedDataError("\"\(string(property.key))\" holds graphs: its values must be objects")
            }
            let graphName = NodeRef.blank(dataset.newBlankNodeNumber())
            guard try item(element, property: property, context: context, graph: graphName) != nil else { return }
            append(subject, predicate, graphName, graph)
        } else if let object = try item(element, property: property, context: context, graph: graph) {
            append(subject, predicate, object, graph)
        }
    }

    private mutating func append(_ subject: NodeRef, _ predicate: Predicate, _ object: NodeRef, _ graph: NodeRef?) {
        switch predicate {
        case let .term(definition):
            dataset.appendQuad(subject, definition.iriBytes, object, graph, text: text)
        case let .document(token):
            let iri = bytes(token)
            dataset.appendQuad(subject, iri, object, graph, text: text)
        case let .made(iri):
            dataset.appendQuad(subject, iri, object, graph, text: text)
        }
    }

    /// One value of `property`, expanded and turned into the RDF term it denotes (statements about
    /// nested nodes are written on the way); nil for null.
    private mutating func item(_ value: Int, property: ActiveProperty, context: ActiveContext,
                               graph: NodeRef?) throws(LinkedDataError) -> NodeRef? {
        switch kind(value) {
        case .null:
            return nil
        case .object:
            return try node(value, context: context, property: property, graph: graph, topLevel: nil)
        case .array:
            throw LinkedDataError("\"\(string(property.key))\": lists of lists are not supported")
        case .string, .number, .bool:
            var context = context
            var definition = property.definition
            if let scoped = definition?.localContext {
                context = try ContextProcessing.apply(scoped, to: context, overrideProtected: true)
                definition = context.table[bytes(property.key)] ?? definition
            }
            // Value Expansion (§5.3.2).
            switch (definition?.typeKind ?? .none, kind(value)) {
            case (.id, .string):
                return try expandValueIRI(value, in: context)
            case (.vocab, .string):
                return try expandTypeIRI(value, in: context)
            case (.datatype, _):
                return try literal(value, datatype: definition?.datatypeBytes).map(NodeRef.literal)
            case (.id, _), (.vocab, _), (.none, _), (.json, _):
                return try literal(value, datatype: nil).map(NodeRef.literal)
            }
        }
    }

    private mutating func listHead(_ items: [Int], property: ActiveProperty?, context: ActiveContext,
                                   graph: NodeRef?) throws(LinkedDataError) -> NodeRef {
        var nodes: [NodeRef] = []
        let property = property ?? ActiveProperty(key: -1, definition: nil)
        for element in items {
            if kind(element) == .array { throw LinkedDataError("lists of lists are not supported") }
            if let node = try item(element, property: property, context: context, graph: graph) { nodes.append(node) }
        }
        return listHead(nodes: nodes, graph: graph)
    }

    /// An RDF collection (rdf:first/rdf:rest) of `nodes`; rdf:nil when empty.
    private mutating func listHead(nodes: [NodeRef], graph: NodeRef?) -> NodeRef {
        guard !nodes.isEmpty else { return .iri(.made(Vocabulary.rdfNilBytes)) }
        let first = dataset.blankNodeCount
        for _ in nodes { _ = dataset.newBlankNodeNumber() }
        for (index, node) in nodes.enumerated() {
            dataset.appendQuad(.blank(first + index), Vocabulary.rdfFirstBytes, node, graph, text: text)
            dataset.appendQuad(.blank(first + index), Vocabulary.rdfRestBytes,
                               index + 1 < nodes.count ? .blank(first + index + 1) : .iri(.made(Vocabulary.rdfNilBytes)), graph, text: text)
        }
        return .blank(first)
    }

    // MARK: - Literals

    private func literal(_ value: Int, datatype: [UInt8]?) throws(LinkedDataError) -> Literal? {
        let given = datatype
        var datatype = datatype
        if let type = datatype, type.elementsEqual(Vocabulary.xsdStringBytes) { datatype = nil }
        switch kind(value) {
        case .null:
            return nil
        case .string:
            if let type = datatype, type.elementsEqual(Vocabulary.xsdDouble.utf8) {
                throw LinkedDataError("a string typed xsd:double is not supported")
            }
            try checkLiteralText(bytes(value))
            let token = tokens[value]
            return Literal(text: .document(token.start, token.end), datatype: datatype)
        case .bool, .number:
            let json: JSONValue = kind(value) == .bool ? .bool(tokens[value].flag) : .number(string(value))
            guard case let .literal(lexical, type, _) = try SitegenLinkedData.literal(json, datatype: given.map { String(decoding: $0, as: UTF8.self) }) else {
                return nil
            }
            return Literal(text: .made(Array(lexical.utf8)), datatype: type == Vocabulary.xsdString ? nil : Array(type.utf8))
        case .array, .object:
            throw LinkedDataError("invalid value: @value must be a string, number or boolean")
        }
    }

    // MARK: - IRIs

    private func undefinedTerm(_ key: Int) -> LinkedDataError {
        LinkedDataError("\"\(string(key))\" is not a term of the document's contexts (it would be left unsigned)")
    }

    /// A key that is no term: an absolute IRI or compact IRI as it is, else vocab-relative.
    private func expandKey(_ key: Int, in context: ActiveContext) throws(LinkedDataError) -> Predicate {
        let name = bytes(key)
        if let colon = name.firstIndex(of: UInt8(ascii: ":")), colon > 0 {
            if colon == 1, name[0] == UInt8(ascii: "_") { throw LinkedDataError("\"\(string(key))\": a blank node cannot be a property") }
            if let made = prefixed(name, colon: colon, in: context) { return .made(made) }
            guard isAbsoluteIRI(name) else { throw undefinedTerm(key) }
            try checkIRI(name, written: key)
            return .document(key)
        }
        if let vocab = context.vocabBytes { return .made(vocab + Array(name)) }
        throw undefinedTerm(key)
    }

    /// A compact IRI whose prefix is a prefix term, expanded.
    private func prefixed(_ value: UnsafeBufferPointer<UInt8>, colon: Int, in context: ActiveContext) -> [UInt8]? {
        guard context.hasPrefixTerms, !value[(colon + 1)...].starts(with: "//".utf8) else { return nil }
        guard let definition = context.table[UnsafeBufferPointer(rebasing: value[..<colon])], definition.isPrefix,
              definition.iri != nil else { return nil }
        return definition.iriBytes + value[(colon + 1)...]
    }

    /// IRI Expansion of an `@id` value: document-relative, and sitegen has no document base, so
    /// it must be absolute (or a blank node identifier).
    private mutating func expandValueIRI(_ value: Int, in context: ActiveContext) throws(LinkedDataError) -> NodeRef {
        let name = bytes(value)
        if let colon = name.firstIndex(of: UInt8(ascii: ":")), colon > 0 {
            if colon == 1, name[0] == UInt8(ascii: "_") { return .blank(blankNode(name)) }
            if let made = prefixed(name, colon: colon, in: context) { return .iri(.made(made)) }
            if isAbsoluteIRI(name) {
                try checkIRI(name, written: value)
                let token = tokens[value]
                return .iri(.document(token.start, token.end))
            }
        }
        throw LinkedDataError("\"\(string(value))\" is not an absolute IRI (it would be left unsigned)")
    }

    /// IRI Expansion of a type, or of a value typed @vocab: a term, an absolute or compact IRI,
    /// else vocab-relative.
    private mutating func expandTypeIRI(_ value: Int, in context: ActiveContext) throws(LinkedDataError) -> NodeRef {
        let name = bytes(value)
        let colon = name.firstIndex(of: UInt8(ascii: ":"))
        if colon == nil || context.hasTermsWithColon, let definition = context.table[name] {
            guard let iri = definition.iri, iri.utf8.first != UInt8(ascii: "@") else { throw undefinedType(value) }
            return .iri(.made(definition.iriBytes))
        }
        if let colon, colon > 0 {
            if colon == 1, name[0] == UInt8(ascii: "_") { return .blank(blankNode(name)) }
            if let made = prefixed(name, colon: colon, in: context) { return .iri(.made(made)) }
            if isAbsoluteIRI(name) {
                try checkIRI(name, written: value)
                let token = tokens[value]
                return .iri(.document(token.start, token.end))
            }
        }
        if let vocab = context.vocabBytes, name.first != UInt8(ascii: "@") { return .iri(.made(vocab + Array(name))) }
        throw undefinedType(value)
    }

    private func undefinedType(_ value: Int) -> LinkedDataError {
        LinkedDataError("type \"\(string(value))\" is not a term of the document's contexts nor an absolute IRI (it would be left unsigned)")
    }

    private mutating func blankNode(_ label: UnsafeBufferPointer<UInt8>) -> Int {
        let key = Array(label)
        if let node = blankNodeLabels[key] { return node }
        let node = dataset.newBlankNodeNumber()
        blankNodeLabels[key] = node
        return node
    }

    /// N-Quads has no escape for these in an IRI; a verifier's canonical form of one would differ.
    private func checkIRI(_ iri: UnsafeBufferPointer<UInt8>, written: Int) throws(LinkedDataError) {
        var invalid: UInt8 = 0
        for byte in iri { invalid |= forbiddenInIRIBytes[Int(byte)] }
        if invalid != 0 { throw LinkedDataError("\"\(string(written))\" holds a character an IRI cannot") }
    }
}
