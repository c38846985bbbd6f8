import SitegenModel
import SitegenMustache
import SitegenPlan

/// What an award's share links and embed codes take from its badge and the holder's language,
/// encoded once for where each piece goes: percent-encoded into URLs, escaped into HTML or
/// Markdown. Every encoding used works byte by byte, so encoding pieces apart and joining them
/// gives the bytes encoding the whole would. A class: every award of the badge refers to it.
final class SnippetParts: Sendable {
    let badgeName: String
    let issuerName: String
    let organizationID: String?
    /// The baked image's extension.
    let imageFormat: String
    /// `https://www.linkedin.com/profile/add?…` up to the issue date, and the same escaped for
    /// HTML.
    let linkedInAdd: [UInt8]
    let linkedInAddHTML: [UInt8]
    let shareText: FilledText
    let emailSubject: FilledText
    let emailBody: FilledText
    let titleHTML: FilledText
    let titleMarkdown: FilledText
    let encodedBaseURL: [UInt8]
    let escapedBaseURL: [UInt8]

    init(badge published: PublishedBadge, plan: SitePlan, routes: Routes, locale: String, strings: [String: String]) {
        let fallback = plan.site.defaultLocale
        let badge = published.badge
        let issuer = plan.issuers[published.issuerIndex]
        badgeName = badge.name.text(in: locale, fallback: fallback)
        issuerName = issuer.name.text(in: locale, fallback: fallback)
        organizationID = issuer.linkedInOrganizationID
        imageFormat = badge.image.format == .svg ? "svg" : "png"

        var query = TextBuffer()
        query.append("https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=")
        PercentEncoding.append(badgeName, to: &query)
        if let organizationID {
            query.append("&organizationId=")
            PercentEncoding.append(organizationID, to: &query)
        } else {
            query.append("&organizationName=")
            PercentEncoding.append(issuerName, to: &query)
        }
        linkedInAdd = Array(query.bytes)
        var escaped = TextBuffer()
        escaped.appendEscapedHTML(query.bytes)
        linkedInAddHTML = Array(escaped.bytes)

        let names = (badge: badgeName, issuer: issuerName)
        let encoded = FilledText.Encoding.percent
        shareText = FilledText(strings["share_text"] ?? "{name} earned {badge} from {issuer}", names, encoded)
        emailSubject = FilledText(strings["share_email_subject"] ?? "{badge}", names, encoded)
        emailBody = FilledText(strings["share_email_body"] ?? "{name} earned {badge} from {issuer}: {url}", names, encoded)
        let title = strings["embed_title"] ?? "{badge}: {name}"
        titleHTML = FilledText(title, names, .html)
        titleMarkdown = FilledText(title, names, .markdown)
        var base = TextBuffer()
        PercentEncoding.append(routes.baseURL, to: &base)
        encodedBaseURL = Array(base.bytes)
        base.removeAll()
        Markup.appendHTML(routes.baseURL, to: &base)
        escapedBaseURL = Array(base.bytes)
    }
}

/// A snippet text with `{badge}` and `{issuer}` filled in and every piece encoded, leaving
/// `{name}` and `{url}` to each award. Placeholders are found as `String.replacingPlaceholders`
/// finds them; one it does not know stays as written.
struct FilledText: Sendable {
    enum Encoding: Sendable {
        case percent, html, markdown

        func append(_ text: String, to out: inout TextBuffer) {
            switch self {
            case .percent: PercentEncoding.append(text, to: &out)
            case .html: Markup.appendHTML(text, to: &out)
            case .markdown: Markup.appendMarkdownText(text, to: &out)
            }
        }
    }

    /// What to write next: literal bytes (`text[range]`), or the award's name or URL.
    enum Part: Sendable {
        case bytes(Range<Int>)
        case name, url
    }

    /// All the literal bytes, encoded; parts refer to them by range.
    private var text: [UInt8] = []
    private(set) var parts: [Part] = []

    init(_ template: String, _ names: (badge: String, issuer: String), _ encoding: Encoding) {
        var pending = TextBuffer()
        var start = 0
        func flush() {
            if pending.count > start { parts.append(.bytes(start..<pending.count)) }
            start = pending.count
        }
        for piece in PageLocale.pieces(of: template) {
            switch piece {
            case .text(let text): encoding.append(text, to: &pending)
            case .slot("badge"): encoding.append(names.badge, to: &pending)
            case .slot("issuer"): encoding.append(names.issuer, to: &pending)
            case .slot(let slot) where slot == "name" || slot == "url":
                flush()
                parts.append(slot == "name" ? .name : .url)
            case .slot(let other): encoding.append("{" + other + "}", to: &pending)
            }
        }
        flush()
        text = Array(pending.bytes)
    }

    /// `name` and `url` come encoded as the pieces are.
    func append(name: UnsafeBufferPointer<UInt8>, url: UnsafeBufferPointer<UInt8>, to out: inout TextBuffer) {
        text.withUnsafeBufferPointer { text in
            for part in parts {
                switch part {
                case .bytes(let range): out.append(UnsafeBufferPointer(rebasing: text[range]))
                case .name: out.append(name)
                case .url: out.append(url)
                }
            }
        }
    }
}
