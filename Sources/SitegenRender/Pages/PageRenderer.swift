import SitegenModel
import SitegenMustache
import SitegenPlan
import SitegenSource

/// Turns the plan into the site's HTML pages through the theme's templates. The view model is
/// built here, not in templates: every URL is made and encoded in Swift, and every value is
/// text that the template's `{{ }}` escapes for its place. The one raw value is the page's
/// JSON-LD, which the JSON writer has already made safe inside `<script>`.
///
/// Everything that does not depend on the single page (strings, badges and issuers as item pages
/// show them) is worked out once here, so a page costs little more than its own fields.
public final class PageRenderer: Sendable {
    let plan: SitePlan
    let theme: Theme
    let routes: Routes
    let dates: DateTexts
    let documents: OpenBadgesDocuments
    /// Who signs the awards' Open Badges 3.0 credentials; nil when the site writes none.
    let credentialIssuer: OpenBadgeCredentials.Signer?
    /// The fragment of the signer's verification method (`key-1`), as the page names the key.
    let credentialKey: String
    let months: MonthYearTexts
    /// Each locale's strings and the views its pages share (badges, issuers, frames, days).
    let locales: [String: PageLocale]
    /// Appended to asset URLs so a changed theme is fetched again despite long cache lifetimes.
    let assetQuery: String
    let specializedTemplates = SpecializedTemplates()
    /// Where award pages write their views' texts, a buffer per thread reused page after page.
    let pageTexts = PageTexts.Pool()
    /// The web root's path on its host (`/`, `/credentials/`): the 404 page is served at any
    /// depth, so it cannot link relatively.
    let rootPath: String

    public init(plan: SitePlan, theme: Theme, routes: Routes, dates: DateTexts, documents: OpenBadgesDocuments,
                credentialIssuer: OpenBadgeCredentials.Signer? = nil) {
        self.plan = plan
        self.credentialIssuer = credentialIssuer
        credentialKey = credentialIssuer.map { String($0.verificationMethod.split(separator: "#").last ?? "") } ?? ""
        self.theme = theme
        self.routes = routes
        self.dates = dates
        self.documents = documents
        assetQuery = "?v=" + String(theme.fingerprint.prefix(12))
        rootPath = Self.path(of: routes.baseURL)

        // Read field by field in place: a loop over the awards would copy each one, a reference
        // count for every string it holds.
        var months = Set<MonthYearTexts.Month>()
        var days = Set<Day>()
        plan.awards.withUnsafeBufferPointer { awards in
            for index in awards.indices {
                let issued = awards[index].issuedOn
                days.insert(issued)
                months.insert(.init(year: issued.year, month: issued.month))
                if let expires = awards[index].expiresOn {
                    days.insert(expires)
                    months.insert(.init(year: expires.year, month: expires.month))
                }
                if let revoked = awards[index].revocation?.date { days.insert(revoked) }
            }
        }
        self.months = MonthYearTexts(months: months, locales: plan.site.locales)

        var locales: [String: PageLocale] = [:]
        for code in plan.site.locales + [plan.site.defaultLocale] where locales[code] == nil {
            locales[code] = PageLocale(code: code, strings: theme.strings.table(for: code))
        }
        let names = locales.mapValues(\.languageName)
        for locale in locales.values {
            locale.prepare(plan: plan, routes: routes, assetQuery: assetQuery, languageNames: names)
        }
        self.locales = locales

        // Views read only the fields set above; the shared views are filled in last.
        for (code, locale) in locales {
            for kind in ["award", "badge", "issuer", "holder"] {
                locale.itemFrames[kind] = sharedFrame(kind: kind, root: locale.itemRoot, locale)
            }
            locale.awardFrame = locale.itemFrames["award"]
            locale.embedRoot = Routes.root(from: routes.embed("x"))
            locale.embedFrame = embedFrame(locale, root: locale.embedRoot)
            locale.embedLayers = plan.badges.indices.map { embedLayer($0, locale, root: locale.embedRoot) }
            locale.issuers = plan.issuers.indices.map { issuerView($0, locale, root: locale.itemRoot) }
            locale.badges = plan.badges.indices.map { badgeParts($0, locale) }
            locale.snippetParts = plan.badges.map {
                SnippetParts(badge: $0, plan: plan, routes: routes, locale: code, strings: locale.strings)
            }
            var dayTexts: [Int: String] = [:]
            for day in days { dayTexts[day.daysSinceEpoch] = dates.text(day, code) }
            locale.dayTexts = DenseTable(dayTexts)
            locale.months = self.months.table(for: code)
        }
    }

    public func indexPage(locale: String) throws(Diagnostic) -> [UInt8] {
        try render("index", indexContexts(locale: try pageLocale(locale)).contexts)
    }

    public func issuerPage(_ issuerIndex: Int, locale: String) throws(Diagnostic) -> [UInt8] {
        guard plan.issuers.indices.contains(issuerIndex) else { throw Self.noSuch("issuer", issuerIndex) }
        return try render("issuer", issuerContexts(issuerIndex, try pageLocale(locale)).contexts)
    }

    public func badgePage(_ badgeIndex: Int, locale: String) throws(Diagnostic) -> [UInt8] {
        guard plan.badges.indices.contains(badgeIndex) else { throw Self.noSuch("badge", badgeIndex) }
        return try render("badge", badgeContexts(badgeIndex, try pageLocale(locale)).contexts)
    }

