import SitegenModel
import SitegenMustache
import SitegenPlan

/// An earner's public profile: their listed awards, expired ones marked.
extension PageRenderer {
    func holderContexts(_ index: Int, _ locale: PageLocale) -> [TemplateValue] {
        let holder = plan.holders[index]
        let path = routes.holderPage(holder.id, locale.code)
        let root = Routes.root(from: path)
        let name = text(holder.name, locale)
        let count = String(holder.awards.count)
        let fill: (String) -> String? = { slot in
            switch slot {
            case "name": return name
            case "count": return count
            default: return nil
            }
        }
        let summary = locale.format("holder_summary", fill)

        var frame = PageFrame(kind: "holder", path: { [routes] in routes.holderPage(holder.id, $0) },
                              title: locale.format("holder_title", fill), description: summary)
        frame.breadcrumbs = [(name, nil)]
        if let firstBadge = holder.awards.first.map({ plan.awards[$0].badgeIndex }),
           locale.badges.indices.contains(firstBadge), root == locale.itemRoot {
            let parts = locale.badges[firstBadge]
            frame.openGraph = openGraph(type: "profile", title: name, description: summary, url: routes.url(path), locale: locale,
                                        image: parts.openGraphImage, twitterCard: parts.twitterCard)
        } else {
            let firstBadge = holder.awards.first.map { plan.awards[$0].badgeIndex }
            frame.openGraph = openGraph(type: "profile", title: name, description: summary, url: routes.url(path), locale: locale,
                                        image: firstBadge.flatMap { previewImage($0, alt: text(plan.badges[$0].badge.name, locale), locale: locale.code) })
        }
        let contexts = self.frame(frame, locale)
        var page = contexts.page

        let awards: [TemplateValue] = holder.awards.map { awardIndex in
            let award = plan.awards[awardIndex]
            return .record([
                "id": .string(award.id),
                "href": .string(root + routes.awardPage(award.id, locale.code)),
                "badge": badgeView(award.badgeIndex, locale, forPage: path),
                "issued": dateValue(award.issuedOn, locale),
                "expires": award.expiresOn.map { dateValue($0, locale) } ?? .null,
                "expired": .bool(award.isExpired),
            ])
        }
        page["holder"] = .record(["name": .string(name), "count": .string(count), "summary": .string(summary)])
        page["awards"] = .list(awards)
        return [contexts.shared, .record(page)]
    }
}
