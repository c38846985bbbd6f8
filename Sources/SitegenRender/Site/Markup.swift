/// Escaping for text placed in HTML (element text and quoted attributes) and in Markdown, used
/// where the view model builds ready-made snippets rather than a template. Byte by byte: every
/// character escaped is ASCII, and no byte of a multi-byte UTF-8 sequence is.
public enum Markup {
    public static func html(_ text: String) -> String {
        var out: [UInt8] = []
        appendHTML(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func appendHTML(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            out.reserveCapacity(out.count + bytes.count + 16)
            // Runs without a special character are copied whole.
            var runStart = 0
            for index in bytes.indices {
                let entity: StaticString
                switch bytes[index] {
                case UInt8(ascii: "&"): entity = "&amp;"
                case UInt8(ascii: "<"): entity = "&lt;"
                case UInt8(ascii: ">"): entity = "&gt;"
                case UInt8(ascii: "\""): entity = "&quot;"
                case UInt8(ascii: "'"): entity = "&#39;"
                default: continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                out.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
                runStart = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
    }

    /// Text inside Markdown link or image brackets: brackets, backslashes and markup characters
    /// lose their meaning, and line breaks become spaces.
    static func appendMarkdownText(_ text: String, to out: inout [UInt8]) {
        out.reserveCapacity(out.count + text.utf8.count + 8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "("), UInt8(ascii: ")"),
                 UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "!"), UInt8(ascii: "<"),
                 UInt8(ascii: ">"), UInt8(ascii: "#"), UInt8(ascii: "|"):
                out.append(UInt8(ascii: "\\"))
                out.append(byte)
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                out.append(UInt8(ascii: " "))
            default:
                out.append(byte)
            }
        }
    }
}
