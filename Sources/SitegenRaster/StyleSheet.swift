import Foundation

/// A `<style>` sheet reduced to what badge artwork uses: rules whose selectors are compound
/// simple selectors (`rect`, `.mark`, `#rim`, `circle.mark`, `*`) in comma lists. Rules with
/// other selectors (combinators, attributes, pseudo-classes) and at-rules are dropped and named
/// in `unsupported`.
struct StyleSheet {
    struct Selector {
        var type: String?
        var id: String?
        var classes: [String] = []
        /// CSS specificity as (ids, classes, types), packed so that a larger number wins.
        var specificity: Int { (id == nil ? 0 : 1) << 16 | classes.count << 8 | (type == nil ? 0 : 1) }

        func matches(_ element: XMLElement) -> Bool {
            if let type, type != element.localName { return false }
            if let id, element.attribute("id") != id { return false }
            if !classes.isEmpty {
                let have = (element.attribute("class") ?? "").split(whereSeparator: { $0 == " " })
                for c in classes where !have.contains(Substring(c)) { return false }
            }
            return true
        }
    }

    struct Rule {
        var selector: Selector
        var declarations: [Declaration]
        var order: Int
    }

    var rules: [Rule] = []
    var unsupported: [String] = []

    mutating func add(_ text: String) {
        let css = Self.stripComments(text)
        var rest = Substring(css)
        while let open = rest.firstIndex(of: "{") {
            var prelude = rest[..<open].trimmingCharacters(in: .whitespacesAndNewlines)
            // Statement at-rules (`@import …;`, `@charset …;`) end at a semicolon, not a block.
            while prelude.hasPrefix("@"), let semicolon = prelude.firstIndex(of: ";") {
                unsupported.append("CSS at-rule \(prelude.split(separator: " ").first ?? "")")
                prelude = prelude[prelude.index(after: semicolon)...].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            guard let close = Self.matchingBrace(in: rest, from: open) else { break }
            let body = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            if prelude.hasPrefix("@") {
                unsupported.append("CSS at-rule \(prelude.split(separator: " ").first ?? "")")
                continue
            }
            let declarations = Declaration.parseList(body)
            for part in prelude.split(separator: ",") {
                let selectorText = part.trimmingCharacters(in: .whitespacesAndNewlines)
                if let selector = Self.parseSelector(selectorText) {
                    rules.append(Rule(selector: selector, declarations: declarations, order: rules.count))
                } else {
                    unsupported.append("CSS selector \(selectorText)")
                }
            }
        }
    }

    /// The sheet's declarations for an element, lowest priority first: by specificity, then order.
    func declarations(for element: XMLElement) -> [Declaration] {
        let matching = rules.filter { $0.selector.matches(element) }
            .sorted { ($0.selector.specificity, $0.order) < ($1.selector.specificity, $1.order) }
        return matching.flatMap(\.declarations)
    }

    private static func parseSelector(_ text: String) -> Selector? {
        guard !text.isEmpty else { return nil }
        var selector = Selector()
        var i = text.startIndex
        func name() -> String {
            let start = i
            while i < text.endIndex, text[i].isLetter || text[i].isNumber || text[i] == "-" || text[i] == "_" { i = text.index(after: i) }
            return String(text[start..<i])
        }
        if text[i] == "*" {
            i = text.index(after: i)
        } else if text[i].isLetter {
            selector.type = name()
        }
        while i < text.endIndex {
            let c = text[i]
            i = text.index(after: i)
            let n = name()
            if n.isEmpty { return nil }
            switch c {
            case ".": selector.classes.append(n)
            case "#": if selector.id != nil && selector.id != n { return nil } else { selector.id = n }
            default: return nil
            }
        }
        return selector
    }

    private static func matchingBrace(in text: Substring, from open: Substring.Index) -> Substring.Index? {
        var depth = 0
        var i = open
        while i < text.endIndex {
            if text[i] == "{" { depth += 1 }
            if text[i] == "}" { depth -= 1; if depth == 0 { return i } }
            i = text.index(after: i)
        }
        return nil
    }

    static func stripComments(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let start = rest.range(of: "/*") {
            out += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].range(of: "*/") else { return out }
            rest = rest[end.upperBound...]
        }
        return out + rest
    }
}

/// One `property: value` pair, from a sheet or a `style` attribute.
struct Declaration {
    var property: String
    var value: String
    var important: Bool

    static func parseList(_ text: some StringProtocol) -> [Declaration] {
        StyleSheet.stripComments(String(text)).split(separator: ";").compactMap { item in
            guard let colon = item.firstIndex(of: ":") else { return nil }
            let property = item[..<colon].trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            var value = item[item.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
            var important = false
            if let bang = value.range(of: "!important", options: [.caseInsensitive, .backwards]) {
                important = true
                value = value[..<bang.lowerBound].trimmingCharacters(in: .whitespaces)
            }
            guard !property.isEmpty, !value.isEmpty else { return nil }
            return Declaration(property: property, value: value, important: important)
        }
    }
}
