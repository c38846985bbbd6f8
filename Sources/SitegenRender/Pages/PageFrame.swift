import SitegenCard
import SitegenModel
import SitegenMustache

/// The part of every HTML page's context that the base layout reads: language, canonical URL,
/// hreflang alternates, language switcher, assets, site title and strings.
struct PageFrame {
    /// `index`, `award`…: the body class and the page's kind for stylesheets.
    var kind: String
    /// This page's path in each locale (`awards/x/`, `ja/awards/x/`).
    var path: (String) -> String
    var title: String
    var description: String?
    /// `noindex` for pages that search engines should not list (revoked awards, 404).
    var robots: String?
    /// Open Graph and Twitter card fields, nil for pages that must not be shared.
    var openGraph: TemplateValue = .null
    /// Trail from the home page: (label, path below the locale root or nil for this page).
    var breadcrumbs: [(label: String, path: String?)] = []
    /// Overrides the relative root for pages served at any depth (404).
    var absoluteRoot: String?
}

extension PageRenderer {
    /// The page's contexts, outermost first: the fields every page of its kind and depth shares,
    /// then the page's own record, which the caller completes.
    func frame(_ frame: PageFrame, _ locale: PageLocale) -> (shared: TemplateValue, page: TemplateRecord) {
        let ownPath = frame.path(locale.code)
        // Every page route is the locale's prefix plus the same path, so the alternates and the
        // language switcher are `prefix + path` from lists made once per locale.
        let path = frame.path(plan.site.defaultLocale)
        let root = frame.absoluteRoot ?? Self.rootPrefix(ownPath)
        var crumbs: [TemplateValue] = []
        if !frame.breadcrumbs.isEmpty {
            crumbs.append(.record(["label": .string(locale["home"]), "href": .string(root + routes.index(locale.code))]))
            for crumb in frame.breadcrumbs {
                crumbs.append(.record(["label": .string(crumb.label), "href": crumb.path.map { .string(root + $0) } ?? .null]))
            }
        }
        var page = TemplateRecord(minimumCapacity: 24)
        framePage(&page, title: frame.title, description: frame.description, robots: frame.robots,
                  canonical: routes.url(ownPath), path: path, openGraph: frame.openGraph,
                  breadcrumbs: crumbs.isEmpty ? .null : .record(["items": .list(crumbs)]), locale)
        let shared: TemplateValue
        if root == locale.itemRoot, let prepared = locale.itemFrames[frame.kind] {
            shared = prepared
        } else {
            shared = sharedFrame(kind: frame.kind, root: root, locale)
        }
        return (shared, page)
    }

    /// The frame fields that depend only on the kind of page, its depth and its locale.
    func sharedFrame(kind: String, root: String, _ locale: PageLocale) -> TemplateValue {
        .record([
            "kind": .string(kind),
            "lang": .string(locale.code),
            "dir": .string(locale.direction),
            "languages": locale.languages,
            "language": .string(locale.languageName),
            "root": .string(root),
            "home": .string(root + routes.index(locale.code)),
            "stylesheet": .string(root + locale.assetPaths.stylesheet),
            "script": .string(root + locale.assetPaths.script),
            "icon": .string(root + locale.assetPaths.icon),
            "site": locale.site,
            "t": locale.t,
        ])
    }

    /// The frame fields of the page itself.
    func framePage(_ page: inout TemplateRecord, title: String, description: String?, robots: String?,
                   canonical: String, path: String, openGraph: TemplateValue, breadcrumbs: TemplateValue,
                   _ locale: PageLocale) {
        page["title"] = .string(title.isEmpty ? locale.siteTitle : title + " | " + locale.siteTitle)
        page["description"] = description.map { .string($0) } ?? .null
        page["robots"] = robots.map { .string($0) } ?? .null
        page["canonical"] = .string(canonical)
        page["path"] = .string(path)
        page["og"] = openGraph
        page["breadcrumbs"] = breadcrumbs
    }

    /// `Routes.root(from:)`, but `./` for the web root itself, so every relative link of a page
    /// is non-empty.
    static func rootPrefix(_ path: String) -> String {
        let root = Routes.root(from: path)
        return root.isEmpty ? "./" : root
    }

