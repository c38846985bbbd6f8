import SitegenModel
import SitegenMustache
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
        self.init(award: award, routes: routes,
                  parts: SnippetParts(badge: plan.badges[award.badgeIndex], plan: plan, routes: routes,
                                      locale: award.holder.locale, strings: strings),
                  holderName: award.holder.name.text(in: award.holder.locale, fallback: plan.site.defaultLocale))
    }

    /// `parts` are those of the award's badge in the holder's locale, `holderName` the holder's
    /// name in it.
    init(award: PublishedAward, routes: Routes, parts: SnippetParts, holderName: String) {
        let texts = SnippetTexts(award: award, pageURL: routes.url(routes.awardPage(award.id, routes.defaultLocale)),
                                 parts: parts, holderName: holderName)
        let id = award.id
        pageURL = texts.pageURL
        assertionURL = routes.url(routes.assertion(id))
        bakedImageURL = routes.url(routes.bakedImage(id, parts.imageFormat))
        embedURL = routes.url(routes.embed(id))
        var bytes = TextBuffer(capacity: 512)
        func text(_ write: (inout TextBuffer) -> Void) -> String {
            bytes.removeAll()
            write(&bytes)
            return bytes.string
        }
        linkedInAddToProfileURL = text { texts.appendLinkedInAdd(to: &$0) }
        linkedInPostURL = text { texts.appendLinkedInPost(to: &$0) }
        xURL = text { texts.appendX(to: &$0) }
        facebookURL = text { texts.appendFacebook(to: &$0) }
        emailURL = text { texts.appendEmail(to: &$0) }
        iframe = text { texts.appendIframe(to: &$0) }
        emailSignature = text { texts.appendEmailSignature(to: &$0) }
        let bakedImageURL = bakedImageURL
        markdown = text { texts.appendMarkdown(to: &$0) { $0.append(bakedImageURL) } }
        linkedIn = LinkedInFields(name: parts.badgeName, organization: parts.issuerName, organizationID: parts.organizationID,
                                  issueYear: award.issuedOn.year, issueMonth: award.issuedOn.month,
                                  expirationYear: award.expiresOn?.year, expirationMonth: award.expiresOn?.month,
                                  certURL: texts.pageURL, certID: id)
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
