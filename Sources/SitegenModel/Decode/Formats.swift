/// The shapes content values must have. Kept byte-level: they run for every award of a
/// 100,000-holder file.
public enum Identifier {
    /// Safe as a URL path segment and a file name: `[a-z0-9][a-z0-9._-]{0,63}`.
    public static func isValid(_ id: String) -> Bool {
        var id = id
        return id.withUTF8 { bytes in
            guard (1...64).contains(bytes.count) else { return false }
            for (index, byte) in bytes.enumerated() {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): break
                case UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"): if index == 0 { return false }
                default: return false
                }
            }
            return true
        }
    }
}

public enum WebAddress {
    /// `http://` or `https://`, a host, and no whitespace or control characters anywhere.
    public static func isAbsoluteHTTP(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            // The scheme, case-insensitively: "http" then an optional "s", then "://".
            var index = 0
            for letter in "http".utf8 {
                guard index < bytes.count, bytes[index] | 0x20 == letter else { return false }
                index += 1
            }
            if index < bytes.count && bytes[index] | 0x20 == UInt8(ascii: "s") { index += 1 }
            for mark in "://".utf8 {
                guard index < bytes.count, bytes[index] == mark else { return false }
                index += 1
            }
            var hostLength = 0
            var inHost = true
            for byte in bytes[index...] {
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
}

public enum EmailAddress {
    /// Trimmed and lowercased, as Open Badges compares emails (and as duplicates are found).
    public static func normalized(_ email: String) -> String {
        var copy = email
        // Trimmed, lowercase ASCII already: the common case, answered without a new string.
        let plain: Bool? = copy.withUTF8 { bytes in
            guard let first = bytes.first, let last = bytes.last, first > 0x20, last > 0x20 else { return nil }
            var hasUpper = false
            for byte in bytes {
                if byte >= 0x80 { return nil }
                if byte &- 0x41 < 26 { hasUpper = true }
            }
            return !hasUpper
        }
        if plain == true { return email }
        if plain == false {
            return String(decoding: email.utf8.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        var scalars = Substring(email).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars).lowercased()
    }

    /// One `@`, a non-empty local part, a dotted domain, no spaces or brackets.
    public static func isPlausible(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(isPlausible)
    }

    private static func isPlausible(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var at = -1
        var count = 0
        var lastDot = -1
        for (index, byte) in bytes.enumerated() {
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
