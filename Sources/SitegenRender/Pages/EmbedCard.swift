import SitegenModel
import SitegenMustache
import SitegenPlan

/// The small card shown in an iframe on other sites, in the holder's language. Its links leave
/// the iframe for a new tab, to the credential's one URL.
extension PageRenderer {
    /// What every embed card of the locale shares.
    func embedFrame(_ locale: PageLocale, root: String) -> TemplateValue {
        .record([
            "kind": "embed",
            "lang": .string(locale.code),
            "dir": .string(locale.direction),
            "stylesheet": .string(root + routes.asset("embed.css") + assetQuery),
            "site": locale.site,
            "t": locale.t,
        ])
    }

    func embedContexts(_ index: Int, _ locale: PageLocale) -> [TemplateValue] {
        let award = plan.awards[index]
        let published = plan.badges[award.badgeIndex]
        let issuer = plan.issuers[published.issuerIndex]
        let path = routes.embed(award.id)
        let root = Routes.root(from: path)
        let badgeName = text(published.badge.name, locale)
        let holderName = text(award.holder.name, locale)
        let issuerName = text(issuer.name, locale)
        let names = AwardNames(badge: badgeName, issuer: issuerName, name: holderName, date: "")
        let pageURL = routes.url(routes.awardPage(award.id, routes.defaultLocale))
        let status = award.isExpired ? "expired" : "valid"
        let page: TemplateRecord = [
            "title": .string(locale.format("embed_title", names)),
            "canonical": .string(pageURL),
            "url": .string(pageURL),
            "badge": .record([
                "name": .string(badgeName),
                "image": .record([
                    "src": .string(root + routes.badgeImage(published.badge.id, published.badge.image.format.rawValue)),
                    "alt": .string(badgeName),
                ]),
                "kindLabel": .string(locale["kind_" + published.badge.kind.rawValue]),
                "retired": .bool(published.badge.status == .retired),
            ]),
            "holder": .record(["name": .string(holderName)]),
            "issuer": .record(["name": .string(issuerName)]),
            "award": .record([
                "id": .string(award.id),
                "issued": dateValue(award.issuedOn, locale),
                "expires": award.expiresOn.map { dateValue($0, locale) } ?? .null,
                "expired": .bool(award.isExpired),
                "status": .string(status),
                "statusLabel": .string(award.isExpired ? locale.awardLabels.expired : locale.awardLabels.valid),
            ]),
        ]
        let shared = root == locale.embedRoot ? locale.embedFrame : embedFrame(locale, root: root)
        return [shared, .record(page)]
    }
}
