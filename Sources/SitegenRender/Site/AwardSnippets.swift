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
        let badge = plan.badges[award.badgeIndex].badge
        let issuer = plan.issuers[plan.badges[award.badgeIndex].issuerIndex]
        let badgeName = badge.name.text(in: locale, fallback: fallback)
        let issuerName = issuer.name.text(in: locale, fallback: fallback)
        let holderName = award.holder.name.text(in: locale, fallback: fallback)
        let format = badge.image.format == .svg ? "svg" : "png"

        let pageURL = routes.url(routes.awardPage(award.id, routes.defaultLocale))
        self.pageURL = pageURL
        assertionURL = routes.url(routes.assertion(award.id))
        bakedImageURL = routes.url(routes.bakedImage(award.id, format))
        embedURL = routes.url(routes.embed(award.id))

        let names: (String) -> String? = { slot in
            switch slot {
            case "badge": return badgeName
            case "issuer": return issuerName
            case "name": return holderName
            case "url": return pageURL
            default: return nil
            }
        }
        let shareText = (strings["share_text"] ?? "{name} earned {badge} from {issuer}").replacingPlaceholders(names)
        let subject = (strings["share_email_subject"] ?? "{badge}").replacingPlaceholders(names)
        let body = (strings["share_email_body"] ?? "{name} earned {badge} from {issuer}: {url}").replacingPlaceholders(names)

        // The page URL goes into four queries: encoded once.
        let encodedPageURL = Array(PercentEncoding.encode(pageURL).utf8)
        var query = Query("https://www.linkedin.com/profile/add?")
        query.add("startTask", "CERTIFICATION_NAME")
        query.add("name", badgeName)
        if let organizationID = issuer.linkedInOrganizationID {
            query.add("organizationId", organizationID)
        } else {
            query.add("organizationName", issuerName)
        }
        query.add("issueYear", String(award.issuedOn.year))
        query.add("issueMonth", String(award.issuedOn.month))
        if let expires = award.expiresOn {
            query.add("expirationYear", String(expires.year))
            query.add("expirationMonth", String(expires.month))
        }
        query.add("certUrl", encoded: encodedPageURL)
        query.add("certId", award.id)
        linkedInAddToProfileURL = query.text

        query = Query("https://www.linkedin.com/sharing/share-offsite/?")
        query.add("url", encoded: encodedPageURL)
        linkedInPostURL = query.text
        query = Query("https://twitter.com/intent/tweet?")
        query.add("text", shareText)
        query.add("url", encoded: encodedPageURL)
        xURL = query.text
        query = Query("https://www.facebook.com/sharer/sharer.php?")
        query.add("u", encoded: encodedPageURL)
        facebookURL = query.text
        query = Query("mailto:?")
        query.add("subject", subject)
        query.add("body", body)
        emailURL = query.text

        let title = (strings["embed_title"] ?? "{badge}: {name}").replacingPlaceholders(names)
        var html: [UInt8] = []
        html.reserveCapacity(256)
        html.append(contentsOf: "<iframe src=\"".utf8)
        Markup.appendHTML(embedURL, to: &html)
        html.append(contentsOf: "\" width=\"340\" height=\"360\" title=\"".utf8)
        Markup.appendHTML(title, to: &html)
        html.append(contentsOf: "\" loading=\"lazy\" style=\"border:0\"></iframe>".utf8)
        iframe = String(decoding: html, as: UTF8.self)

        html.removeAll(keepingCapacity: true)
        html.append(contentsOf: "<a href=\"".utf8)
        Markup.appendHTML(pageURL, to: &html)
        html.append(contentsOf: "\"><img src=\"".utf8)
        Markup.appendHTML(bakedImageURL, to: &html)
        html.append(contentsOf: "\" alt=\"".utf8)
        Markup.appendHTML(title, to: &html)
        html.append(contentsOf: "\" width=\"120\" height=\"120\"></a>".utf8)
        emailSignature = String(decoding: html, as: UTF8.self)

        html.removeAll(keepingCapacity: true)
        html.append(contentsOf: "[![".utf8)
        Markup.appendMarkdownText(title, to: &html)
        html.append(contentsOf: "](".utf8)
        html.append(contentsOf: bakedImageURL.utf8)
        html.append(contentsOf: ")](".utf8)
        html.append(contentsOf: pageURL.utf8)
        html.append(UInt8(ascii: ")"))
        markdown = String(decoding: html, as: UTF8.self)

        linkedIn = LinkedInFields(name: badgeName, organization: issuerName, organizationID: issuer.linkedInOrganizationID,
                                  issueYear: award.issuedOn.year, issueMonth: award.issuedOn.month,
                                  expirationYear: award.expiresOn?.year, expirationMonth: award.expiresOn?.month,
                                  certURL: pageURL, certID: award.id)
    }

    /// A URL with a query of `name=value` pairs joined by `&`, as `PercentEncoding.query` makes
    /// them, written straight into bytes.
    private struct Query {
        private var bytes: [UInt8]
        private var first = true

        init(_ base: String) {
            bytes = []
            bytes.reserveCapacity(320)
            bytes.append(contentsOf: base.utf8)
        }

        /// `name` is one of the literals above: letters only, which encoding leaves as they are.
        mutating func add(_ name: StaticString, _ value: String) {
            add(name, encoded: PercentEncoding.encode(value).utf8)
        }

        mutating func add<Encoded: Collection<UInt8>>(_ name: StaticString, encoded value: Encoded) {
            if !first { bytes.append(UInt8(ascii: "&")) }
            first = false
            bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            bytes.append(UInt8(ascii: "="))
            bytes.append(contentsOf: value)
        }

        var text: String { String(decoding: bytes, as: UTF8.self) }
    }
}

extension String {
    /// `{key}` → value, in one pass, so a value that itself contains `{key}` is not expanded again.
    func replacingPlaceholders(_ values: [String: String]) -> String {
        replacingPlaceholders { values[$0] }
    }

    /// `{key}` → `value(key)`; a placeholder `value` knows nothing of (nil) stays as written. On
    /// UTF-8 bytes: braces are ASCII, and no byte of a multi-byte character is.
    func replacingPlaceholders(_ value: (String) -> String?) -> String {
        var out: [UInt8] = []
        var source = self
        source.withUTF8 { bytes in
            out.reserveCapacity(bytes.count + 64)
            var index = 0
            while index < bytes.count {
                guard bytes[index] == UInt8(ascii: "{") else {
                    out.append(bytes[index])
                    index += 1
                    continue
                }
                var close = index + 1
                while close < bytes.count && bytes[close] != UInt8(ascii: "}") { close += 1 }
                guard close < bytes.count,
                      let replacement = value(String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<close]), as: UTF8.self))
                else {
                    out.append(UInt8(ascii: "{"))
                    index += 1
                    continue
                }
                out.append(contentsOf: replacement.utf8)
                index = close + 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
