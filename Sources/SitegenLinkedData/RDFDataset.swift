/// An RDF term. Blank nodes are numbered `0..<RDFDataset.blankNodeCount`; their labels in any
/// input are forgotten, since canonicalisation names them afresh.
public enum RDFTerm: Hashable, Sendable {
    case iri(String)
    case blankNode(Int)
    /// `language` is set only for `rdf:langString` literals.
    case literal(String, datatype: String, language: String? = nil)
}

public struct RDFQuad: Hashable, Sendable {
    public var subject: RDFTerm
    public var predicate: String
    public var object: RDFTerm
    /// nil for the default graph.
    public var graph: RDFTerm?

    public init(subject: RDFTerm, predicate: String, object: RDFTerm, graph: RDFTerm? = nil) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
        self.graph = graph
    }
}

/// An RDF dataset: a set of quads (duplicates are dropped when it is canonicalised).
public struct RDFDataset: Sendable {
    public var quads: [RDFQuad]
    public var blankNodeCount: Int

    public init(quads: [RDFQuad] = [], blankNodeCount: Int = 0) {
        self.quads = quads
        self.blankNodeCount = blankNodeCount
    }

    public mutating func newBlankNode() -> RDFTerm {
        blankNodeCount += 1
        return .blankNode(blankNodeCount - 1)
    }
}

enum Vocabulary {
    static let rdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    static let rdfFirst = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first"
    static let rdfRest = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest"
    static let rdfNil = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil"
    static let rdfJSON = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON"
    static let rdfLangString = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
    static let xsdString = "http://www.w3.org/2001/XMLSchema#string"
    static let xsdBoolean = "http://www.w3.org/2001/XMLSchema#boolean"
    static let xsdInteger = "http://www.w3.org/2001/XMLSchema#integer"
    static let xsdDouble = "http://www.w3.org/2001/XMLSchema#double"
}
