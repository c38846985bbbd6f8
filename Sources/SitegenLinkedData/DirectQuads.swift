/// A quad's subject or object node, for documents whose RDF their writer knows without JSON-LD
/// processing (sitegen's own credentials): an IRI, or a blank node from `addBlankNode`.
public enum QuadNode {
    case iri(String)
    case blank(Int)
}

/// Writing an `RDFDataset` straight from a model, for a document of a fixed shape under the
/// pinned contexts: the quads JSON-LD expansion and toRdf would give for it, without the JSON,
/// the tape, the term lookups and the value objects. What it bought: JSON-LD processing was a
/// quarter of a credential's CPU and writing the quads costs a third of that; `sitegen-bench
/// render`'s credentials line went from 92 to 77 µs (best of 5 rounds, busy machine). A writer using it must be proved against `LinkedDataDocument.dataset(json:)`
/// on the same documents, and must send a value `isVerbatimIRI` or `isVerbatimLiteral` refuses
/// down the general path instead, which gives the same quads or the same error.
extension RDFDataset {
    /// A new blank node's number, for `QuadNode.blank`.
    public mutating func addBlankNode() -> Int {
        newBlankNodeNumber()
    }

    /// `subject predicate object .`, the predicate an absolute IRI.
    public mutating func appendLink(_ subject: QuadNode, _ predicate: StaticString, _ object: QuadNode) {
        let start = text.count
        let (subjectNode, subjectOffset) = writeNode(subject)
        let predicateRange = writePredicate(predicate)
        let (objectNode, objectOffset) = writeNode(object)
        finishQuad(start: start, predicate: predicateRange, nodes: (subjectNode, objectNode, -1), offsets: (subjectOffset, objectOffset, -1))
    }

    /// `subject rdf:type <type> .`
    public mutating func appendType(_ subject: QuadNode, _ type: StaticString) {
        let start = text.count
        let (subjectNode, subjectOffset) = writeNode(subject)
        text.append(0x20)
        let predicateStart = text.count
        text.append(0x3C)
        text.append(contentsOf: Vocabulary.rdfTypeBytes)
        text.append(0x3E)
        let predicateRange = predicateStart..<text.count
        text.append(0x20)
        text.append(0x3C)
        appendStatic(type)
        text.append(0x3E)
        finishQuad(start: start, predicate: predicateRange, nodes: (subjectNode, -1, -1), offsets: (subjectOffset, -1, -1))
    }

    /// `subject predicate "value"^^<datatype> .`; no datatype: xsd:string, left unwritten.
    public mutating func appendLiteral(_ subject: QuadNode, _ predicate: StaticString, _ value: String, datatype: StaticString? = nil) {
        let start = text.count
        let (subjectNode, subjectOffset) = writeNode(subject)
        let predicateRange = writePredicate(predicate)
        text.append(0x22)
        NQuadsWriter.writeEscaped(value, into: &text)
        text.append(0x22)
        if let datatype {
            text.append(0x5E)
            text.append(0x5E)
            text.append(0x3C)
            appendStatic(datatype)
            text.append(0x3E)
        }
        finishQuad(start: start, predicate: predicateRange, nodes: (subjectNode, -1, -1), offsets: (subjectOffset, -1, -1))
    }

    /// Whether JSON-LD keeps `value`, written as an `@id`, as this IRI, and canonical N-Quads
    /// writes it as it is: absolute, with `//` after the scheme or the `did` scheme (so no
    /// prefix term of the pinned contexts expands it), and no byte an IRI cannot hold.
    public static func isVerbatimIRI(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { bytes in
            guard isAbsoluteIRI(bytes), let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return false }
            let rest = bytes[(colon + 1)...]
            let hierarchical = rest.starts(with: "//".utf8)
            let did = colon == 3 && bytes[0] == UInt8(ascii: "d") && bytes[1] == UInt8(ascii: "i") && bytes[2] == UInt8(ascii: "d")
            guard hierarchical || did else { return false }
            var invalid: UInt8 = 0
            for byte in bytes { invalid |= forbiddenInIRIBytes[Int(byte)] }
            return invalid == 0
        }
    }

    /// Whether JSON-LD's toRdf takes `value` as a literal's text: no control character it
    /// refuses (see `checkLiteralText`).
    public static func isVerbatimLiteral(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { bytes in
            // Nearly always nothing to escape, and then no control character either.
            guard needsEscape(bytes) else { return true }
            for byte in bytes where (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F { return false }
            return true
        }
    }

    private mutating func appendStatic(_ bytes: StaticString) {
        text.append(contentsOf: UnsafeBufferPointer(start: bytes.utf8Start, count: bytes.utf8CodeUnitCount))
    }

    private mutating func writeNode(_ node: QuadNode) -> (Int, Int) {
        switch node {
        case let .iri(iri):
            text.append(0x3C)
            appendUTF8(iri, to: &text)
            text.append(0x3E)
            return (-1, -1)
        case let .blank(node):
            precondition(node >= 0 && node < blankNodeCount, "blank nodes come from addBlankNode")
            text.append(0x5F)
            text.append(0x3A)
            return (node, text.count)
        }
    }

    private mutating func writePredicate(_ predicate: StaticString) -> Range<Int> {
        text.append(0x20)
        let start = text.count
        text.append(0x3C)
        appendStatic(predicate)
        text.append(0x3E)
        let range = start..<text.count
        text.append(0x20)
        return range
    }

    private mutating func finishQuad(start: Int, predicate: Range<Int>, nodes: (Int, Int, Int), offsets: (Int, Int, Int)) {
        text.append(0x20)
        text.append(0x2E)
        text.append(0x0A)
        quads.append(EncodedQuad(start: start, end: text.count, predicate: predicate, nodes: nodes, offsets: offsets))
    }
}
