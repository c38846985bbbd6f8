import SitegenModel
import SitegenMustache
import SitegenPlan

/// An issuer and the badges it publishes.
extension PageRenderer {
    func issuerContexts(_ index: Int, _ locale: PageLocale) -> [TemplateValue] {
        let issuer = plan.issuers[index]
        let path = routes.issuerPage(issuer.id, locale.code)
        let name = text(issuer.name, locale)
        let description = text(issuer.description, locale)

        var frame = PageFrame(kind: "issuer", path: { [routes] in routes.issuerPage(issuer.id, $0) }, title: name, description: description)
        frame.breadcrumbs = [(name, nil)]
        var image = featuredPreviewImage(issuer: index, locale: locale)
        if image == nil, let picture = issuer.image, picture.format != .svg {
            let size = ImageSize.of(picture)
            image = (routes.url(routes.issuerImage(issuer.id, picture.format.rawValue)), name, size?.width, size?.height, false)
        }
        frame.openGraph = openGraph(type: "website", title: name, description: description, url: routes.url(path),
                                    locale: locale, image: image)
        let contexts = self.frame(frame, locale)
        var context = contexts.page
        context["issuer"] = issuerView(index, locale, forPage: path)
        let badges = plan.badges.indices.filter { plan.badges[$0].issuerIndex == index }.map { badgeView($0, locale, forPage: path) }
        context["badges"] = .list(badges)
        context["badgeCount"] = .string(String(badges.count))
        return [contexts.shared, .record(context)]
    }
}
