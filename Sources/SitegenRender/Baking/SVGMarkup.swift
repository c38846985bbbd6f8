/// The parts of an SVG document that baking touches, found by one forward scan of its bytes:
/// the prolog, the root `<svg …>` start tag and the root's `openbadges:assertion` children.
///
/// Not an XML parser: it only needs to step over comments, CDATA sections, processing
/// instructions and quoted attribute values so that markup-like text inside them is not taken
/// for tags. The rest of the document is left for the browser to judge.
struct SVGMarkup {
    enum PrologItem: Equatable {
        case declaration
        case processingInstruction
        case comment
        case doctype(declaresEntities: Bool)
        case whitespace
    }

    struct Element {
        /// The whole element, start tag through end tag.
        var range: Range<Int>
        /// Between the start tag and the end tag.
        var content: Range<Int>
    }

    let bytes: [UInt8]
    /// 3 when the file starts with a UTF-8 byte order mark, else 0.
    private(set) var byteOrderMarkCount = 0
    private(set) var prolog: [(item: PrologItem, range: Range<Int>)] = []
    /// The `<` of the root start tag.
    private(set) var rootStart = 0
    /// Just past the root tag's last attribute: where one more attribute can go.
    private(set) var rootAttributesEnd = 0
    /// The `>` that ends the root start tag.
    private(set) var rootTagEnd = 0
    private(set) var rootIsSelfClosing = false
    private(set) var declaresOpenBadgesNamespace = false
    /// `openbadges:assertion` elements directly inside the root, in document order.
    private(set) var assertions: [Element] = []
    /// `openbadges:credential` elements (Open Badges 3.0) directly inside the root, in order.
    private(set) var credentials: [Element] = []

    init(_ svg: [UInt8]) throws(BakingError) {
        bytes = svg
        try scanProlog()
        try scanRootStartTag()
        if !rootIsSelfClosing { scanRootContent() }
    }

    // MARK: Prolog

    private mutating func scanProlog() throws(BakingError) {
        var i = hasPrefix([0xEF, 0xBB, 0xBF], at: 0) ? 3 : 0
        byteOrderMarkCount = i
        while i < bytes.count {
            let start = i
            if isSpace(bytes[i]) {
                while i < bytes.count && isSpace(bytes[i]) { i += 1 }
                prolog.append((.whitespace, start..<i))
            } else if start == byteOrderMarkCount && hasPrefix(XMLSyntax.declarationOpen, at: i)
                && i + 5 < bytes.count && isSpace(bytes[i + 5]) {
                guard let end = firstIndex(of: XMLSyntax.processingInstructionClose, from: i + 5) else {
                    throw BakingError("unterminated XML declaration in SVG")
                }
                i = end + 2
                prolog.append((.declaration, start..<i))
            } else if hasPrefix(XMLSyntax.processingInstructionOpen, at: i) {
                guard let end = firstIndex(of: XMLSyntax.processingInstructionClose, from: i + 2) else {
                    throw BakingError("unterminated processing instruction at offset \(start) of SVG")
                }
                i = end + 2
                prolog.append((.processingInstruction, start..<i))
            } else if hasPrefix(XMLSyntax.commentOpen, at: i) {
                guard let end = firstIndex(of: XMLSyntax.commentClose, from: i + 4) else {
                    throw BakingError("unterminated comment at offset \(start) of SVG")
                }
                i = end + 3
                prolog.append((.comment, start..<i))
            } else if hasPrefix(XMLSyntax.doctypeOpen, at: i) {
                let (end, declaresEntities) = try scanDoctype(from: start)
                i = end
                prolog.append((.doctype(declaresEntities: declaresEntities), start..<i))
            } else if hasPrefix(XMLSyntax.svgOpen, at: i) && i + 4 < bytes.count
                && (isSpace(bytes[i + 4]) || bytes[i + 4] == UInt8(ascii: ">") || bytes[i + 4] == UInt8(ascii: "/")) {
                rootStart = i
                return
            } else {
                break
            }
        }
        throw BakingError("no <svg> root element")
    }

