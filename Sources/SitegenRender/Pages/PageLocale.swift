import SitegenMustache
import SitegenPlan

/// What every page of one locale shares, worked out once per build: the theme's strings (as a
/// lookup table and as the `t` object templates read) and the language's own name for the
/// language switcher.
struct PageLocale: Sendable {
    let code: String
    let strings: [String: String]
    let t: TemplateValue
    /// The language as its speakers write it ("日本語"), from the theme's `language_name`.
    let languageName: String
    /// The site's title, description and URL in this language.
    var site: TemplateValue = .null
    /// Every locale of the site as the language switcher and the hreflang alternates list them:
    /// `code`, `name`, `prefix` (`ja/`), `current` (this locale).
    var languages: TemplateValue = .list([])
    /// The verification panel's lines that read the same on every award page.
    var fixedChecks = (hosted: TemplateValue.null, recipient: TemplateValue.null, notRevoked: TemplateValue.null,
                       noExpiry: TemplateValue.null, retired: TemplateValue.null)
    /// Asset paths below the web root, with the theme's version query.
    var assetPaths = (stylesheet: "", script: "", icon: "")
    /// Strings with `{placeholders}`, split once so filling them in per page is a few appends.
    private let messages: [String: [MessagePiece]]

    enum MessagePiece: Sendable {
        case text(String)
        case slot(String)
    }

    init(code: String, strings: [String: String]) {
        self.code = code
        self.strings = strings
        self.t = .object(strings.mapValues { .string($0) })
        self.languageName = strings["language_name"] ?? code
        var messages: [String: [MessagePiece]] = [:]
        for (key, text) in strings where text.utf8.contains(UInt8(ascii: "{")) {
            messages[key] = Self.pieces(of: text)
        }
        self.messages = messages
    }

    /// Fills in the values every page of this locale shares.
    mutating func prepare(plan: SitePlan, routes: Routes, assetQuery: String, languageNames: [String: String]) {
        let fallback = plan.site.defaultLocale
        site = .object([
            "title": .string(plan.site.title.text(in: code, fallback: fallback)),
            "description": plan.site.description.map {
                .string(PageRenderer.trimmingTrailingSpace($0.text(in: code, fallback: fallback)))
            } ?? .null,
            "url": .string(routes.baseURL),
        ])
        languages = .list(plan.site.locales.map { other in
            .object([
                "code": .string(other),
                "name": .string(languageNames[other] ?? other),
                "prefix": .string(routes.localePrefix(other)),
                "current": .bool(other == code),
            ])
        })
        assetPaths = (routes.asset("style.css") + assetQuery, routes.asset("badge.js") + assetQuery,
                      routes.asset("icon.svg") + assetQuery)
        fixedChecks = (
            hosted: PageRenderer.check("ok", self, format("check_hosted", ["host": PageRenderer.host(of: routes.baseURL)])),
            recipient: PageRenderer.check("ok", self, self["check_recipient"]),
            notRevoked: PageRenderer.check("ok", self, self["check_not_revoked"]),
            noExpiry: PageRenderer.check("ok", self, self["check_no_expiry"]),
            retired: PageRenderer.check("info", self, self["check_retired"]))
    }

    /// `a {b} c` → text "a ", slot "b", text " c". A brace without a closing one is text, as in
    /// `String.replacingPlaceholders`.
    static func pieces(of text: String) -> [MessagePiece] {
        let bytes = Array(text.utf8)
        var pieces: [MessagePiece] = []
        var literalStart = 0
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "{"),
                  let close = bytes[(index + 1)...].firstIndex(of: UInt8(ascii: "}")),
                  !bytes[(index + 1)..<close].contains(UInt8(ascii: "{")) else {
                index += 1
                continue
            }
            if literalStart < index { pieces.append(.text(String(decoding: bytes[literalStart..<index], as: UTF8.self))) }
            pieces.append(.slot(String(decoding: bytes[(index + 1)..<close], as: UTF8.self)))
            index = close + 1
            literalStart = index
        }
        if literalStart < bytes.count { pieces.append(.text(String(decoding: bytes[literalStart...], as: UTF8.self))) }
        return pieces
    }

    /// A missing key shows as itself, so a gap in a theme is visible rather than silent.
    subscript(_ key: String) -> String { strings[key] ?? key }

    /// The string `key` with `{name}`-style placeholders filled in.
    func format(_ key: String, _ values: [String: String]) -> String {
        guard let pieces = messages[key] else { return self[key] }
        var out = ""
        out.reserveCapacity(96)
        for piece in pieces {
            switch piece {
            case .text(let text): out += text
            case .slot(let name):
                if let value = values[name] { out += value } else { out += "{" + name + "}" }
            }
        }
        return out
    }

    /// Typographic direction of the page; none of the bundled languages is right-to-left, but a
    /// theme that adds one says so with `dir: rtl`.
    var direction: String { strings["dir"] == "rtl" ? "rtl" : "ltr" }

    /// `og:locale` wants language_TERRITORY.
    var openGraphLocale: String? {
        if let own = strings["og_locale"], !own.isEmpty { return own }
        return nil
    }
}
