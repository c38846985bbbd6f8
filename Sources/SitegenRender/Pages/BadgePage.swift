import SitegenModel
import SitegenMustache
import SitegenPlan

/// A badge class: what it means, how it is earned, and who holds it publicly.
extension PageRenderer {
    func badgeContexts(_ index: Int, _ locale: PageLocale) -> Framed<BadgePageView> {
        let published = plan.badges[index]
        let badge = published.badge
        let path = routes.badgePage(badge.id, locale.code)
        let root = Routes.root(from: path)
        let name = text(badge.name, locale)
        let description = text(badge.description, locale)
        let issuer = plan.issuers[published.issuerIndex]

        var frame = PageFrame(kind: "badge", path: { [routes] in routes.badgePage(badge.id, $0) }, title: name, description: description)
        frame.breadcrumbs = [(text(issuer.name, locale), routes.issuerPage(issuer.id, locale.code)), (name, nil)]
        frame.openGraph = openGraph(type: "website", title: name, description: description, url: routes.url(path),
                                    locale: locale, image: previewImage(index, alt: name, locale: locale.code))
        let (shared, fields) = self.frame(frame, locale)
        let earners = published.listedAwards.map { awardIndex in
            let award = plan.awards[awardIndex]
            return EarnerView(name: text(award.holder.name, locale), href: root + routes.awardPage(award.id, locale.code),
                              issued: dateView(award.issuedOn, locale), expired: award.isExpired)
        }
        // Certifications this badge is a part of, for exams.
        let partOf: [LinkToBadge] = plan.badges.indices.compactMap { other in
            let candidate = plan.badges[other].badge
            guard candidate.requires.contains(where: { $0.id == badge.id }) else { return nil }
            return LinkToBadge(name: text(candidate.name, locale), href: root + routes.badgePage(candidate.id, locale.code))
        }
        return Framed(shared: shared, view: BadgePageView(
            frame: fields, badge: badgeView(index, locale, forPage: path), issuer: issuerView(published.issuerIndex, locale, forPage: path),
            earners: earners, earnerCount: String(earners.count), partOf: partOf, hasPartOf: !partOf.isEmpty, isBadgePage: true))
    }
}
