import SitegenMustache

/// RFC 3986 percent-encoding of UTF-8: everything but the unreserved characters
/// (ALPHA / DIGIT / "-" / "." / "_" / "~") is encoded, so the result is safe as a query value,
/// a path segment, and inside any HTML attribute.
public enum PercentEncoding {
    public static func encode(_ text: String) -> String {
        var out = TextBuffer()
        append(text, to: &out)
        return out.string
    }

    /// `name=value&…`, each part encoded.
    public static func query(_ pairs: [(String, String)]) -> String {
        pairs.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
    }

    static func append(_ text: String, to out: inout TextBuffer) {
        var text = text
        text.withUTF8 { append($0, to: &out) }
    }

    static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout TextBuffer) {
        guard let source = bytes.baseAddress else { return }
        out.append(upTo: bytes.count * 3) { target in
            var written = 0
            for index in 0..<bytes.count {
                let byte = source[index]
                if isUnreserved(byte) {
                    target[written] = byte
                    written += 1
                } else {
                    target[written] = UInt8(ascii: "%")
                    target[written + 1] = hexDigit(byte >> 4)
                    target[written + 2] = hexDigit(byte & 0x0F)
                    written += 3
                }
            }
            return written
        }
    }

    @inline(__always)
    private static func isUnreserved(_ byte: UInt8) -> Bool {
        // Bit n of the word for bytes 0–63 and 64–127 is set when byte n is unreserved.
        let low: UInt64 = 0x03FF_6000_0000_0000 // - . 0-9
        let high: UInt64 = 0x47FF_FFFE_87FF_FFFE // A-Z _ a-z ~
        if byte < 64 { return (low >> UInt64(byte)) & 1 != 0 }
        if byte < 128 { return (high >> UInt64(byte - 64)) & 1 != 0 }
        return false
    }

    @inline(__always)
    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "A") + value - 10
    }
}
