import SitegenDigest

/// Open Badges 2.0 baking of SVG images: an `<openbadges:assertion verify="URL">` element, the
/// assertion JSON in a CDATA section, as the first child of the root `<svg>` element.
public enum SVGBaker {
    public static let namespace = "http://openbadges.org"

    /// `svg` with `json` baked in, replacing any assertion baked before.
    public static func bake(_ svg: [UInt8], assertion json: [UInt8], verify url: String) throws(BakingError) -> [UInt8] {
        try SVGBakingTemplate(svg).bake(json, verify: url)
    }

    /// The text of the root's first `openbadges:assertion` child (CDATA sections joined, character
    /// and predefined entity references resolved), nil when there is none.
    public static func assertion(in svg: [UInt8]) -> [UInt8]? {
        guard let markup = try? SVGMarkup(svg), let element = markup.assertions.first else { return nil }
        return text(of: element.content, in: markup)
    }

    /// The text of the root's first `openbadges:credential` child (Open Badges 3.0), as `assertion`.
    public static func credential(in svg: [UInt8]) -> [UInt8]? {
        guard let markup = try? SVGMarkup(svg), let element = markup.credentials.first else { return nil }
        return text(of: element.content, in: markup)
    }

    /// Where sniffers look for the root element: `<svg` must start within the first 256 bytes.
    static let sniffWindow = 256

    private static func text(of content: Range<Int>, in markup: SVGMarkup) -> [UInt8] {
        let bytes = markup.bytes
        var text: [UInt8] = []
        var i = content.lowerBound
        while i < content.upperBound {
            if markup.hasPrefix(XMLSyntax.cdataOpen, at: i) {
                let start = i + XMLSyntax.cdataOpen.count
                guard let end = markup.firstIndex(of: XMLSyntax.cdataClose, from: start), end <= content.upperBound else { break }
                text.append(contentsOf: bytes[start..<end])
                i = end + XMLSyntax.cdataClose.count
            } else if markup.hasPrefix(XMLSyntax.commentOpen, at: i) {
                guard let end = markup.firstIndex(of: XMLSyntax.commentClose, from: i + 4) else { break }
                i = end + XMLSyntax.commentClose.count
            } else if bytes[i] == UInt8(ascii: "<") {
                // Markup nested in the assertion is no part of its text.
                guard let end = bytes[i..<content.upperBound].firstIndex(of: UInt8(ascii: ">")) else { break }
                i = end + 1
            } else if bytes[i] == UInt8(ascii: "&"), let (scalar, end) = reference(at: i, before: content.upperBound, in: bytes) {
                text.append(contentsOf: String(Character(scalar)).utf8)
                i = end
            } else {
                text.append(bytes[i])
                i += 1
            }
        }
        return text
    }

    /// The character an entity or character reference at `start` stands for, and where it ends.
    private static func reference(at start: Int, before limit: Int, in bytes: [UInt8]) -> (Unicode.Scalar, Int)? {
        let searchEnd = min(limit, start + 12)
        guard start + 1 < searchEnd,
              let semicolon = bytes[(start + 1)..<searchEnd].firstIndex(of: UInt8(ascii: ";")) else { return nil }
        let name = bytes[(start + 1)..<semicolon]
        let named: [(String, Unicode.Scalar)] = [("amp", "&"), ("lt", "<"), ("gt", ">"), ("quot", "\""), ("apos", "'")]
        if let match = named.first(where: { name.elementsEqual($0.0.utf8) }) { return (match.1, semicolon + 1) }
        guard name.first == UInt8(ascii: "#") else { return nil }
        var digits = name.dropFirst()
        var radix: UInt32 = 10
        if digits.first == UInt8(ascii: "x") {
            radix = 16
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.count <= 8 else { return nil }
        var value: UInt32 = 0
        for byte in digits {
            guard let digit = hexDigitValue(byte), digit < radix else { return nil }
            value = value * radix + digit // at most 8 digits: no overflow
        }
        guard let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, semicolon + 1)
    }

    private static func hexDigitValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}

/// An SVG badge image checked once and then baked with many assertions.
public struct SVGBakingTemplate: Sendable {
    /// Through the root start tag's `>`, with the namespace declared.
    private let head: [UInt8]
    /// The rest, less any earlier assertion or credential; `</svg>` first if the root was self-closing.
    private let tail: [UInt8]

