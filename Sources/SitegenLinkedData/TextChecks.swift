// Byte-level checks on what a document writes, before it reaches N-Quads.

/// 1 for each byte N-Quads cannot write in an IRI: controls, space, `<>"{}|^`\\` and DEL.
let forbiddenInIRIBytes: [UInt8] = (0..<256).map { byte in
    byte <= 0x20 || byte == 0x7F || Array("<>\"{}|^`\\".utf8).contains(UInt8(byte)) ? 1 : 0
}

/// An absolute IRI as pyld and jsonld.js tell one: a scheme, a colon.
func isAbsoluteIRI(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let first = value.first, (first | 0x20) >= UInt8(ascii: "a"), (first | 0x20) <= UInt8(ascii: "z") else { return false }
    for byte in value.dropFirst() {
        if byte == UInt8(ascii: ":") { return true }
        let isSchemeByte = ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z"))
            || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        if !isSchemeByte { return false }
    }
    return false
}

/// Controls other than tab, LF and CR are refused (see the String overload).
func checkLiteralText(_ text: UnsafeBufferPointer<UInt8>) throws(LinkedDataError) {
    for byte in text where (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F {
        throw LinkedDataError("text holds control character U+00\(byte < 0x10 ? "0" : "")\(String(byte, radix: 16, uppercase: true)), which verifiers canonicalise differently")
    }
}
