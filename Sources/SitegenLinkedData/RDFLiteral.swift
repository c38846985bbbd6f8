import Foundation

/// Object to RDF Conversion (JSON-LD 1.1 API §8.6) for scalars, as pyld (the verifiers' JSON-LD
/// processor) writes them: booleans `true`/`false`; integral numbers below 10^21 as integers;
/// other numbers in the canonical xsd:double form (`1.05E1`); strings as they are.
func literal(_ value: JSONValue, datatype: String?) throws(LinkedDataError) -> RDFTerm {
    switch value {
    case let .bool(flag):
        return .literal(flag ? "true" : "false", datatype: datatype ?? Vocabulary.xsdBoolean)
    case let .number(text):
        return try numberLiteral(text, datatype: datatype)
    case let .string(text):
        if datatype == Vocabulary.xsdDouble {
            throw LinkedDataError("a string typed xsd:double is not supported")
        }
        try checkLiteralText(text)
        return .literal(text, datatype: datatype ?? Vocabulary.xsdString)
    default:
        throw LinkedDataError("invalid value: @value must be a string, number or boolean")
    }
}

/// Controls other than tab, LF and CR are refused: RDFC-1.0 writes `\b`, `\f` and `\u00XX` for
/// them where pyld writes the raw byte, so no signature over them verifies everywhere (and no HTML
/// page can show them either).
func checkLiteralText(_ text: String) throws(LinkedDataError) {
    var text = text
    let refused = text.withUTF8 { bytes -> UInt8? in
        for byte in bytes where (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F { return byte }
        return nil
    }
    if let byte = refused {
        throw LinkedDataError("text holds control character U+\(String(byte, radix: 16, uppercase: true).leftPadded(4)), which verifiers canonicalise differently")
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}

private func numberLiteral(_ text: String, datatype: String?) throws(LinkedDataError) -> RDFTerm {
    let isIntegerText = !text.utf8.contains { $0 == UInt8(ascii: ".") || $0 | 0x20 == UInt8(ascii: "e") }
    guard let number = Double(text), number.isFinite else { throw LinkedDataError("number \(text) is out of range") }
    if number.rounded(.towardZero) == number, abs(number) < 1e21, datatype != Vocabulary.xsdDouble {
        if isIntegerText {
            let digits = text.hasPrefix("-") && text.utf8.dropFirst().allSatisfy { $0 == UInt8(ascii: "0") } ? "0" : text
            return .literal(digits, datatype: datatype ?? Vocabulary.xsdInteger)
        }
        guard abs(number) < 9.0e18 else { throw LinkedDataError("number \(text) is out of range") }
        return .literal(String(Int64(number)), datatype: datatype ?? Vocabulary.xsdInteger)
    }
    return .literal(canonicalDouble(number), datatype: datatype ?? Vocabulary.xsdDouble)
}

/// `%1.15E` with the mantissa's trailing zeros and the exponent's sign and leading zeros dropped
/// (`5.3E0`, `1.5E-7`): pyld's and jsonld.js's canonical xsd:double.
func canonicalDouble(_ number: Double) -> String {
    // vsnprintf and bytes rather than String(format:) and Substrings: with those, formatting the
    // one fractional number of the benchmark credential took a twentieth of its time.
    var buffer = [CChar](repeating: 0, count: 40)
    let length = Int(withVaList([number]) { vsnprintf(&buffer, buffer.count, "%1.15E", $0) })
    let bytes = buffer[..<max(0, min(length, buffer.count))].map { UInt8(bitPattern: $0) }
    guard let e = bytes.firstIndex(of: UInt8(ascii: "E")) else { return String(decoding: bytes, as: UTF8.self) }
    var mantissaEnd = e
    // Keep one digit after the point: "5.300…0" → "5.3", "1.000…0" → "1.0".
    while mantissaEnd > 2, bytes[mantissaEnd - 1] == UInt8(ascii: "0"), bytes[mantissaEnd - 2] != UInt8(ascii: ".") {
        mantissaEnd -= 1
    }
    var out = Array(bytes[..<mantissaEnd])
    out.append(UInt8(ascii: "E"))
    var i = e + 1
    if i < bytes.count, bytes[i] == UInt8(ascii: "+") { i += 1 } else if i < bytes.count, bytes[i] == UInt8(ascii: "-") {
        out.append(UInt8(ascii: "-"))
        i += 1
    }
    while i < bytes.count - 1, bytes[i] == UInt8(ascii: "0") { i += 1 }
    out.append(contentsOf: bytes[i...])
    return String(decoding: out, as: UTF8.self)
}

/// The JSON Canonicalization Scheme (RFC 8785) form of an `@json` value, as an rdf:JSON literal's
/// text. Only integers are written as numbers: the shortest round-trip form of other doubles is
/// not something sitegen needs.
func canonicalJSON(_ value: JSONValue) throws(LinkedDataError) -> String {
    var out = ""
    try writeCanonicalJSON(value, into: &out)
    return out
}

private func writeCanonicalJSON(_ value: JSONValue, into out: inout String) throws(LinkedDataError) {
    switch value {
    case .null: out += "null"
    case let .bool(flag): out += flag ? "true" : "false"
    case let .number(text):
        guard !text.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 | 0x20 == UInt8(ascii: "e") }),
              let integer = Int64(text), abs(integer) < 1 << 53 else {
            throw LinkedDataError("number \(text) in an @json value is not supported")
        }
        out += String(integer)
    case let .string(text):
        writeCanonicalJSONString(text, into: &out)
    case let .array(items):
        out += "["
        for (index, item) in items.enumerated() {
            if index > 0 { out += "," }
            try writeCanonicalJSON(item, into: &out)
        }
        out += "]"
    case let .object(entries):
        out += "{"
        let sorted = entries.sorted { $0.key.utf16.lexicographicallyPrecedes($1.key.utf16) }
        for (index, entry) in sorted.enumerated() {
            if index > 0 { out += "," }
            writeCanonicalJSONString(entry.key, into: &out)
            out += ":"
            try writeCanonicalJSON(entry.value, into: &out)
        }
        out += "}"
    }
}

private func writeCanonicalJSONString(_ text: String, into out: inout String) {
    out += "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{00}"..."\u{1F}":
            let hex = String(scalar.value, radix: 16)
            out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: out.unicodeScalars.append(scalar)
        }
    }
    out += "\""
}