    /// Open Graph and Twitter card fields. `image` is an absolute PNG or JPEG URL or nil: link
    /// previews on LinkedIn and Facebook do not show SVG.
    func openGraph(type: String, title: String, description: String?, url: String, locale: PageLocale,
                   image: (url: String, alt: String, width: Int?, height: Int?, large: Bool)?) -> TemplateValue {
        openGraph(type: type, title: title, description: description, url: url, locale: locale,
                  image: image.map(Self.openGraphImage), twitterCard: image?.large == true ? "summary_large_image" : "summary")
    }

    /// `image` is the `og.image` object; without one the key is left out.
    func openGraph(type: String, title: String, description: String?, url: String, locale: PageLocale,
                   image: TemplateValue?, twitterCard: String) -> TemplateValue {
        var og: TemplateRecord = [
            "type": .string(type),
            "title": .string(title),
            "description": description.map { .string($0) } ?? .null,
            "url": .string(url),
            "siteName": .string(locale.siteTitle),
            "locale": locale.openGraphLocale.map { .string($0) } ?? .null,
            "twitterCard": .string(twitterCard),
        ]
        if let image { og["image"] = image }
        return .record(og)
    }

    static func openGraphImage(_ image: (url: String, alt: String, width: Int?, height: Int?, large: Bool)) -> TemplateValue {
        .record([
            "url": .string(image.url),
            "alt": .string(image.alt),
            "width": image.width.map { .string(String($0)) } ?? .null,
            "height": image.height.map { .string(String($0)) } ?? .null,
            "type": .string(image.url.hasSuffix(".jpg") || image.url.hasSuffix(".jpeg") ? "image/jpeg" : "image/png"),
        ])
    }

    /// The picture link previews use for a badge: its `social_image`, else its 1200×630 card in
    /// `locale` (`SocialCards`).
    func previewImage(_ badgeIndex: Int, alt: String, locale: String? = nil) -> (url: String, alt: String, width: Int?, height: Int?, large: Bool)? {
        let badge = plan.badges[badgeIndex].badge
        if let social = badge.socialImage, social.format != .svg {
            let size = ImageSize.of(social)
            let path = routes.socialImage(badge.id, social.format == .jpeg ? "jpg" : "png")
            return (routes.url(path), alt, size?.width, size?.height, true)
        }
        if let card = SocialCards.path(badgeIndex, locale: locale ?? routes.defaultLocale, plan: plan, routes: routes) {
            return (routes.url(card), alt, CardStyle.width, CardStyle.height, true)
        }
        return nil
    }

    /// The preview of a set of badges (an issuer's, or the catalogue's): the card of the one
    /// with the most public earners (`SocialCards.featuredBadge`).
    func featuredPreviewImage(issuer: Int?, locale: PageLocale) -> (url: String, alt: String, width: Int?, height: Int?, large: Bool)? {
        SocialCards.featuredBadge(plan, issuer: issuer).flatMap { previewImage($0, alt: text(plan.badges[$0].badge.name, locale), locale: locale.code) }
    }

    /// `{text, iso}` for a `<time>` element, made once per day and locale.
    func dateValue(_ day: Day, _ locale: PageLocale) -> TemplateValue {
        if let made = locale.dayValues[day.daysSinceEpoch] { return made }
        return Self.dateValue(day, text: dates.text(day, locale.code))
    }

    /// `dateValue` written into a page's document, where a template finds its fields fastest.
    func writeDate(_ day: Day, _ locale: PageLocale, to page: TemplateDocument.Writer) {
        page.beginRecord()
        page.field("text", dateText(day, locale))
        page.field("iso") { out in
            out.append(upTo: Day.digitCount) { target in
                day.write(to: target)
                return Day.digitCount
            }
        }
        page.endRecord()
    }

    /// `writeDate`, or null.
    func writeDate(_ day: Day?, _ locale: PageLocale, to page: TemplateDocument.Writer) {
        if let day { writeDate(day, locale, to: page) } else { page.null() }
    }

    /// The day as the locale writes it.
    func dateText(_ day: Day, _ locale: PageLocale) -> String {
        locale.dayTexts[day.daysSinceEpoch] ?? dates.text(day, locale.code)
    }

    /// "March 2026", as LinkedIn's form asks for it.
    func monthText(_ day: Day, _ locale: PageLocale) -> String {
        locale.months[MonthYearTexts.index(day)] ?? months.text(day, locale.code)
    }

    static func dateValue(_ day: Day, text: String) -> TemplateValue {
        .record(["text": .string(text), "iso": .string(day.description)])
    }
}
