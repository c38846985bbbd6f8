import SitegenCard
import SitegenModel
import SitegenMustache

/// What a page tells `PageRenderer.frame` about itself to get its frame: the base layout's
/// language, canonical URL, hreflang alternates, language switcher, assets and strings.
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
    var openGraph: OpenGraphView?
    /// Trail from the home page: (label, path below the locale root or nil for this page).
    var breadcrumbs: [(label: String, path: String?)] = []
    /// Overrides the relative root for pages served at any depth (404).
    var absoluteRoot: String?
}

extension PageRenderer {
    /// The page's frame: the context every page of its kind and depth shares, and the page's
    /// own frame fields.
    func frame(_ frame: PageFrame, _ locale: PageLocale) -> (shared: TemplateValue, fields: FrameFields) {
        let ownPath = frame.path(locale.code)
        // Every page route is the locale's prefix plus the same path, so the alternates and the
        // language switcher are `prefix + path` from lists made once per locale.
        let path = frame.path(plan.site.defaultLocale)
        let root = frame.absoluteRoot ?? Self.rootPrefix(ownPath)
        var breadcrumbs: Breadcrumbs?
        if !frame.breadcrumbs.isEmpty {
            var items = [Crumb.link(LinkView(label: locale["home"], href: root + routes.index(locale.code)))]
            for crumb in frame.breadcrumbs {
                items.append(.link(LinkView(label: crumb.label, href: crumb.path.map { root + $0 })))
            }
            breadcrumbs = Breadcrumbs(items: items)
        }
        let fields = FrameFields(
            title: frame.title.isEmpty ? locale.siteTitle : frame.title + " | " + locale.siteTitle,
            description: frame.description, robots: frame.robots, canonical: routes.url(ownPath), path: path,
            og: frame.openGraph, breadcrumbs: breadcrumbs)
        let shared: TemplateValue
        if root == locale.itemRoot, let prepared = locale.itemFrames[frame.kind] {
            shared = prepared
        } else {
            shared = sharedFrame(kind: frame.kind, root: root, locale)
        }
        return (shared, fields)
    }

    /// The frame fields that depend only on the kind of page, its depth and its locale.
    func sharedFrame(kind: String, root: String, _ locale: PageLocale) -> TemplateValue {
        SharedFrameView(
            kind: kind, lang: locale.code, dir: locale.direction, languages: locale.languages,
            language: locale.languageName, root: root, home: root + routes.index(locale.code),
            stylesheet: root + locale.assetPaths.stylesheet, script: root + locale.assetPaths.script,
            icon: root + locale.assetPaths.icon, site: locale.site, t: locale.t
        ).templateValue
    }

    /// `Routes.root(from:)`, but `./` for the web root itself, so every relative link of a page
    /// is non-empty.
    static func rootPrefix(_ path: String) -> String {
        let root = Routes.root(from: path)
        return root.isEmpty ? "./" : root
    }

    /// Open Graph and Twitter card fields; `image` is the picture link previews show, if any.
    func openGraph(type: String, title: String, description: String?, url: String, locale: PageLocale,
                   image: PreviewImage?) -> OpenGraphView {
        OpenGraphView(type: type, title: title, description: description, url: url, siteName: locale.siteTitle,
                      locale: locale.openGraphLocale, twitterCard: image?.large == true ? "summary_large_image" : "summary",
                      image: image?.openGraph)
    }

    /// The picture link previews use for a badge: its `social_image`, else its 1200×630 card in
    /// `locale` (`SocialCards`).
    func previewImage(_ badgeIndex: Int, alt: String, locale: String? = nil) -> PreviewImage? {
        let badge = plan.badges[badgeIndex].badge
        if let social = badge.socialImage, social.format != .svg {
            let size = ImageSize.of(social)
            let path = routes.socialImage(badge.id, social.format == .jpeg ? "jpg" : "png")
            return PreviewImage(url: routes.url(path), alt: alt, width: size?.width, height: size?.height, large: true)
        }
        if let card = SocialCards.path(badgeIndex, locale: locale ?? routes.defaultLocale, plan: plan, routes: routes) {
            return PreviewImage(url: routes.url(card), alt: alt, width: CardStyle.width, height: CardStyle.height, large: true)
        }
        return nil
    }

    /// The preview of a set of badges (an issuer's, or the catalogue's): the card of the one
    /// with the most public earners (`SocialCards.featuredBadge`).
    func featuredPreviewImage(issuer: Int?, locale: PageLocale) -> PreviewImage? {
        SocialCards.featuredBadge(plan, issuer: issuer).flatMap {
            previewImage($0, alt: text(plan.badges[$0].badge.name, locale), locale: locale.code)
        }
    }

    /// The day as a view of the page.
    func dateView(_ day: Day, _ locale: PageLocale) -> DateView {
        DateView(text: dateText(day, locale), iso: day)
    }

    /// The day as the locale writes it.
    func dateText(_ day: Day, _ locale: PageLocale) -> String {
        locale.dayTexts[day.daysSinceEpoch] ?? dates.text(day, locale.code)
    }

    /// "March 2026", as LinkedIn's form asks for it.
    func monthText(_ day: Day, _ locale: PageLocale) -> String {
        locale.months[MonthYearTexts.index(day)] ?? months.text(day, locale.code)
    }

}

/// A link preview's picture (`og:image`, the oEmbed thumbnail), and whether it is large enough
/// for `summary_large_image`.
struct PreviewImage {
    var url: String
    var alt: String
    var width: Int?
    var height: Int?
    var large: Bool

    var openGraph: OpenGraphImage {
        OpenGraphImage(url: url, alt: alt, width: width.map { String($0) }, height: height.map { String($0) },
                       type: url.hasSuffix(".jpg") || url.hasSuffix(".jpeg") ? "image/jpeg" : "image/png")
    }
}

/// A page's view and the context beneath it that its frame shares with other pages.
struct Framed<View: TemplateFields> {
    var shared: TemplateValue
    var view: View

    /// Outermost first, as templates render them.
    var contexts: [TemplateValue] { [shared, view.templateValue] }
}
