// The terms the JSON-LD emitter writes, and how it writes them into a dataset.

/// An IRI, a blank node or a literal as the emitter writes it: bytes of the document (a range of
/// the tape), bytes made by expansion, or a blank node number.
enum NodeRef {
    case iri(Bytes)
    case blank(Int)
    case literal(Literal)

    static func literal(_ text: Bytes, datatype: [UInt8]?) -> NodeRef {
        .literal(Literal(text: text, datatype: datatype))
    }

    enum Bytes {
        case document(Int32, Int32)
        case made([UInt8])

        func bytes(in text: UnsafeBufferPointer<UInt8>) -> [UInt8] {
            switch self {
            case let .document(start, end): return Array(text[Int(start)..<Int(end)])
            case let .made(bytes): return bytes
            }
        }
    }
}

struct Literal {
    var text: NodeRef.Bytes
    /// nil for xsd:string, which canonical N-Quads leaves unwritten.
    var datatype: [UInt8]?
}

extension RDFDataset {
    mutating func newBlankNodeNumber() -> Int {
        guard case let .blankNode(node) = newBlankNode() else { return 0 }
        return node
    }

    /// Writes one quad of the emitter's terms, `text` being the tape its document ranges are in.
    mutating func appendQuad(_ subject: NodeRef, _ predicate: some Collection<UInt8>, _ object: NodeRef, _ graph: NodeRef?,
                             text: UnsafeBufferPointer<UInt8>) {
        let start = self.text.count
        var nodes = (-1, -1, -1)
        var offsets = (-1, -1, -1)
        (nodes.0, offsets.0) = write(subject, text)
        self.text.append(0x20)
        let predicateStart = self.text.count
        self.text.append(0x3C)
        self.text.append(contentsOf: predicate)
        self.text.append(0x3E)
        let predicateRange = predicateStart..<self.text.count
        self.text.append(0x20)
        (nodes.1, offsets.1) = write(object, text)
        if let graph {
            self.text.append(0x20)
            (nodes.2, offsets.2) = write(graph, text)
        }
        self.text.append(0x20)
        self.text.append(0x2E)
        self.text.append(0x0A)
        quads.append(EncodedQuad(start: start, end: self.text.count, predicate: predicateRange, nodes: nodes, offsets: offsets))
    }

    private mutating func write(_ term: NodeRef, _ text: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        switch term {
        case let .blank(node):
            self.text.append(0x5F)
            self.text.append(0x3A)
            return (node, self.text.count)
        case let .iri(bytes):
            self.text.append(0x3C)
            append(bytes, text)
            self.text.append(0x3E)
        case let .literal(literal):
            self.text.append(0x22)
            switch literal.text {
            case let .document(start, end):
                NQuadsWriter.writeEscaped(UnsafeBufferPointer(rebasing: text[Int(start)..<Int(end)]), into: &self.text)
            case let .made(bytes):
                bytes.withUnsafeBufferPointer { NQuadsWriter.writeEscaped($0, into: &self.text) }
            }
            self.text.append(0x22)
            if let datatype = literal.datatype {
                self.text.append(0x5E)
                self.text.append(0x5E)
                self.text.append(0x3C)
                self.text.append(contentsOf: datatype)
                self.text.append(0x3E)
            }
        }
        return (-1, -1)
    }

    private mutating func append(_ bytes: NodeRef.Bytes, _ text: UnsafeBufferPointer<UInt8>) {
        switch bytes {
        case let .document(start, end): self.text.append(contentsOf: UnsafeBufferPointer(rebasing: text[Int(start)..<Int(end)]))
        case let .made(made): self.text.append(contentsOf: made)
        }
    }
}
