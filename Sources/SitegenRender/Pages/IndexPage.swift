import SitegenModel
import SitegenMustache
import SitegenPlan

/// The catalogue: every issuer and its badges.
extension PageRenderer {
    func indexContexts(locale: PageLocale) -> Framed<IndexPageView> {
        let path = routes.index(locale.code)
        let root = Routes.root(from: path)
        let title = text(plan.site.title, locale)
        let description = text(plan.site.description, locale)
        var frame = PageFrame(kind: "index", path: { [routes] in routes.index($0) }, title: "", description: description)
        frame.openGraph = openGraph(type: "website", title: title, description: description, url: routes.url(path),
                                    locale: locale, image: featuredPreviewImage(issuer: nil, locale: locale))
        let (shared, fields) = self.frame(frame, locale)
        let issuers = plan.issuers.indices.map { index in
            let badges = plan.badges.indices.filter { plan.badges[$0].issuerIndex == index }
                .map { badgeView(index: $0, locale, root: root).templateValue }
            return IndexIssuerView(issuer: Inline(fields: issuerView(index: index, locale, root: root)), badges: badges,
                                   badgeCount: String(badges.count), hasBadges: !badges.isEmpty)
        }
        return Framed(shared: shared, view: IndexPageView(
            frame: fields, issuers: issuers, badgeCount: String(plan.badges.count), earnerCount: String(plan.holders.count),
            credentialCount: String(plan.badges.reduce(0) { $0 + $1.listedAwards.count })))
    }

    func notFoundContexts(_ locale: PageLocale) -> Framed<NotFoundPageView> {
        var frame = PageFrame(kind: "notfound", path: { [routes] in routes.notFound($0) }, title: locale["not_found_title"], description: nil)
        frame.robots = "noindex"
        frame.absoluteRoot = rootPath
        let (shared, fields) = self.frame(frame, locale)
        return Framed(shared: shared, view: NotFoundPageView(frame: fields))
    }
}
