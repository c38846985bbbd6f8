import SitegenModel
import SitegenMustache
import SitegenPlan

/// What every page of one locale shares, worked out once per build: the theme's strings (as a
/// lookup table and as the `t` object templates read), the language's own name for the
/// language switcher, and the views of badges and issuers as item pages show them.
///
/// A class, so that a page takes it by reference rather than copying its many fields. Its
/// `var`s are set while `PageRenderer.init` builds it and never after it is shared.
final class PageLocale: @unchecked Sendable {
    let code: String
    let strings: [String: String]
    let t: TemplateValue
    /// `og:locale` wants language_TERRITORY: the strings' `og_locale`, or nil.
    let openGraphLocale: String?
    /// The language as its speakers write it ("日本語"), from the theme's `language_name`.
    let languageName: String
    /// The site's title, description and URL in this language.
    var site: TemplateValue = .null
    /// The site's title as page titles and link previews show it, trailing line breaks dropped.
    var siteTitle = ""
    /// Every locale of the site as the language switcher and the hreflang alternates list them:
    /// `code`, `name`, `prefix` (`ja/`), `current` (this locale).
    var languages: TemplateValue = .list([])
    /// The verification panel's lines that read the same on every award page, as prototypes
    /// pages copy (set in `init`; empty records until then).
    var fixedChecks = (hosted: Prototype.empty, recipient: Prototype.empty, notRevoked: Prototype.empty,
                       noExpiry: Prototype.empty, retired: Prototype.empty)
    /// Asset paths below the web root, with the theme's version query.
    var assetPaths = (stylesheet: "", script: "", icon: "")
    /// The way back to the web root from a page one folder below the locale's root
    /// (`awards/x/`, `ja/badges/x/`): every item page's.
    var itemRoot = ""
    /// The frame context every item page of a kind shares (`award`, `badge`, `issuer`, `holder`),
    /// rendered beneath the page's own context.
    var itemFrames: [String: TemplateValue] = [:]
    /// `itemFrames["award"]`, read for every award page.
    var awardFrame: TemplateValue?
    /// The first breadcrumb of every item page.
    var homeCrumb = Prototype.empty
    /// Each badge and issuer as item pages show them, by plan index.
    var badges: [BadgeParts] = []
    /// Each badge's share and embed snippet parts for holders of this locale, by plan index.
    var snippetParts: [SnippetParts] = []
    var issuers: [TemplateValue] = []
    /// Strings every award page shows, looked up once (set by `prepare`).
    private(set) var awardLabels: AwardLabels!
    /// The frame context of the embed card, which every award's shares, and its root.
    var embedFrame: TemplateValue = .null
    var embedRoot = ""
    /// Each badge and its issuer as cards show them, by plan index.
    var embedLayers: [TemplateValue] = []
    /// Every day an award names, by days since 1970, as the language writes it.
    var dayTexts = DenseTable<String>()
    /// "March 2026" for every month an award names, by `MonthYearTexts.index`.
    var months = DenseTable<String>()
    /// Strings with `{placeholders}`, split once so filling them in per page is a few appends.
    private let messages: [String: [MessagePiece]]

    enum MessagePiece: Sendable {
        case text(String)
        case slot(String)
    }

    init(code: String, strings: [String: String]) {
        self.code = code
        self.strings = strings
        self.t = .record(TemplateRecord(strings.mapValues { .string($0) }))
        self.languageName = strings["language_name"] ?? code
        openGraphLocale = strings["og_locale"].flatMap { $0.isEmpty ? nil : $0 }
        var messages: [String: [MessagePiece]] = [:]
        for (key, text) in strings where text.utf8.contains(UInt8(ascii: "{")) {
            messages[key] = Self.pieces(of: text)
        }
        self.messages = messages
    }

    /// Fills in the values every page of this locale shares.
    func prepare(plan: SitePlan, routes: Routes, assetQuery: String, languageNames: [String: String]) {
        let fallback = plan.site.defaultLocale
        let title = plan.site.title.text(in: code, fallback: fallback)
        siteTitle = PageRenderer.trimmingTrailingSpace(title)
        site = .record([
            "title": .string(title),
            "description": plan.site.description.map {
                .string(PageRenderer.trimmingTrailingSpace($0.text(in: code, fallback: fallback)))
            } ?? .null,
            "url": .string(routes.baseURL),
            "contact": plan.site.contact.map { .string($0) } ?? .null,
            "contact_url": plan.site.contact.flatMap(SiteContact.href).map { .string($0) } ?? .null,
        ])
        languages = .list(plan.site.locales.map { other in
            .record([
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
        itemRoot = Routes.root(from: routes.badgePage("x", code))
        homeCrumb = Prototype(LinkView(label: self["home"], href: itemRoot + routes.index(code)))
        awardLabels = AwardLabels(self)
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
        format(key) { values[$0] }
    }

    /// The string `key` with each placeholder replaced by `value(name)`; a placeholder `value`
    /// knows nothing of stays as written.
    func format(_ key: String, _ value: (String) -> String?) -> String {
        Self.format(message(key), value)
    }

    /// The pieces of string `key`, for formatting it many times.
    func message(_ key: String) -> [MessagePiece] {
        messages[key] ?? [.text(self[key])]
    }

    static func format(_ pieces: [MessagePiece], _ value: (String) -> String?) -> String {
        if pieces.count == 1, case .text(let text) = pieces[0] { return text }
        return written { append(pieces, value, to: &$0) }
    }

    /// Text written piece by piece into stack memory (`WrittenText.init` says why), as a String.
    static func written(_ write: (inout TextBuffer) -> Void) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1024) { memory in
            var out = TextBuffer(lent: memory.baseAddress.unsafelyUnwrapped, capacity: memory.count)
            write(&out)
            return out.string
        }
    }

    /// `format`, written into `out`.
    static func append(_ pieces: [MessagePiece], _ value: (String) -> String?, to out: inout TextBuffer) {
        // Pieces read in place: `for piece in pieces` copied each, a retain and a release of its
        // text, some thirty per award page.
        pieces.withUnsafeBufferPointer { pieces in
            for index in pieces.indices { append(pieces[index], value, to: &out) }
        }
    }

    private static func append(_ piece: borrowing MessagePiece, _ value: (String) -> String?, to out: inout TextBuffer) {
        switch piece {
        case .text(let text): out.append(text)
        case .slot(let name):
            if let value = value(name) {
                out.append(value)
            } else {
                out.append("{")
                out.append(name)
                out.append("}")
            }
        }
    }

    func format(_ key: String, _ names: AwardNames) -> String {
        format(key) { names($0) }
    }

    static func format(_ pieces: [MessagePiece], _ names: AwardNames) -> String {
        format(pieces) { names($0) }
    }

    static func append(_ pieces: [MessagePiece], _ names: AwardNames, to out: inout TextBuffer) {
        append(pieces, { names($0) }, to: &out)
    }

    /// Typographic direction of the page; none of the bundled languages is right-to-left, but a
    /// theme that adds one says so with `dir: rtl`.
    var direction: String { strings["dir"] == "rtl" ? "rtl" : "ltr" }
}

/// The names award messages fill in (`{badge} from {issuer}`).
struct AwardNames {
    var badge: String
    var issuer: String
    var name: String
    var date: String

    func callAsFunction(_ slot: String) -> String? {
        switch slot {
        case "badge": return badge
        case "issuer": return issuer
        case "name": return name
        case "date": return date
        default: return nil
        }
    }
}
