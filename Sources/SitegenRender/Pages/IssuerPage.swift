import SitegenModel
import SitegenMustache
import SitegenPlan

/// An issuer and the badges it publishes.
extension PageRenderer {
    func issuerContexts(_ index: Int, _ locale: PageLocale) -> Framed<IssuerPageView> {
        let issuer = plan.issuers[index]
        let path = routes.issuerPage(issuer.id, locale.code)
        let name = text(issuer.name, locale)
        let description = text(issuer.description, locale)

        var frame = PageFrame(kind: "issuer", path: { [routes] in routes.issuerPage(issuer.id, $0) }, title: name, description: description)
        frame.breadcrumbs = [(name, nil)]
        var image = featuredPreviewImage(issuer: index, locale: locale)
        if image == nil, let picture = issuer.image, picture.format != .svg {
            let size = ImageSize.of(picture)
            image = PreviewImage(url: routes.url(routes.issuerImage(issuer.id, picture.format.rawValue)), alt: name,
                                 width: size?.width, height: size?.height, large: false)
        }
        frame.openGraph = openGraph(type: "website", title: name, description: description, url: routes.url(path),
                                    locale: locale, image: image)
        let (shared, fields) = self.frame(frame, locale)
        let badges = plan.badges.indices.filter { plan.badges[$0].issuerIndex == index }.map { badgeView($0, locale, forPage: path) }
        return Framed(shared: shared, view: IssuerPageView(frame: fields, issuer: issuerView(index, locale, forPage: path), badges: badges,
                                               badgeCount: String(badges.count)))
    }
}
