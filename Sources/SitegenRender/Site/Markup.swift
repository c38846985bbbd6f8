/// Escaping for text placed in HTML (element text and quoted attributes) and in Markdown, used
/// where the view model builds ready-made snippets rather than a template.
public enum Markup {
    public static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Text inside Markdown link or image brackets: brackets, backslashes and markup characters
    /// lose their meaning, and line breaks become spaces.
    public static func markdownText(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", "[", "]", "(", ")", "*", "_", "`", "!", "<", ">", "#", "|": out += "\\" + String(scalar)
            case "\n", "\r", "\t": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
