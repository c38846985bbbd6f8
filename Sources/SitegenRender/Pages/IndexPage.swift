import SitegenModel
import SitegenMustache
import SitegenPlan

/// The catalogue: every issuer and its badges.
extension PageRenderer {
    func indexContexts(locale: PageLocale) -> [TemplateValue] {
        let path = routes.index(locale.code)
        let root = Routes.root(from: path)
        let title = text(plan.site.title, locale)
        let description = text(plan.site.description, locale)
        var frame = PageFrame(kind: "index", path: { [routes] in routes.index($0) }, title: "", description: description)
        frame.openGraph = openGraph(type: "website", title: title, description: description, url: routes.url(path),
                                    locale: locale, image: featuredPreviewImage(issuer: nil, locale: locale))
        let contexts = self.frame(frame, locale)
        var context = contexts.page
        let issuers: [TemplateValue] = plan.issuers.indices.map { index in
            let badges = plan.badges.indices.filter { plan.badges[$0].issuerIndex == index }
                .map { badgeView($0, locale, root: root) }
            var issuer = issuerFields(index, locale, root: root)
            issuer["badges"] = .list(badges)
            issuer["badgeCount"] = .string(String(badges.count))
            issuer["hasBadges"] = .bool(!badges.isEmpty)
            return .record(issuer)
        }
        context["issuers"] = .list(issuers)
        context["badgeCount"] = .string(String(plan.badges.count))
        context["earnerCount"] = .string(String(plan.holders.count))
        context["credentialCount"] = .string(String(plan.badges.reduce(0) { $0 + $1.listedAwards.count }))
        return [contexts.shared, .record(context)]
    }

    func notFoundContexts(_ locale: PageLocale) -> [TemplateValue] {
        var frame = PageFrame(kind: "notfound", path: { [routes] in routes.notFound($0) }, title: locale["not_found_title"], description: nil)
        frame.robots = "noindex"
        frame.absoluteRoot = rootPath
        let contexts = self.frame(frame, locale)
        return [contexts.shared, .record(contexts.page)]
    }
}
