import SitegenModel
import SitegenPlan

/// Everything an earner needs to share or embed an award, built once and correct for its
/// context: URLs percent-encoded (RFC 3986), code snippets as plain text (the template escapes
/// them for display). Used by the award page and by `sitegen snippets`.
public struct AwardSnippets: Sendable {
    /// The credential's one URL: the default-locale award page.
    public var pageURL: String
    public var assertionURL: String
    public var bakedImageURL: String
    public var embedURL: String
    public var linkedInAddToProfileURL: String
    public var linkedInPostURL: String
    public var xURL: String
    public var facebookURL: String
    public var emailURL: String
    public var iframe: String
    public var emailSignature: String
    public var markdown: String
    /// The fields of LinkedIn's "Add to profile" form, for copying when it does not prefill.
    public var linkedIn: LinkedInFields

    public struct LinkedInFields: Sendable {
        public var name: String
        public var organization: String
        public var organizationID: String?
        public var issueYear: Int
        public var issueMonth: Int
        public var expirationYear: Int?
        public var expirationMonth: Int?
        public var certURL: String
        public var certID: String
    }

    /// `strings` is the theme's table for the holder's locale (share texts use their language).
    public init(award: PublishedAward, plan: SitePlan, routes: Routes, strings: [String: String]) {
        let locale = award.holder.locale
        let fallback = plan.site.defaultLocale
        let published = plan.badge(of: award)
        let issuer = plan.issuer(of: published)
        let badgeName = published.badge.name.text(in: locale, fallback: fallback)
        let issuerName = issuer.name.text(in: locale, fallback: fallback)
        let holderName = award.holder.name.text(in: locale, fallback: fallback)
        let format = published.badge.image.format == .svg ? "svg" : "png"

        let pageURL = routes.url(routes.awardPage(award.id, routes.defaultLocale))
        self.pageURL = pageURL
        assertionURL = routes.url(routes.assertion(award.id))
        bakedImageURL = routes.url(routes.bakedImage(award.id, format))
        embedURL = routes.url(routes.embed(award.id))

        let fill: (String) -> String = { template in
            template.replacingPlaceholders(["badge": badgeName, "issuer": issuerName, "name": holderName, "url": pageURL])
        }
        let shareText = fill(strings["share_text"] ?? "{name} earned {badge} from {issuer}")
        let subject = fill(strings["share_email_subject"] ?? "{badge}")
        let body = fill(strings["share_email_body"] ?? "{name} earned {badge} from {issuer}: {url}")

        var linkedInQuery: [(String, String)] = [("startTask", "CERTIFICATION_NAME"), ("name", badgeName)]
        if let organizationID = issuer.linkedInOrganizationID {
            linkedInQuery.append(("organizationId", organizationID))
        } else {
            linkedInQuery.append(("organizationName", issuerName))
        }
        linkedInQuery += [("issueYear", String(award.issuedOn.year)), ("issueMonth", String(award.issuedOn.month))]
        if let expires = award.expiresOn {
            linkedInQuery += [("expirationYear", String(expires.year)), ("expirationMonth", String(expires.month))]
        }
        linkedInQuery += [("certUrl", pageURL), ("certId", award.id)]
        linkedInAddToProfileURL = "https://www.linkedin.com/profile/add?" + PercentEncoding.query(linkedInQuery)
        linkedInPostURL = "https://www.linkedin.com/sharing/share-offsite/?" + PercentEncoding.query([("url", pageURL)])
        xURL = "https://twitter.com/intent/tweet?" + PercentEncoding.query([("text", shareText), ("url", pageURL)])
        facebookURL = "https://www.facebook.com/sharer/sharer.php?" + PercentEncoding.query([("u", pageURL)])
        emailURL = "mailto:?" + PercentEncoding.query([("subject", subject), ("body", body)])

        let title = fill(strings["embed_title"] ?? "{badge}: {name}")
        iframe = "<iframe src=\"\(Markup.html(embedURL))\" width=\"340\" height=\"360\" title=\"\(Markup.html(title))\" loading=\"lazy\" style=\"border:0\"></iframe>"
        emailSignature = "<a href=\"\(Markup.html(pageURL))\"><img src=\"\(Markup.html(bakedImageURL))\" alt=\"\(Markup.html(title))\" width=\"120\" height=\"120\"></a>"
        markdown = "[![\(Markup.markdownText(title))](\(bakedImageURL))](\(pageURL))"
        linkedIn = LinkedInFields(name: badgeName, organization: issuerName, organizationID: issuer.linkedInOrganizationID,
                                  issueYear: award.issuedOn.year, issueMonth: award.issuedOn.month,
                                  expirationYear: award.expiresOn?.year, expirationMonth: award.expiresOn?.month,
                                  certURL: pageURL, certID: award.id)
    }
}

extension String {
    /// `{key}` → value, in one pass, so a value that itself contains `{key}` is not expanded again.
    func replacingPlaceholders(_ values: [String: String]) -> String {
        var out = ""
        var rest = self[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}"),
                  let value = values[String(rest[rest.index(after: open)..<close])] else {
                out += "{"
                rest = rest[rest.index(after: open)...]
                continue
            }
            out += value
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
}
