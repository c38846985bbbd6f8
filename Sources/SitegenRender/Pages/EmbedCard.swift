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

    /// The card's contexts: the frame every card of the locale shares, what it shows of the
    /// badge and issuer (the same on every card of the badge), and the award's own fields.
    func embedContexts(_ index: Int, _ locale: PageLocale) -> PageContexts {
        let award = plan.awards[index]
        let path = routes.embed(award.id)
        let root = Routes.root(from: path)
        let page = TemplateDocument.Writer()
        embedCardView(index, locale).write(to: page)
        let document = TemplateValue.document(page.finish())

        if root == locale.embedRoot, locale.embedLayers.indices.contains(award.badgeIndex) {
            return PageContexts(shared: [locale.embedFrame, locale.embedLayers[award.badgeIndex]], page: document,
                                sharing: .init(template: "embed", locale: locale.code, item: award.badgeIndex))
        }
        return PageContexts(shared: [embedFrame(locale, root: root), embedLayer(award.badgeIndex, locale, root: root)],
                            page: document)
    }

    /// The card's own variables.
    func embedCardView(_ index: Int, _ locale: PageLocale) -> EmbedCardView {
        let award = plan.awards[index]
        let published = plan.badges[award.badgeIndex]
        let holderName = text(award.holder.name, locale)
        let names = AwardNames(badge: text(published.badge.name, locale), issuer: text(plan.issuers[published.issuerIndex].name, locale),
                               name: holderName, date: "")
        let pageURL = routes.url(routes.awardPage(award.id, routes.defaultLocale))
        let labels: AwardLabels = locale.awardLabels
        return EmbedCardView(
            title: PageLocale.format(labels.embedTitle, names),
            canonical: pageURL,
            url: pageURL,
            holder: EmbedHolder(name: holderName),
            award: EmbedAward(
                id: award.id,
                issued: dateView(award.issuedOn, locale),
                expires: award.expiresOn.map { dateView($0, locale) },
                expired: award.isExpired,
                status: award.isExpired ? "expired" : "valid",
                statusLabel: award.isExpired ? labels.expired : labels.valid))
    }

    /// What a card shows of its badge and issuer.
    func embedLayer(_ badgeIndex: Int, _ locale: PageLocale, root: String) -> TemplateValue {
        let published = plan.badges[badgeIndex]
        let badgeName = text(published.badge.name, locale)
        return .record([
            "badge": .record([
                "name": .string(badgeName),
                "image": .record([
                    "src": .string(root + routes.badgeImage(published.badge.id, published.badge.image.format.rawValue)),
                    "alt": .string(badgeName),
                ]),
                "kindLabel": .string(locale["kind_" + published.badge.kind.rawValue]),
                "retired": .bool(published.badge.status == .retired),
            ]),
            "issuer": .record(["name": .string(text(plan.issuers[published.issuerIndex].name, locale))]),
        ])
    }
}
