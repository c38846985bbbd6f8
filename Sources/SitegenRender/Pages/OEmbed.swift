import SitegenModel
import SitegenMustache
import SitegenPlan

/// The oEmbed document of an award (`type: rich`): the iframe snippet, so sites that support
/// oEmbed discovery embed the card from the credential's URL alone.
extension PageRenderer {
    public func oEmbed(_ awardIndex: Int) -> [UInt8] {
        guard plan.awards.indices.contains(awardIndex) else { return [] }
        let award = plan.awards[awardIndex]
        let published = plan.badges[award.badgeIndex]
        let issuer = plan.issuers[published.issuerIndex]
        let locale = award.holder.locale
        let strings = locales[locale]?.strings ?? [:]
        var iframe = TextBuffer()
        snippetTexts(award).appendIframe(to: &iframe)
        let fallback = plan.site.defaultLocale
        let names = AwardNames(badge: published.badge.name.text(in: locale, fallback: fallback),
                               issuer: issuer.name.text(in: locale, fallback: fallback),
                               name: award.holder.name.text(in: locale, fallback: fallback), date: "")

        var json = JSONWriter(pretty: true)
        json.beginObject()
        json.field("version", "1.0")
        json.field("type", "rich")
        json.field("title", (strings["embed_title"] ?? "{badge}: {name}").replacingPlaceholders { slot in
            slot == "date" ? nil : names(slot)
        })
        json.field("author_name", names.name)
        if award.holder.hasProfile {
            json.field("author_url", routes.url(routes.holderPage(award.holder.id, routes.defaultLocale)))
        }
        json.field("provider_name", plan.site.title.text(in: locale, fallback: fallback))
        json.field("provider_url", routes.baseURL)
        json.field("html", iframe.string)
        json.field("width", 340)
        json.field("height", 360)
        // The link preview's picture: the social image, else the card in the holder's language.
        if let image = previewImage(award.badgeIndex, alt: "", locale: locale), let width = image.width, let height = image.height {
            json.field("thumbnail_url", image.url)
            json.field("thumbnail_width", width)
            json.field("thumbnail_height", height)
        }
        json.endObject()
        return json.bytes
    }
}
