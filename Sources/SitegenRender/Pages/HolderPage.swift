import SitegenModel
import SitegenMustache
import SitegenPlan

/// An earner's public profile: their listed awards, expired ones marked.
extension PageRenderer {
    func holderContexts(_ index: Int, _ locale: PageLocale) -> Framed<HolderPageView> {
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
        // The profile's preview shows the picture of its first badge.
        let firstBadge = holder.awards.first.map { plan.awards[$0].badgeIndex }
        frame.openGraph = openGraph(type: "profile", title: name, description: summary, url: routes.url(path), locale: locale,
                                    image: firstBadge.flatMap { previewImage($0, alt: text(plan.badges[$0].badge.name, locale), locale: locale.code) })
        let (shared, fields) = self.frame(frame, locale)
        let awards = holder.awards.map { awardIndex in
            let award = plan.awards[awardIndex]
            return HolderAwardView(id: award.id, href: root + routes.awardPage(award.id, locale.code),
                                   badge: badgeView(award.badgeIndex, locale, forPage: path), issued: dateView(award.issuedOn, locale),
                                   expires: award.expiresOn.map { dateView($0, locale) }, expired: award.isExpired)
        }
        return Framed(shared: shared, view: HolderPageView(frame: fields, holder: HolderSummary(name: name, count: count, summary: summary),
                                               awards: awards))
    }
}
