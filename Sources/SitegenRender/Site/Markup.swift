import SitegenMustache

/// Escaping for text placed in HTML (element text and quoted attributes) and in Markdown, used
/// where the view model builds ready-made snippets rather than a template. HTML escaping is the
/// template engine's own, so a snippet and a `{{name}}` never differ. Markdown goes byte by
/// byte: every character escaped is ASCII, and no byte of a multi-byte UTF-8 sequence is.
public enum Markup {
    public static func html(_ text: String) -> String {
        var out = TextBuffer()
        appendHTML(text, to: &out)
        return out.string
    }

    static func appendHTML(_ text: String, to out: inout TextBuffer) {
        out.appendEscapedHTML(text)
    }

    /// Text inside Markdown link or image brackets: brackets, backslashes and markup characters
    /// lose their meaning, and line breaks become spaces.
    static func appendMarkdownText(_ text: String, to out: inout TextBuffer) {
        var text = text
        text.withUTF8 { bytes in
            guard let source = bytes.baseAddress else { return }
            out.append(upTo: bytes.count * 2) { target in
                var written = 0
                for index in 0..<bytes.count {
                    let byte = source[index]
                    switch byte {
                    case UInt8(ascii: "\\"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "("), UInt8(ascii: ")"),
                         UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "!"), UInt8(ascii: "<"),
                         UInt8(ascii: ">"), UInt8(ascii: "#"), UInt8(ascii: "|"):
                        target[written] = UInt8(ascii: "\\")
                        target[written + 1] = byte
                        written += 2
                    case UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                        target[written] = UInt8(ascii: " ")
                        written += 1
                    default:
                        target[written] = byte
                        written += 1
                    }
                }
                return written
            }
        }
    }
}
