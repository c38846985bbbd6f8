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

/// An RDF dataset: a set of quads (duplicates are dropped when it is canonicalised). Each quad is
/// written as an N-Quads line the moment it is added, its blank node labels left out: every line
/// canonicalisation needs is then copies of these bytes and labels, and no quad is kept as terms.
public struct RDFDataset: Sendable {
    var text: [UInt8] = []
    var quads: [EncodedQuad] = []
    public private(set) var blankNodeCount: Int

    public init(blankNodeCount: Int = 0) {
        self.blankNodeCount = blankNodeCount
        text.reserveCapacity(4096)
    }

    public var count: Int { quads.count }

    public mutating func newBlankNode() -> RDFTerm {
        blankNodeCount += 1
        return .blankNode(blankNodeCount - 1)
    }

    /// Adds `quad`; its blank nodes must come from `newBlankNode`.
    public mutating func append(_ quad: RDFQuad) {
        let start = text.count
        var nodes = (-1, -1, -1)
        var offsets = (-1, -1, -1)
        (nodes.0, offsets.0) = write(quad.subject)
        text.append(0x20)
        let predicateStart = text.count
        NQuadsWriter.writeIRI(quad.predicate, into: &text)
        let predicate = predicateStart..<text.count
        text.append(0x20)
        (nodes.1, offsets.1) = write(quad.object)
        if let graph = quad.graph {
            text.append(0x20)
            (nodes.2, offsets.2) = write(graph)
        }
        text.append(0x20)
        text.append(0x2E)
        text.append(0x0A)
        quads.append(EncodedQuad(start: start, end: text.count, predicate: predicate, nodes: nodes, offsets: offsets))
    }

    /// Adds every quad of `other`, its blank nodes numbered after this dataset's: a part that
    /// many datasets share (a badge's quads in each of its awards' credentials) written once.
    public mutating func append(contentsOf other: RDFDataset) {
        let shift = text.count, nodeShift = blankNodeCount
        text += other.text
        blankNodeCount += other.blankNodeCount
        func moved(_ node: Int, _ offset: Int) -> (Int, Int) { node < 0 ? (node, offset) : (node + nodeShift, offset + shift) }
        quads.reserveCapacity(quads.count + other.quads.count)
        for var quad in other.quads {
            quad.start += shift
            quad.end += shift
            quad.predicate = (quad.predicate.lowerBound + shift)..<(quad.predicate.upperBound + shift)
            (quad.nodes.0, quad.offsets.0) = moved(quad.nodes.0, quad.offsets.0)
            (quad.nodes.1, quad.offsets.1) = moved(quad.nodes.1, quad.offsets.1)
            (quad.nodes.2, quad.offsets.2) = moved(quad.nodes.2, quad.offsets.2)
            quads.append(quad)
        }
    }

    /// Writes `term`; for a blank node, its `_:` and where its label goes.
    private mutating func write(_ term: RDFTerm) -> (Int, Int) {
        if case let .blankNode(node) = term {
            precondition(node >= 0 && node < blankNodeCount, "blank nodes come from newBlankNode")
            text.append(0x5F)
            text.append(0x3A)
            return (node, text.count)
        }
        NQuadsWriter.write(term, into: &text) { _, _ in }
        return (-1, -1)
    }
}

/// A quad as written in `RDFDataset.text`.
struct EncodedQuad: Sendable {
    var start: Int
    var end: Int
    /// Where the predicate's `<…>` is, for Hash Related Blank Node.
    var predicate: Range<Int>
    /// The blank nodes of subject, object and graph name (-1 for none) and the offset where each
    /// one's label goes (just after its `_:`).
    var nodes: (Int, Int, Int)
    var offsets: (Int, Int, Int)

    var hasBlankNode: Bool { nodes.0 >= 0 || nodes.1 >= 0 || nodes.2 >= 0 }
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
    static let rdfTypeBytes = Array(rdfType.utf8)
    static let rdfFirstBytes = Array(rdfFirst.utf8)
    static let rdfRestBytes = Array(rdfRest.utf8)
    static let rdfNilBytes = Array(rdfNil.utf8)
    static let xsdStringBytes = Array(xsdString.utf8)
}