    public func awardPage(_ awardIndex: Int, locale: String) throws(Diagnostic) -> [UInt8] {
        guard plan.awards.indices.contains(awardIndex) else { throw Self.noSuch("award", awardIndex) }
        let locale = try pageLocale(locale)
        // The badge's first public award shows what an award page of the badge usually holds.
        let sample = plan.badges[plan.awards[awardIndex].badgeIndex].listedAwards.first ?? awardIndex
        return try render("award", awardContexts(awardIndex, locale)) { awardContexts(sample, locale).page }
    }

    public func holderPage(_ holderIndex: Int, locale: String) throws(Diagnostic) -> [UInt8] {
        guard plan.holders.indices.contains(holderIndex) else { throw Self.noSuch("holder", holderIndex) }
        return try render("holder", holderContexts(holderIndex, try pageLocale(locale)).contexts)
    }

    /// The iframe card, in the holder's language. Revoked awards have none.
    public func embedCard(_ awardIndex: Int) throws(Diagnostic) -> [UInt8] {
        guard plan.awards.indices.contains(awardIndex) else { throw Self.noSuch("award", awardIndex) }
        let award = plan.awards[awardIndex]
        guard award.isListed else {
            throw Diagnostic.error("award '\(award.id)' is revoked and has no embed card", at: nil)
        }
        let locale = try pageLocale(award.holder.locale)
        let sample = plan.badges[award.badgeIndex].listedAwards.first ?? awardIndex
        return try render("embed", embedContexts(awardIndex, locale)) { embedContexts(sample, locale).page }
    }

    /// An award's share links and embed codes, in the holder's language. `pageURL` is the
    /// award's one URL, when the caller has it at hand.
    func snippetTexts(_ award: PublishedAward, pageURL: String? = nil) -> SnippetTexts {
        let holderName = award.holder.name.text(in: award.holder.locale, fallback: plan.site.defaultLocale)
        let pageURL = pageURL ?? routes.url(routes.awardPage(award.id, routes.defaultLocale))
        if let locale = locales[award.holder.locale], locale.snippetParts.indices.contains(award.badgeIndex) {
            return SnippetTexts(award: award, pageURL: pageURL, parts: locale.snippetParts[award.badgeIndex], holderName: holderName)
        }
        let parts = SnippetParts(badge: plan.badges[award.badgeIndex], plan: plan, routes: routes, locale: award.holder.locale,
                                 strings: locales[plan.site.defaultLocale]?.strings ?? [:])
        return SnippetTexts(award: award, pageURL: pageURL, parts: parts, holderName: holderName)
    }

    public func notFoundPage(locale: String) throws(Diagnostic) -> [UInt8] {
        try render("404", notFoundContexts(try pageLocale(locale)).contexts)
    }

    // MARK: shared

    /// `contexts` outermost first: what the page shares with others of its kind, then its own.
    func render(_ template: String, _ contexts: [TemplateValue]) throws(Diagnostic) -> [UInt8] {
        try theme.templates.render(template, contexts: contexts)
    }

    /// A page whose shared contexts other pages have too goes through the template specialized
    /// for them; `sample` is the own context of a typical such page, asked for once.
    func render(_ template: String, _ contexts: PageContexts, sample: () -> TemplateValue) throws(Diagnostic) -> [UInt8] {
        guard let key = contexts.sharing else { return try render(template, contexts.shared + [contexts.page]) }
        let specialized = specializedTemplates.template(key) {
            theme.templates.specialize(template, shared: contexts.shared, sample: sample())
        }
        return try specialized.render(contexts.page)
    }

    func pageLocale(_ code: String) throws(Diagnostic) -> PageLocale {
        guard let locale = locales[code] else {
            throw Diagnostic.error("locale '\(code)' is not one of the site's locales (\(plan.site.locales.joined(separator: ", ")))", at: nil)
        }
        return locale
    }

    static func noSuch(_ what: String, _ index: Int) -> Diagnostic {
        Diagnostic.error("no \(what) at index \(index) in the site plan", at: nil)
    }

    /// Content text in the page's language, else the site's default. Trailing line breaks (a
    /// folded YAML block keeps one) would show as an empty line under `white-space: pre-line`.
    func text(_ value: LocalizedText, _ locale: PageLocale) -> String {
        Self.trimmingTrailingSpace(value.text(in: locale.code, fallback: plan.site.defaultLocale))
    }

    func text(_ value: LocalizedText?, _ locale: PageLocale) -> String? {
        value.map { text($0, locale) }
    }

    static func trimmingTrailingSpace(_ text: String) -> String {
        guard let last = text.utf8.last, last == 0x0A || last == 0x0D || last == 0x20 || last == 0x09 else { return text }
        var end = text.utf8.endIndex
        while end > text.utf8.startIndex {
            let before = text.utf8.index(before: end)
            let byte = text.utf8[before]
            guard byte == 0x0A || byte == 0x0D || byte == 0x20 || byte == 0x09 else { break }
            end = before
        }
        return String(text[..<end])
    }

    /// `https://host/a/b/` → `/a/b/`.
    static func path(of url: String) -> String {
        guard let scheme = url.range(of: "://") else { return "/" }
        let rest = url[scheme.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        return String(rest[slash...])
    }

    /// `https://host:8000/a/` → `host:8000`.
    static func host(of url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        return String(rest[..<(rest.firstIndex(of: "/") ?? rest.endIndex)])
    }
}
