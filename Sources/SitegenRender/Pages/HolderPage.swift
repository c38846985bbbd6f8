import SitegenModel
import SitegenMustache
import SitegenPlan

/// An earner's public profile: their listed awards, expired ones marked.
extension PageRenderer {
    func holderContext(_ index: Int, _ locale: PageLocale) -> [String: TemplateValue] {
        let holder = plan.holders[index]
        let path = routes.holderPage(holder.id, locale.code)
        let root = Routes.root(from: path)
        let name = text(holder.name, locale)
        let count = String(holder.awards.count)
        let summary = locale.format("holder_summary", ["name": name, "count": count])

        var frame = PageFrame(kind: "holder", path: { routes.holderPage(holder.id, $0) },
                              title: locale.format("holder_title", ["name": name]), description: summary)
        frame.breadcrumbs = [(name, nil)]
        let firstBadge = holder.awards.first.map { plan.awards[$0].badgeIndex }
        frame.openGraph = openGraph(type: "profile", title: name, description: summary, url: routes.url(path), locale: locale,
                                    image: firstBadge.flatMap { previewImage($0, alt: text(plan.badges[$0].badge.name, locale)) })
        var context = self.frame(frame, locale)

        let awards: [TemplateValue] = holder.awards.map { awardIndex in
            let award = plan.awards[awardIndex]
            return .object([
                "id": .string(award.id),
                "href": .string(root + routes.awardPage(award.id, locale.code)),
                "badge": badgeView(award.badgeIndex, locale, forPage: path),
                "issued": dateValue(award.issuedOn, locale),
                "expires": award.expiresOn.map { dateValue($0, locale) } ?? .null,
                "expired": .bool(award.isExpired),
            ])
        }
        context["holder"] = .object(["name": .string(name), "count": .string(count), "summary": .string(summary)])
        context["awards"] = .list(awards)
        return context
    }
}
