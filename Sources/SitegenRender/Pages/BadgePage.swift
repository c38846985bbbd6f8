import SitegenModel
import SitegenMustache
import SitegenPlan

/// A badge class: what it means, how it is earned, and who holds it publicly.
extension PageRenderer {
    func badgeContexts(_ index: Int, _ locale: PageLocale) -> [TemplateValue] {
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
        let contexts = self.frame(frame, locale)
        var context = contexts.page
        context["badge"] = badgeView(index, locale, forPage: path)
        context["issuer"] = issuerView(published.issuerIndex, locale, forPage: path)

        let earners: [TemplateValue] = published.listedAwards.map { awardIndex in
            let award = plan.awards[awardIndex]
            return .record([
                "name": .string(text(award.holder.name, locale)),
                "href": .string(root + routes.awardPage(award.id, locale.code)),
                "issued": dateValue(award.issuedOn, locale),
                "expired": .bool(award.isExpired),
            ])
        }
        context["earners"] = .list(earners)
        context["isBadgePage"] = true
        context["earnerCount"] = .string(String(earners.count))
        // Certifications this badge is a part of, for exams.
        let partOf: [TemplateValue] = plan.badges.indices.compactMap { other in
            let candidate = plan.badges[other].badge
            guard candidate.requires.contains(where: { $0.id == badge.id }) else { return nil }
            return .record([
                "name": .string(text(candidate.name, locale)),
                "href": .string(root + routes.badgePage(candidate.id, locale.code)),
            ])
        }
        context["partOf"] = .list(partOf)
        context["hasPartOf"] = .bool(!partOf.isEmpty)
        return [contexts.shared, .record(context)]
    }
}