    public init(_ svg: [UInt8]) throws(BakingError) {
        let markup = try SVGMarkup(svg)
        var head = try Self.prolog(of: markup)
        head.append(contentsOf: svg[markup.rootStart..<markup.rootAttributesEnd])
        if !markup.declaresOpenBadgesNamespace {
            head.append(contentsOf: Self.namespaceDeclaration)
        }
        if markup.rootIsSelfClosing {
            head.append(UInt8(ascii: ">"))
        } else {
            head.append(contentsOf: svg[markup.rootAttributesEnd...markup.rootTagEnd])
        }

        var tail: [UInt8] = []
        tail.reserveCapacity(svg.count - markup.rootTagEnd + XMLSyntax.svgClose.count)
        if markup.rootIsSelfClosing { tail.append(contentsOf: XMLSyntax.svgClose) }
        var copied = markup.rootTagEnd + 1
        for element in (markup.assertions + markup.credentials).sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            tail.append(contentsOf: svg[copied..<element.range.lowerBound])
            copied = element.range.upperBound
        }
        tail.append(contentsOf: svg[copied...])
        self.head = head
        self.tail = tail
    }

    /// `credential`: the signed Open Badges 3.0 credential, baked beside the assertion.
    public func bake(_ json: [UInt8], verify url: String, credential: [UInt8]? = nil) throws(BakingError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(head.count + json.count + url.utf8.count + tail.count + (credential?.count ?? 0) + 160)
        out.append(contentsOf: head)
        out.append(contentsOf: Self.assertionOpen)
        try Self.appendAttributeValue(url, to: &out)
        out.append(contentsOf: Self.assertionContentOpen)
        try Self.appendCharacterData(json, to: &out)
        out.append(contentsOf: Self.assertionClose)
        if let credential {
            out.append(contentsOf: Self.credentialOpen)
            try Self.appendCharacterData(credential, to: &out)
            out.append(contentsOf: Self.credentialClose)
        }
        out.append(contentsOf: tail)
        return out
    }

    private static let namespaceDeclaration: [UInt8] = Array(" xmlns:openbadges=\"\(SVGBaker.namespace)\"".utf8)
    private static let assertionOpen: [UInt8] = Array("<openbadges:assertion verify=\"".utf8)
    private static let assertionContentOpen: [UInt8] = Array("\"><![CDATA[".utf8)
    private static let assertionClose: [UInt8] = Array("]]></openbadges:assertion>".utf8)
    private static let credentialOpen: [UInt8] = Array("<openbadges:credential><![CDATA[".utf8)
    private static let credentialClose: [UInt8] = Array("]]></openbadges:credential>".utf8)
    /// Ends the CDATA section between `]]` and `>` and opens a new one, so `]]>` in the JSON
    /// survives as text.
    private static let splitCDATAClose: [UInt8] = Array("]]]]><![CDATA[>".utf8)

    /// The prolog as it is when `<svg` already starts early enough; otherwise rebuilt from the
    /// fewest items needed, dropping comments, then a DOCTYPE that declares no entities, then
    /// processing instructions. The XML declaration always stays.
    private static func prolog(of markup: SVGMarkup) throws(BakingError) -> [UInt8] {
        let bytes = markup.bytes
        if markup.rootStart + XMLSyntax.svgOpen.count <= SVGBaker.sniffWindow {
            return Array(bytes[..<markup.rootStart])
        }
        var smallest = 0
        for stage in 1...3 {
            var prolog = Array(bytes[..<markup.byteOrderMarkCount])
            for (item, range) in markup.prolog {
                let keep: Bool
                switch item {
                case .declaration: keep = true
                case .doctype(let declaresEntities): keep = stage < 2 || declaresEntities
                case .processingInstruction: keep = stage < 3
                case .comment, .whitespace: keep = false
                }
                guard keep else { continue }
                prolog.append(contentsOf: bytes[range])
                prolog.append(UInt8(ascii: "\n"))
            }
            if prolog.count + XMLSyntax.svgOpen.count <= SVGBaker.sniffWindow { return prolog }
            smallest = prolog.count
        }
        throw BakingError(
            "SVG prolog is too long: <svg must start within the first \(SVGBaker.sniffWindow) bytes, but the XML "
                + "declaration and the DOCTYPE's entity declarations alone take \(smallest) bytes")
    }

    private static func appendAttributeValue(_ value: String, to out: inout [UInt8]) throws(BakingError) {
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            // Attribute-value normalisation would turn literal tabs and line breaks into spaces.
            case 0x09: out.append(contentsOf: "&#9;".utf8)
            case 0x0A: out.append(contentsOf: "&#10;".utf8)
            case 0x0D: out.append(contentsOf: "&#13;".utf8)
            case ..<0x20: throw BakingError("verify URL contains control character U+00\(hexString([byte]))")
            default: out.append(byte)
            }
        }
    }

    private static func appendCharacterData(_ json: [UInt8], to out: inout [UInt8]) throws(BakingError) {
        let result: Result<Void, BakingError> = json.withUnsafeBufferPointer { json in
            var copied = 0
            var i = 0
            let base = UnsafeRawPointer(json.baseAddress)
            while i < json.count {
                // Eight bytes at a time while none is a control character or `]`.
                if let base, i &+ 8 <= json.count,
                   !Self.mayHoldControlOrBracket(base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                    i &+= 8
                    continue
                }
                let byte = json[i]
                guard byte < 0x20 || byte == UInt8(ascii: "]") else {
                    i &+= 1
                    continue
                }
                if byte == UInt8(ascii: "]") {
                    if i + 2 < json.count && json[i + 1] == UInt8(ascii: "]") && json[i + 2] == UInt8(ascii: ">") {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: json[copied..<i]))
                        out.append(contentsOf: splitCDATAClose)
                        i += 3
                        copied = i
                        continue
                    }
                } else if byte != 0x09 && byte != 0x0A && byte != 0x0D {
                    return .failure(BakingError(
                        "assertion contains control character U+00\(hexString([byte])), which XML cannot carry"))
                }
                i &+= 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: json[copied...]))
            return .success(())
        }
        try result.get()
    }

    /// Whether any byte of `word` is below 0x20 or is `]` (exact, by the classic "has a zero
    /// byte" bit trick: a borrow out of a byte sets its high bit only if the byte was too small).
    @inline(__always)
    private static func mayHoldControlOrBracket(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let belowSpace = (word &- ones &* 0x20) & ~word & highBits
        let bracketsZeroed = word ^ (ones &* UInt64(UInt8(ascii: "]")))
        let bracket = (bracketsZeroed &- ones) & ~bracketsZeroed & highBits
        return (belowSpace | bracket) != 0
    }
}
