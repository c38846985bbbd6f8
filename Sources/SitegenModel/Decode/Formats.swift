/// The shapes content values must have. Kept byte-level: they run for every award of a
/// 100,000-holder file.
public enum Identifier {
    /// Safe as a URL path segment and a file name: `[a-z0-9][a-z0-9._-]{0,63}`.
    public static func isValid(_ id: String) -> Bool {
        var count = 0
        for byte in id.utf8 {
            count += 1
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): break
            case UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"): if count == 1 { return false }
            default: return false
            }
        }
        return (1...64).contains(count)
    }
}

public enum WebAddress {
    /// `http://` or `https://`, a host, and no whitespace or control characters anywhere.
    public static func isAbsoluteHTTP(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let lower = bytes.prefix(8).map { $0 | 0x20 }
        let schemeLength: Int
        if lower.starts(with: Array("https://".utf8)) { schemeLength = 8 }
        else if lower.starts(with: Array("http://".utf8)) { schemeLength = 7 }
        else { return false }
        var hostLength = 0
        var inHost = true
        for byte in bytes[schemeLength...] {
            if byte <= 0x20 || byte == 0x7F || byte == UInt8(ascii: "\\") { return false }
            if inHost {
                if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { inHost = false }
                else if byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"") { return false }
                else { hostLength += 1 }
            }
        }
        return hostLength > 0
    }
}

public enum EmailAddress {
    /// Trimmed and lowercased, as Open Badges compares emails (and as duplicates are found).
    public static func normalized(_ email: String) -> String {
        let bytes = email.utf8
        if let first = bytes.first, let last = bytes.last, first > 0x20, last > 0x20, bytes.allSatisfy({ $0 < 0x80 }) {
            guard bytes.contains(where: { (0x41...0x5A).contains($0) }) else { return email }
            return String(decoding: bytes.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        var scalars = Substring(email).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars).lowercased()
    }

    /// One `@`, a non-empty local part, a dotted domain, no spaces or brackets.
    public static func isPlausible(_ text: String) -> Bool {
        var at = -1
        var count = 0
        var lastDot = -1
        for (index, byte) in text.utf8.enumerated() {
            count += 1
            switch byte {
            case UInt8(ascii: "@"):
                if at >= 0 { return false }
                at = index
            case UInt8(ascii: "."): if at >= 0 { lastDot = index }
            case 0...0x20, 0x7F, UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "("), UInt8(ascii: ")"),
                 UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\""), UInt8(ascii: "\\"),
                 UInt8(ascii: "["), UInt8(ascii: "]"):
                return false
            default: break
            }
        }
        return at > 0 && lastDot > at + 1 && lastDot < count - 1 && count <= 254
    }
}

public enum Locales {
    /// A BCP 47 shaped tag, also safe as a folder name: `en`, `ja`, `zh-Hant`, `pt-BR`.
    public static func isValid(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.utf8.count),
              first.utf8.allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }) else { return false }
        return parts.dropFirst().allSatisfy { part in
            (2...8).contains(part.utf8.count) && part.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (48...57).contains(byte)
            }
        }
    }
}