    /// Returns the offset just past the DOCTYPE and whether its internal subset declares
    /// entities (which the document may use, so it cannot be dropped).
    private func scanDoctype(from start: Int) throws(BakingError) -> (end: Int, declaresEntities: Bool) {
        var i = start + XMLSyntax.doctypeOpen.count
        var inSubset = false
        var declaresEntities = false
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                guard let close = bytes[(i + 1)...].firstIndex(of: byte) else { break }
                i = close + 1
            } else if inSubset && hasPrefix(XMLSyntax.commentOpen, at: i) {
                guard let end = firstIndex(of: XMLSyntax.commentClose, from: i + 4) else { break }
                i = end + 3
            } else if inSubset && hasPrefix(XMLSyntax.entityOpen, at: i) {
                declaresEntities = true
                i += XMLSyntax.entityOpen.count
            } else if byte == UInt8(ascii: "[") {
                inSubset = true
                i += 1
            } else if byte == UInt8(ascii: "]") {
                inSubset = false
                i += 1
            } else if byte == UInt8(ascii: ">") && !inSubset {
                return (i + 1, declaresEntities)
            } else {
                i += 1
            }
        }
        throw BakingError("unterminated DOCTYPE at offset \(start) of SVG")
    }

    // MARK: Root start tag

    private mutating func scanRootStartTag() throws(BakingError) {
        var i = rootStart + XMLSyntax.svgOpen.count
        rootAttributesEnd = i
        while true {
            while i < bytes.count && isSpace(bytes[i]) { i += 1 }
            guard i < bytes.count else { throw BakingError("unterminated <svg> start tag at offset \(rootStart)") }
            if bytes[i] == UInt8(ascii: ">") {
                rootTagEnd = i
                return
            }
            if bytes[i] == UInt8(ascii: "/") {
                guard i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: ">") else { throw malformedRootTag }
                rootIsSelfClosing = true
                rootTagEnd = i + 1
                return
            }
            let nameStart = i
            while i < bytes.count && !isSpace(bytes[i]) && !XMLSyntax.isNameDelimiter(bytes[i]) { i += 1 }
            let name = bytes[nameStart..<i]
            while i < bytes.count && isSpace(bytes[i]) { i += 1 }
            guard !name.isEmpty, i < bytes.count, bytes[i] == UInt8(ascii: "=") else { throw malformedRootTag }
            i += 1
            while i < bytes.count && isSpace(bytes[i]) { i += 1 }
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else {
                throw malformedRootTag
            }
            guard let close = bytes[(i + 1)...].firstIndex(of: bytes[i]) else {
                throw BakingError("unterminated <svg> start tag at offset \(rootStart)")
            }
            i = close + 1
            rootAttributesEnd = i
            if name.elementsEqual(XMLSyntax.namespaceAttribute) { declaresOpenBadgesNamespace = true }
        }
    }

    private var malformedRootTag: BakingError { BakingError("malformed <svg> start tag at offset \(rootStart)") }

    // MARK: Root content

    /// Finds the root's `openbadges:assertion` children. Stops quietly at anything unterminated:
    /// what follows the root start tag is not baking's to judge.
    private mutating func scanRootContent() {
        var depth = 1
        var i = rootTagEnd + 1
        var open: (start: Int, contentStart: Int, isCredential: Bool)?
        while depth > 0, let lt = bytes[i...].firstIndex(of: UInt8(ascii: "<")) {
            if hasPrefix(XMLSyntax.commentOpen, at: lt) {
                guard let end = firstIndex(of: XMLSyntax.commentClose, from: lt + 4) else { return }
                i = end + 3
            } else if hasPrefix(XMLSyntax.cdataOpen, at: lt) {
                guard let end = firstIndex(of: XMLSyntax.cdataClose, from: lt + 9) else { return }
                i = end + 3
            } else if hasPrefix(XMLSyntax.processingInstructionOpen, at: lt) {
                guard let end = firstIndex(of: XMLSyntax.processingInstructionClose, from: lt + 2) else { return }
                i = end + 2
            } else if hasPrefix(XMLSyntax.declarationMarker, at: lt) {
                guard let end = bytes[lt...].firstIndex(of: UInt8(ascii: ">")) else { return }
                i = end + 1
            } else if lt + 1 < bytes.count && bytes[lt + 1] == UInt8(ascii: "/") {
                guard let end = bytes[lt...].firstIndex(of: UInt8(ascii: ">")) else { return }
                depth -= 1
                i = end + 1
                if depth == 1, let element = open {
                    let found = Element(range: element.start..<i, content: element.contentStart..<lt)
                    if element.isCredential { credentials.append(found) } else { assertions.append(found) }
                    open = nil
                }
            } else {
                guard let end = startTagEnd(from: lt + 1) else { return }
                let selfClosing = bytes[end - 1] == UInt8(ascii: "/")
                i = end + 1
                let isAssertion = isElementName(XMLSyntax.assertionName, at: lt + 1)
                if depth == 1 && (isAssertion || isElementName(XMLSyntax.credentialName, at: lt + 1)) {
                    if selfClosing {
                        let found = Element(range: lt..<i, content: i..<i)
                        if isAssertion { assertions.append(found) } else { credentials.append(found) }
                    } else {
                        open = (lt, i, !isAssertion)
                    }
                }
                if !selfClosing { depth += 1 }
            }
        }
    }

    /// The `>` closing a start tag, stepping over quoted attribute values.
    private func startTagEnd(from start: Int) -> Int? {
        var i = start
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: ">"):
                return i
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                guard let close = bytes[(i + 1)...].firstIndex(of: bytes[i]) else { return nil }
                i = close + 1
            default:
                i += 1
            }
        }
        return nil
    }

    private func isElementName(_ name: [UInt8], at i: Int) -> Bool {
        guard hasPrefix(name, at: i), i + name.count < bytes.count else { return false }
        let next = bytes[i + name.count]
        return isSpace(next) || next == UInt8(ascii: ">") || next == UInt8(ascii: "/")
    }

    // MARK: Bytes

    func hasPrefix(_ prefix: [UInt8], at i: Int) -> Bool {
        i >= 0 && bytes.count - i >= prefix.count && bytes[i..<(i + prefix.count)].elementsEqual(prefix)
    }

    func firstIndex(of needle: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, start >= 0 else { return nil }
        var i = start
        while i < bytes.count, let candidate = bytes[i...].firstIndex(of: first) {
            if hasPrefix(needle, at: candidate) { return candidate }
            i = candidate + 1
        }
        return nil
    }

    private func isSpace(_ byte: UInt8) -> Bool { XMLSyntax.isSpace(byte) }
}

