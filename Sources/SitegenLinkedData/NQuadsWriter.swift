/// Canonical N-Quads (RDFC-1.0 §4.3, after RDF 1.2 N-Quads): IRIs as they are; in literals only
/// `"` `\` and the control characters are escaped — `\t \b \n \r \f` as ECHAR, the other C0
/// controls and U+007F as `\u00XX` with upper-case digits — and nothing else, so one string has
/// one spelling.
enum NQuadsWriter {
    /// Writes `quad` and its line feed, naming blank node `n` by `label(n)`.
    static func write(_ quad: RDFQuad, into out: inout [UInt8], label: (Int, inout [UInt8]) -> Void) {
        write(quad.subject, into: &out, label: label)
        out.append(0x20)
        writeIRI(quad.predicate, into: &out)
        out.append(0x20)
        write(quad.object, into: &out, label: label)
        if let graph = quad.graph {
            out.append(0x20)
            write(graph, into: &out, label: label)
        }
        out.append(contentsOf: [0x20, 0x2E, 0x0A])
    }

    static func write(_ term: RDFTerm, into out: inout [UInt8], label: (Int, inout [UInt8]) -> Void) {
        switch term {
        case let .iri(iri):
            writeIRI(iri, into: &out)
        case let .blankNode(node):
            out.append(contentsOf: [0x5F, 0x3A])
            label(node, &out)
        case let .literal(value, datatype, language):
            out.append(0x22)
            writeEscaped(value, into: &out)
            out.append(0x22)
            if let language {
                out.append(0x40)
                appendUTF8(language, to: &out)
            } else if datatype != Vocabulary.xsdString {
                out.append(contentsOf: [0x5E, 0x5E])
                writeIRI(datatype, into: &out)
            }
        }
    }

    static func writeIRI(_ iri: String, into out: inout [UInt8]) {
        out.append(0x3C)
        appendUTF8(iri, to: &out)
        out.append(0x3E)
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    static func writeEscaped(_ text: String, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            // Most text needs no escape: one copy.
            writeEscaped(bytes, into: &out)
        }
    }

    static func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        // Most text needs no escape: one copy.
        if !needsEscape(bytes) {
            out.append(contentsOf: bytes)
            return
        }
        for byte in bytes {
            switch byte {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x00...0x1F, 0x7F:
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 15)]])
            default:
                out.append(byte)
            }
        }
    }
}

/// Whether any byte of `bytes` is one a literal escapes: a C0 control, `"`, `\\` or DEL.
///
/// Eight bytes at a time (SWAR): a byte-at-a-time closure was about 4% of a credential's CPU,
/// every literal being scanned. Exact, not a hint: `(x - n) & ~x & 0x80` per byte flags
/// exactly the bytes below n when n ≤ 0x80; equality is "below 1" after an XOR; bytes of 0x80
/// and above (UTF-8 sequences) never flag.
func needsEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    @inline(__always) func flagged(_ word: UInt64) -> Bool {
        func below(_ x: UInt64, _ n: UInt64) -> UInt64 { (x &- ones &* n) & ~x }
        let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C), delete = word ^ (ones &* 0x7F)
        return (below(word, 0x20) | below(quote, 1) | below(backslash, 1) | below(delete, 1)) & highs != 0
    }
    guard let base = bytes.baseAddress else { return false }
    var index = 0
    while index &+ 8 <= bytes.count {
        if flagged(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) { return true }
        index &+= 8
    }
    while index < bytes.count {
        let byte = bytes[index]
        if byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F { return true }
        index &+= 1
    }
    return false
}

/// `text`'s bytes in one copy (appending a UTF8View goes through the generic sequence path).
@inline(__always)
func appendUTF8(_ text: String, to out: inout [UInt8]) {
    var text = text
    text.withUTF8 { out.append(contentsOf: $0) }
}
