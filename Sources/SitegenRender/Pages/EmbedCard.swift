import SitegenModel
import SitegenMustache
import SitegenPlan

/// The small card shown in an iframe on other sites, in the holder's language. Its links leave
/// the iframe for a new tab, to the credential's one URL.
extension PageRenderer {
    func embedContext(_ index: Int, _ locale: PageLocale) -> [String: TemplateValue] {
        let award = plan.awards[index]
        let published = plan.badge(of: award)
        let issuer = plan.issuer(of: published)
        let path = routes.embed(award.id)
        let root = Routes.root(from: path)
        let badgeName = text(published.badge.name, locale)
        let holderName = text(award.holder.name, locale)
        let issuerName = text(issuer.name, locale)
        let names = ["badge": badgeName, "issuer": issuerName, "name": holderName]
        let pageURL = routes.url(routes.awardPage(award.id, routes.defaultLocale))
        let status = award.isExpired ? "expired" : "valid"
        return [
            "kind": "embed",
            "lang": .string(locale.code),
            "dir": .string(locale.direction),
            "title": .string(locale.format("embed_title", names)),
            "canonical": .string(pageURL),
            "url": .string(pageURL),
            "stylesheet": .string(root + routes.asset("embed.css") + assetQuery),
            "site": locale.site,
            "t": locale.t,
            "badge": .object([
                "name": .string(badgeName),
                "image": .object([
                    "src": .string(root + routes.badgeImage(published.badge.id, published.badge.image.format.rawValue)),
                    "alt": .string(badgeName),
                ]),
                "kindLabel": .string(locale["kind_" + published.badge.kind.rawValue]),
                "retired": .bool(published.badge.status == .retired),
            ]),
            "holder": .object(["name": .string(holderName)]),
            "issuer": .object(["name": .string(issuerName)]),
            "award": .object([
                "id": .string(award.id),
                "issued": dateValue(award.issuedOn, locale),
                "expires": award.expiresOn.map { dateValue($0, locale) } ?? .null,
                "expired": .bool(award.isExpired),
                "status": .string(status),
                "statusLabel": .string(locale["status_" + status]),
            ]),
        ]
    }
}
