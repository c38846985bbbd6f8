/// N-Quads (RDF 1.1) read into an `RDFDataset`: the form of the W3C canonicalisation tests, and a
/// way to canonicalise a dataset that did not come from JSON-LD.
public enum NQuadsReader {
    public static func parse(_ bytes: [UInt8]) throws(LinkedDataError) -> RDFDataset {
        var reader = Reader(bytes: bytes)
        return try reader.document()
    }

    private struct Reader {
        let bytes: [UInt8]
        var offset = 0
        var line = 1
        var dataset = RDFDataset()
        var labels: [String: Int] = [:]

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        func error(_ message: String) -> LinkedDataError {
            LinkedDataError("N-Quads line \(line): \(message)")
        }

        var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

        mutating func skipSpace() {
            while let byte = current, byte == 0x20 || byte == 0x09 { offset += 1 }
        }

        mutating func document() throws(LinkedDataError) -> RDFDataset {
            while offset < bytes.count {
                skipSpace()
                if let byte = current, byte != 0x0A, byte != 0x0D, byte != UInt8(ascii: "#") {
                    try statement()
                    skipSpace()
                }
                if current == UInt8(ascii: "#") {
                    while let byte = current, byte != 0x0A, byte != 0x0D { offset += 1 }
                }
                guard let byte = current else { break }
                guard byte == 0x0A || byte == 0x0D else { throw error("expected the end of the line") }
                offset += 1
                if byte == 0x0A { line += 1 }
            }
            return dataset
        }

        mutating func statement() throws(LinkedDataError) {
            let subject = try term()
            if case .literal = subject { throw error("a literal cannot be a subject") }
            skipSpace()
            guard case let .iri(predicate) = try term() else { throw error("a predicate must be an IRI") }
            skipSpace()
            let object = try term()
            skipSpace()
            var graph: RDFTerm?
            if current != UInt8(ascii: ".") {
                graph = try term()
                if case .literal = graph { throw error("a literal cannot name a graph") }
                skipSpace()
            }
            guard current == UInt8(ascii: ".") else { throw error("expected '.'") }
            offset += 1
            dataset.append(RDFQuad(subject: subject, predicate: predicate, object: object, graph: graph))
        }

        mutating func term() throws(LinkedDataError) -> RDFTerm {
            switch current {
            case UInt8(ascii: "<"):
                return .iri(try iri())
            case UInt8(ascii: "_"):
                offset += 1
                guard current == UInt8(ascii: ":") else { throw error("expected ':' in a blank node label") }
                offset += 1
                let start = offset
                while let byte = current, byte != 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D {
                    if byte == UInt8(ascii: "."), offset + 1 < bytes.count,
                       [0x20, 0x09, 0x0A, 0x0D].contains(bytes[offset + 1]) { break }
                    offset += 1
                }
                guard offset > start else { throw error("empty blank node label") }
                let label = String(decoding: bytes[start..<offset], as: UTF8.self)
                if let node = labels[label] { return .blankNode(node) }
                let node = dataset.newBlankNode()
                if case let .blankNode(n) = node { labels[label] = n }
                return node
            case UInt8(ascii: "\""):
                offset += 1
                let value = try unescaped(until: UInt8(ascii: "\""))
                if current == UInt8(ascii: "^") {
                    offset += 1
                    guard current == UInt8(ascii: "^") else { throw error("expected '^^'") }
                    offset += 1
                    return .literal(value, datatype: try iri())
                }
                if current == UInt8(ascii: "@") {
                    offset += 1
                    let start = offset
                    while let byte = current, byte == UInt8(ascii: "-") || (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) {
                        offset += 1
                    }
                    guard offset > start else { throw error("empty language tag") }
                    return .literal(value, datatype: Vocabulary.rdfLangString,
                                    language: String(decoding: bytes[start..<offset], as: UTF8.self))
                }
                return .literal(value, datatype: Vocabulary.xsdString)
            default:
                throw error("expected an IRI, a blank node or a literal")
            }
        }

        mutating func iri() throws(LinkedDataError) -> String {
            guard current == UInt8(ascii: "<") else { throw error("expected '<'") }
            offset += 1
            return try unescaped(until: UInt8(ascii: ">"))
        }

        /// Text up to the unescaped `terminator`, with ECHAR and UCHAR escapes resolved.
        mutating func unescaped(until terminator: UInt8) throws(LinkedDataError) -> String {
            var text: [UInt8] = []
            while true {
                guard let byte = current, byte != 0x0A, byte != 0x0D else { throw error("unterminated term") }
                offset += 1
                if byte == terminator { break }
                guard byte == 0x5C else {
                    text.append(byte)
                    continue
                }
                guard let escape = current else { throw error("unterminated escape") }
                offset += 1
                switch escape {
                case UInt8(ascii: "t"): text.append(0x09)
                case UInt8(ascii: "b"): text.append(0x08)
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "r"): text.append(0x0D)
                case UInt8(ascii: "f"): text.append(0x0C)
                case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"): text.append(escape)
                case UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let count = escape == UInt8(ascii: "u") ? 4 : 8
                    guard offset + count <= bytes.count,
                          let value = UInt32(String(decoding: bytes[offset..<offset + count], as: UTF8.self), radix: 16),
                          let scalar = Unicode.Scalar(value) else { throw error("invalid \\u escape") }
                    offset += count
                    text.append(contentsOf: UTF8.encode(scalar).unsafelyUnwrapped)
                default:
                    throw error("invalid escape")
                }
            }
            let string = String(decoding: text, as: UTF8.self)
            guard string.utf8.elementsEqual(text) else { throw error("invalid UTF-8") }
            return string
        }
    }
}