/// The byte strings of XML markup that baking looks for or writes.
enum XMLSyntax {
    static let declarationOpen: [UInt8] = Array("<?xml".utf8)
    static let processingInstructionOpen: [UInt8] = Array("<?".utf8)
    static let processingInstructionClose: [UInt8] = Array("?>".utf8)
    static let commentOpen: [UInt8] = Array("<!--".utf8)
    static let commentClose: [UInt8] = Array("-->".utf8)
    static let cdataOpen: [UInt8] = Array("<![CDATA[".utf8)
    static let cdataClose: [UInt8] = Array("]]>".utf8)
    static let doctypeOpen: [UInt8] = Array("<!DOCTYPE".utf8)
    static let entityOpen: [UInt8] = Array("<!ENTITY".utf8)
    static let declarationMarker: [UInt8] = Array("<!".utf8)
    static let svgOpen: [UInt8] = Array("<svg".utf8)
    static let svgClose: [UInt8] = Array("</svg>".utf8)
    static let namespaceAttribute: [UInt8] = Array("xmlns:openbadges".utf8)
    static let assertionName: [UInt8] = Array("openbadges:assertion".utf8)
    static let credentialName: [UInt8] = Array("openbadges:credential".utf8)

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    static func isNameDelimiter(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "=") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}
