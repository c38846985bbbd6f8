/// A small strict XML reader: elements, attributes, character data, the five predefined entities
/// and character references, CDATA sections, comments, processing instructions and a DOCTYPE
/// (skipped, internal subset included). Iterative, so deep nesting cannot exhaust the stack;
/// every malformation is a thrown `SVGError` with its byte offset.
struct XMLReader {
    private let bytes: [UInt8]
    private var i = 0

    /// Deeper than any real artwork; stops pathological inputs from building huge trees.
    static let maximumDepth = 512

    static func parse(_ bytes: [UInt8]) throws(SVGError) -> XMLElement {
        var reader = XMLReader(bytes: bytes)
        return try reader.document()
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func document() throws(SVGError) -> XMLElement {
        if hasPrefix("\u{FEFF}") { i += 3 }
        var root: XMLElement?
        var stack: [XMLElement] = []
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "<") {
                if hasPrefix("<!--") {
                    try skip(past: "-->", what: "comment")
                } else if hasPrefix("<?") {
                    try skip(past: "?>", what: "processing instruction")
                } else if hasPrefix("<![CDATA[") {
                    let start = i
                    i += 9
                    guard let end = find("]]>") else { throw SVGError("unterminated CDATA section", at: start) }
                    guard let top = stack.last else { throw SVGError("CDATA section outside the root element", at: start) }
                    let data = String(decoding: bytes[i..<end], as: UTF8.self)
                    top.text += data
                    top.content.append(.text(data))
                    i = end + 3
                } else if hasPrefix("<!DOCTYPE") {
                    if root != nil || !stack.isEmpty { throw SVGError("DOCTYPE after the root element", at: i) }
                    try skipDoctype()
                } else if hasPrefix("</") {
                    let start = i
                    i += 2
                    let name = try readName()
                    skipSpace()
                    try expect(">")
                    guard let top = stack.popLast() else { throw SVGError("end tag </\(name)> without a start tag", at: start) }
                    if top.name != name { throw SVGError("end tag </\(name)> does not match <\(top.name)>", at: start) }
                } else {
                    let start = i
                    i += 1
                    let name = try readName()
                    var attributes: [(name: String, value: String)] = []
                    var selfClosing = false
                    while true {
                        let hadSpace = skipSpace()
                        guard i < bytes.count else { throw SVGError("unterminated start tag <\(name)>", at: start) }
                        if bytes[i] == UInt8(ascii: ">") { i += 1; break }
                        if hasPrefix("/>") { i += 2; selfClosing = true; break }
                        if !hadSpace { throw SVGError("expected a space between attributes", at: i) }
                        let attributeStart = i
                        let attributeName = try readName()
                        skipSpace()
                        try expect("=")
                        skipSpace()
                        let value = try readQuoted()
                        if attributes.contains(where: { $0.name == attributeName }) {
                            throw SVGError("attribute \(attributeName) repeated", at: attributeStart)
                        }
                        attributes.append((attributeName, value))
                    }
                    if stack.isEmpty && root != nil { throw SVGError("a second root element", at: start) }
                    if stack.count >= Self.maximumDepth { throw SVGError("elements nested too deeply", at: start) }
                    let element = XMLElement(name: name, attributes: attributes)
                    if let parent = stack.last {
                        element.parent = parent
                        parent.children.append(element)
                        parent.content.append(.element(element))
                    } else {
                        root = element
                    }
                    if !selfClosing { stack.append(element) }
                }
            } else {
                let start = i
                while i < bytes.count && bytes[i] != UInt8(ascii: "<") { i += 1 }
                if let top = stack.last {
                    let data = try decodeCharacterData(start..<i)
                    top.text += data
                    top.content.append(.text(data))
                } else if bytes[start..<i].contains(where: { !Self.isSpace($0) }) {
                    throw SVGError("text outside the root element", at: start)
                }
            }
        }
        if let open = stack.last { throw SVGError("element <\(open.name)> is not closed", at: bytes.count) }
        guard let root else { throw SVGError("no root element", at: 0) }
        return root
    }

    // MARK: Pieces

    private mutating func readName() throws(SVGError) -> String {
        let start = i
        while i < bytes.count {
            let c = bytes[i]
            if Self.isSpace(c) || c == UInt8(ascii: ">") || c == UInt8(ascii: "/") || c == UInt8(ascii: "=")
                || c == UInt8(ascii: "<") || c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { break }
            i += 1
        }
        if i == start { throw SVGError("expected a name", at: start) }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    private mutating func readQuoted() throws(SVGError) -> String {
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else {
            throw SVGError("expected a quoted attribute value", at: i)
        }
        let quote = bytes[i]
        let start = i + 1
        var end = start
        while end < bytes.count && bytes[end] != quote {
            if bytes[end] == UInt8(ascii: "<") { throw SVGError("'<' inside an attribute value", at: end) }
            end += 1
        }
        if end == bytes.count { throw SVGError("unterminated attribute value", at: i) }
        i = end + 1
        let raw = try decodeCharacterData(start..<end)
        // Attribute-value normalisation: white space characters become spaces.
        return String(raw.map { $0 == "\n" || $0 == "\t" || $0 == "\r" ? " " : $0 })
    }

    private func decodeCharacterData(_ range: Range<Int>) throws(SVGError) -> String {
        guard bytes[range].contains(UInt8(ascii: "&")) else { return String(decoding: bytes[range], as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var j = range.lowerBound
        while j < range.upperBound {
            let c = bytes[j]
            guard c == UInt8(ascii: "&") else { out.append(c); j += 1; continue }
            guard let semicolon = bytes[j..<range.upperBound].firstIndex(of: UInt8(ascii: ";")), semicolon - j <= 12 else {
                throw SVGError("unterminated entity reference", at: j)
            }
            let name = String(decoding: bytes[(j + 1)..<semicolon], as: UTF8.self)
            let scalar: Unicode.Scalar?
            switch name {
            case "lt": scalar = "<"
            case "gt": scalar = ">"
            case "amp": scalar = "&"
            case "quot": scalar = "\""
            case "apos": scalar = "'"
            default:
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if name.hasPrefix("#") {
                    scalar = UInt32(name.dropFirst(1), radix: 10).flatMap(Unicode.Scalar.init)
                } else {
                    throw SVGError("unknown entity &\(name);", at: j)
                }
            }
            guard let scalar, scalar.value != 0 else { throw SVGError("invalid character reference &\(name);", at: j) }
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
            j = semicolon + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func skipDoctype() throws(SVGError) {
        let start = i
        i += 9
        var inSubset = false
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                guard let end = bytes[(i + 1)...].firstIndex(of: c) else { break }
                i = end + 1
                continue
            }
            if inSubset && hasPrefix("<!--") { try skip(past: "-->", what: "comment"); continue }
            if c == UInt8(ascii: "[") { inSubset = true }
            if c == UInt8(ascii: "]") { inSubset = false }
            i += 1
            if c == UInt8(ascii: ">") && !inSubset { return }
        }
        throw SVGError("unterminated DOCTYPE", at: start)
    }

    private mutating func skip(past terminator: String, what: String) throws(SVGError) {
        let start = i
        i += 2
        guard let end = find(terminator) else { throw SVGError("unterminated \(what)", at: start) }
        i = end + terminator.utf8.count
    }

    @discardableResult
    private mutating func skipSpace() -> Bool {
        let start = i
        while i < bytes.count && Self.isSpace(bytes[i]) { i += 1 }
        return i > start
    }

    private mutating func expect(_ character: Character) throws(SVGError) {
        guard i < bytes.count, bytes[i] == character.asciiValue else { throw SVGError("expected '\(character)'", at: i) }
        i += 1
    }

    private func hasPrefix(_ prefix: String) -> Bool {
        var j = i
        for byte in prefix.utf8 {
            guard j < bytes.count, bytes[j] == byte else { return false }
            j += 1
        }
        return true
    }

    private func find(_ needle: String) -> Int? {
        let pattern = Array(needle.utf8)
        guard bytes.count >= pattern.count else { return nil }
        var j = i
        while j + pattern.count <= bytes.count {
            if bytes[j] == pattern[0] && bytes[j..<(j + pattern.count)].elementsEqual(pattern) { return j }
            j += 1
        }
        return nil
    }

    static func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D
    }
}
