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
    func frame(_ frame: PageFrame, _ locale: PageLocale) -> [String: TemplateValue] {
        let ownPath = frame.path(locale.code)
        let root = frame.absoluteRoot ?? Routes.root(from: ownPath)
        var alternates: [TemplateValue] = []
        var languages: [TemplateValue] = []
        alternates.reserveCapacity(plan.site.locales.count)
        languages.reserveCapacity(plan.site.locales.count)
        for code in plan.site.locales {
            let path = frame.path(code)
            alternates.append(.object(["hreflang": .string(code), "href": .string(routes.url(path))]))
            languages.append(.object([
                "code": .string(code),
                "name": .string(locales[code]?.languageName ?? code),
                "href": .string(Self.link(root, path)),
                "current": .bool(code == locale.code),
            ]))
        }
        let title = frame.title.isEmpty ? text(plan.site.title, locale) : frame.title + " | " + text(plan.site.title, locale)
        var crumbs: [TemplateValue] = []
        if !frame.breadcrumbs.isEmpty {
            crumbs.append(.object(["label": .string(locale["home"]), "href": .string(Self.link(root, routes.index(locale.code)))]))
            for crumb in frame.breadcrumbs {
                crumbs.append(.object(["label": .string(crumb.label), "href": crumb.path.map { .string(Self.link(root, $0)) } ?? .null]))
            }
        }
        return [
            "kind": .string(frame.kind),
            "lang": .string(locale.code),
            "dir": .string(locale.direction),
            "title": .string(title),
            "description": frame.description.map { .string($0) } ?? .null,
            "robots": frame.robots.map { .string($0) } ?? .null,
            "canonical": .string(routes.url(ownPath)),
            "alternates": .list(alternates),
            "xDefault": .string(routes.url(frame.path(plan.site.defaultLocale))),
            "languages": .list(languages),
            "language": .string(locale.languageName),
            "root": .string(root),
            "home": .string(Self.link(root, routes.index(locale.code))),
            "stylesheet": .string(root + routes.asset("style.css") + assetQuery),
            "script": .string(root + routes.asset("badge.js") + assetQuery),
            "icon": .string(root + routes.asset("icon.svg") + assetQuery),
            "og": frame.openGraph,
            "breadcrumbs": crumbs.isEmpty ? .null : .object(["items": .list(crumbs)]),
            "site": siteValue(locale),
            "t": locale.t,
        ]
    }

    func siteValue(_ locale: PageLocale) -> TemplateValue {
        .object([
            "title": .string(text(plan.site.title, locale)),
            "description": text(plan.site.description, locale).map { .string($0) } ?? .null,
            "url": .string(routes.baseURL),
        ])
    }

    /// A relative link from a page's root prefix to a path; the web root itself is `./`.
    static func link(_ root: String, _ path: String) -> String {
        let joined = root + path
        return joined.isEmpty ? "./" : joined
    }

    /// Open Graph and Twitter card fields. `image` is an absolute PNG or JPEG URL or nil: link
    /// previews on LinkedIn and Facebook do not show SVG.
    func openGraph(type: String, title: String, description: String?, url: String, locale: PageLocale,
                   image: (url: String, alt: String, width: Int?, height: Int?, large: Bool)?) -> TemplateValue {
        var og: [String: TemplateValue] = [
            "type": .string(type),
            "title": .string(title),
            "description": description.map { .string($0) } ?? .null,
            "url": .string(url),
            "siteName": .string(text(plan.site.title, locale)),
            "locale": locale.openGraphLocale.map { .string($0) } ?? .null,
            "twitterCard": .string(image?.large == true ? "summary_large_image" : "summary"),
        ]
        if let image {
            og["image"] = .object([
                "url": .string(image.url),
                "alt": .string(image.alt),
                "width": image.width.map { .string(String($0)) } ?? .null,
                "height": image.height.map { .string(String($0)) } ?? .null,
            ])
        }
        return .object(og)
    }

    /// The picture link previews use for a badge: its `social_image`, else its image when that
    /// is PNG or JPEG, else none.
    func previewImage(_ badgeIndex: Int, alt: String) -> (url: String, alt: String, width: Int?, height: Int?, large: Bool)? {
        let badge = plan.badges[badgeIndex].badge
        if let social = badge.socialImage, social.format != .svg {
            let size = ImageSize.of(social)
            let path = routes.socialImage(badge.id, social.format == .jpeg ? "jpg" : "png")
            return (routes.url(path), alt, size?.width, size?.height, true)
        }
        if badge.image.format != .svg {
            let size = ImageSize.of(badge.image)
            return (routes.url(routes.badgeImage(badge.id, badge.image.format.rawValue)), alt, size?.width, size?.height, false)
        }
        return nil
    }

    /// `{text, iso}` for a `<time>` element.
    func dateValue(_ day: Day, _ locale: PageLocale) -> TemplateValue {
        .object(["text": .string(dates.text(day, locale.code)), "iso": .string(day.description)])
    }
}
