import SitegenSource

/// Typed reads of single values. `name` is the key as the message shows it.
enum Values {
    static func string(_ node: SourceNode, _ name: String, _ diagnostics: inout Diagnostics) -> String? {
        let text: String
        switch node.value {
        case .string(let s): text = s
        // A YAML plain scalar like `2024` or a postal code is text to a string field.
        case .number(let literal): text = literal
        default:
            diagnostics.error("'\(name)' must be a string, found \(node.typeDescription)", at: node.location)
            return nil
        }
        if let bad = firstControlCharacter(text) {
            diagnostics.error("'\(name)' contains the control character U+\(hex4(bad)), which no page can show",
                              at: node.location)
            return nil
        }
        return text
    }

    /// A string or a map from locale to string.
    static func text(_ node: SourceNode, _ name: String, defaultLocale: String,
                     _ diagnostics: inout Diagnostics) -> LocalizedText? {
        if case .mapping(let entries) = node.value {
            var result: [LocalizedText.Entry] = []
            var ok = true
            // A set, not a search of the earlier entries: a hostile map of thousands of locale
            // codes would make that quadratic (issue 17).
            var seen = Set<String>()
            for entry in entries {
                if !Locales.isValid(entry.key) {
                    diagnostics.error("'\(Quoted.text(entry.key))' in '\(name)' is not a locale code (like en, ja, zh-Hant)",
                                      at: entry.keyLocation)
                    ok = false
                    continue
                }
                if !seen.insert(entry.key).inserted {
                    diagnostics.error("duplicate locale '\(entry.key)' in '\(name)'", at: entry.keyLocation)
                    ok = false
                    continue
                }
                if case .null = entry.value.value { continue }
                guard let text = string(entry.value, "\(name).\(entry.key)", &diagnostics) else { ok = false; continue }
                result.append(.init(locale: entry.key, text: text))
            }
            guard ok else { return nil }
            if result.isEmpty {
                diagnostics.error("'\(name)' has no text", at: node.location)
                return nil
            }
            if result.count > 1 || result[0].locale != defaultLocale,
               !result.contains(where: { $0.locale == defaultLocale }) {
                diagnostics.error("'\(name)' has no '\(defaultLocale)' text, the site's default locale", at: node.location)
                return nil
            }
            return LocalizedText(entries: result)
        }
        switch node.value {
        case .string, .number:
            return string(node, name, &diagnostics).map { LocalizedText($0, locale: defaultLocale) }
        default:
            diagnostics.error("'\(name)' must be a string or a map from locale to string, found \(node.typeDescription)",
                              at: node.location)
            return nil
        }
    }

    static func id(_ node: SourceNode, _ name: String, _ diagnostics: inout Diagnostics) -> String? {
        guard let text = string(node, name, &diagnostics) else { return nil }
        guard Identifier.isValid(text) else {
            diagnostics.error("'\(name)' '\(Quoted.text(text))' is not a valid id: use 1 to 64 characters a-z, 0-9, '.', '_', '-', starting with a letter or digit",
                              at: node.location)
            return nil
        }
        return text
    }

    static func url(_ node: SourceNode, _ name: String, _ diagnostics: inout Diagnostics) -> String? {
        guard let text = string(node, name, &diagnostics) else { return nil }
        guard WebAddress.isAbsoluteHTTP(text) else {
            diagnostics.error("'\(name)' must be an absolute http or https URL, found '\(Quoted.text(text))'",
                              at: node.location)
            return nil
        }
        return text
    }

    static func email(_ node: SourceNode, _ name: String, _ diagnostics: inout Diagnostics) -> String? {
        guard let text = string(node, name, &diagnostics) else { return nil }
        guard EmailAddress.isPlausible(EmailAddress.normalized(text)) else {
            diagnostics.error("'\(name)' is not a plausible email address: '\(Quoted.text(text))'", at: node.location)
            return nil
        }
        return text
    }

    static func day(_ node: SourceNode, _ name: String, _ diagnostics: inout Diagnostics) -> Day? {
        guard let text = string(node, name, &diagnostics) else { return nil }
        guard let day = Day(iso: text) else {
            let shaped = text.utf8.count == 10 && text.utf8.enumerated().allSatisfy { index, byte in
                index == 4 || index == 7 ? byte == UInt8(ascii: "-") : (48...57).contains(byte)
            }
            diagnostics.error(shaped ? "'\(name)' \(text) is not a real calendar date"
                                     : "'\(name)' must be a date written YYYY-MM-DD, found '\(Quoted.text(text))'",
                              at: node.location)
            return nil
        }
        return day
    }

    static func bool(_ node: SourceNode, _ name: String, _ diagnostics: inout Diagnostics) -> Bool? {
        guard case .bool(let value) = node.value else {
            diagnostics.error("'\(name)' must be true or false, found \(node.typeDescription)", at: node.location)
            return nil
        }
        return value
    }

    static func positiveInt(_ node: SourceNode, _ name: String, _ diagnostics: inout Diagnostics) -> Int? {
        guard case .number(let literal) = node.value else {
            diagnostics.error("'\(name)' must be a whole number, found \(node.typeDescription)", at: node.location)
            return nil
        }
        guard let value = Int(literal), value > 0, value <= 365_000 else {
            diagnostics.error("'\(name)' must be a whole number of days from 1 to 365000, found \(literal)", at: node.location)
            return nil
        }
        return value
    }

    static func choice<T: RawRepresentable & CaseIterable>(_ node: SourceNode, _ name: String, _ type: T.Type,
                                                           _ diagnostics: inout Diagnostics) -> T? where T.RawValue == String {
        guard let text = string(node, name, &diagnostics) else { return nil }
        if let value = T(rawValue: text) { return value }
        let options = T.allCases.map(\.rawValue)
        var message = "'\(name)' must be one of \(options.joined(separator: ", ")); found '\(Quoted.text(text))'"
        if let suggestion = Suggestion.closest(to: text, among: options) { message += "; did you mean '\(suggestion)'?" }
        diagnostics.error(message, at: node.location)
        return nil
    }

    static func list(_ node: SourceNode, _ name: String, _ diagnostics: inout Diagnostics) -> [SourceNode]? {
        guard case .sequence(let items) = node.value else {
            diagnostics.error("'\(name)' must be a list, found \(node.typeDescription)", at: node.location)
            return nil
        }
        return items
    }

    /// The first scalar no HTML page can carry: C0 controls other than tab and line breaks, DEL, C1.
    static func firstControlCharacter(_ text: String) -> UInt32? {
        var text = text
        return text.withUTF8 { bytes -> UInt32? in
            guard let base = bytes.baseAddress else { return nil }
            let raw = UnsafeRawPointer(base)
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highBits: UInt64 = 0x8080_8080_8080_8080
            var previous: UInt8 = 0
            var index = 0
            while index < bytes.count {
                // Eight printable ASCII bytes at a time, the common case: a word with any byte
                // below 0x20, equal to 0x7F or above 0x7F is looked at byte by byte.
                if index + 8 <= bytes.count {
                    let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    let delete = word ^ (ones &* 0x7F)
                    let suspect = ((word &- ones &* 0x20) & ~word | (delete &- ones) & ~delete | word) & highBits
                    if suspect == 0 {
                        previous = 0
                        index += 8
                        continue
                    }
                }
                let end = min(bytes.count, index + 8)
                while index < end {
                    let byte = bytes[index]
                    switch byte {
                    case 0x09, 0x0A, 0x0D: break
                    case 0x00...0x1F, 0x7F: return UInt32(byte)
                    case 0x80...0x9F where previous == 0xC2: return UInt32(byte)
                    default: break
                    }
                    previous = byte
                    index += 1
                }
            }
            return nil
        }
    }

    static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
