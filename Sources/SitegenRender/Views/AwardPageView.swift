import SitegenMustache

/// The public badge page's own variables (docs/themes.md, "award"). The frame every award page
/// of a locale shares and the badge and issuer views come as contexts beneath it
/// (`PageRenderer.awardContexts`).
struct AwardPageView: TemplateFields {
    /// `robots` is `noindex` when revoked: the credential stays verifiable at its URL but is not
    /// promoted; `og` is nil then.
    var frame: FrameFields
    var holder: HolderLink
    var award: AwardFieldsView
    var verify: VerificationView
    var credential: CredentialView?
    /// The assertion as JSON-LD, already safe inside `<script>`: the one raw value.
    var jsonLD: WrittenText
    var assertionLink: WrittenText
    var share: ShareView?
    var embed: EmbedSnippetsView?
    var oembed: OEmbedLink?
    var download: DownloadView?

    func write(to page: TemplateDocument.Writer) {
        page.fields(frame)
        page.field("holder", holder)
        page.field("award", award)
        page.field("verify", verify)
        page.field("credential", credential)
        page.field("jsonLD", jsonLD)
        page.field("assertionLink", assertionLink)
        page.field("share", share)
        page.field("embed", embed)
        page.field("oembed", oembed)
        page.field("download", download)
    }
}

struct Breadcrumbs: TemplateFields {
    /// Home, the badge (prototypes on item pages), and the page itself.
    var items: [Crumb]

    func write(to page: TemplateDocument.Writer) {
        page.field("items", items)
    }
}

/// A breadcrumb: made for the page, or copied from one made once per locale and badge.
enum Crumb: TemplateFields {
    case link(LinkView)
    case prototype(Prototype)

    func write(to page: TemplateDocument.Writer) {
        switch self {
        case .link(let link): link.write(to: page)
        case .prototype(let prototype): prototype.write(to: page)
        }
    }
}

struct HolderLink: TemplateFields {
    var name: String
    /// The profile page, or nil when the earner has none.
    var href: WrittenText?

    func write(to page: TemplateDocument.Writer) {
        page.field("name", name)
        page.field("href", href)
    }
}

/// `award` on the page: the credential's own facts.
struct AwardFieldsView: TemplateFields {
    var id: String
    var issued: DateView
    var expires: DateView?
    var expired: Bool
    var revoked: RevocationView?
    /// `valid`, `expired` or `revoked`, and its label.
    var status: String
    var statusLabel: String
    var expiredNotice: String?
    var evidence: [EvidenceView]
    var hasEvidence: Bool
    /// The credential's one URL: the default-locale page.
    var url: String

    func write(to page: TemplateDocument.Writer) {
        page.field("id", id)
        page.field("issued", issued)
        page.field("expires", expires)
        page.field("expired", expired)
        page.field("revoked", revoked)
        page.field("status", status)
        page.field("statusLabel", statusLabel)
        page.field("expiredNotice", expiredNotice)
        page.field("evidence", evidence)
        page.field("hasEvidence", hasEvidence)
        page.field("url", url)
    }
}

struct RevocationView: TemplateFields {
    var reason: String
    var date: DateView?

    func write(to page: TemplateDocument.Writer) {
        page.field("reason", reason)
        page.field("date", date)
    }
}

struct EvidenceView: TemplateFields {
    var url: String?
    var narrative: String?

    func write(to page: TemplateDocument.Writer) {
        page.field("url", url)
        page.field("narrative", narrative)
    }
}

/// What the build checked, as statements a visitor can follow, and what the script needs to
/// check again in the browser.
struct VerificationView: TemplateFields {
    var checks: [Check]
    var status: String
    var assertionHref: WrittenText
    var assertionURL: WrittenText
    var salt: String
    var identity: String

    func write(to page: TemplateDocument.Writer) {
        page.field("checks", checks)
        page.field("status", status)
        page.field("assertionHref", assertionHref)
        page.field("assertionURL", assertionURL)
        page.field("salt", salt)
        page.field("identity", identity)
    }
}

/// A line of the verification panel: `state` (`ok`, `fail`, `info`), `stateLabel` and `text`.
/// Lines that read the same on every page of a locale are prototypes; the others take their
/// state's two fields from one and add their own text.
enum Check: TemplateFields {
    case prototype(Prototype)
    case made(state: Prototype, text: WrittenText)

    func write(to page: TemplateDocument.Writer) {
        switch self {
        case .prototype(let line):
            line.write(to: page)
        case .made(let state, let text):
            state.write(to: page)
            page.field("text", text)
        }
    }
}

/// The Open Badges 3.0 credential as the page shows it: where to download it, who signed it
/// with which key and suite, and where its status bit is, for the script to read.
struct CredentialView: TemplateFields {
    var href: WrittenText
    var url: WrittenText
    var filename: WrittenText
    var did: String
    var verificationMethod: String
    var key: String
    var cryptosuite: String
    var statusList: WrittenText
    var statusIndex: String
    var revoked: Bool

    func write(to page: TemplateDocument.Writer) {
        page.field("href", href)
        page.field("url", url)
        page.field("filename", filename)
        page.field("did", did)
        page.field("verificationMethod", verificationMethod)
        page.field("key", key)
        page.field("cryptosuite", cryptosuite)
        page.field("statusList", statusList)
        page.field("statusIndex", statusIndex)
        page.field("revoked", revoked)
    }
}

/// Share links, written as HTML shows them (`SnippetTexts`), and LinkedIn's form values.
struct ShareView: TemplateFields {
    var url: String
    var linkedInAdd: HTMLText
    var linkedInPost: HTMLText
    var x: HTMLText
    var facebook: HTMLText
    var email: HTMLText
    var linkedIn: LinkedInFields

    func write(to page: TemplateDocument.Writer) {
        page.field("url", url)
        page.field("linkedInAdd", linkedInAdd)
        page.field("linkedInPost", linkedInPost)
        page.field("x", x)
        page.field("facebook", facebook)
        page.field("email", email)
        page.field("linkedIn", linkedIn)
    }
}

/// Named rather than a list, so that the theme writes out each field's id and label and the
/// page fills in only the values.
struct LinkedInFields: TemplateFields {
    var name: String
    var organization: String
    var issued: String
    var expires: String
    var id: String
    var url: String

    func write(to page: TemplateDocument.Writer) {
        page.field("name", name)
        page.field("organization", organization)
        page.field("issued", issued)
        page.field("expires", expires)
        page.field("id", id)
        page.field("url", url)
    }
}

/// The embed codes, as text to show.
struct EmbedSnippetsView: TemplateFields {
    var iframe: WrittenText
    var signature: WrittenText
    var markdown: WrittenText
    var url: String

    func write(to page: TemplateDocument.Writer) {
        page.field("iframe", iframe)
        page.field("signature", signature)
        page.field("markdown", markdown)
        page.field("url", url)
    }
}

struct OEmbedLink: TemplateFields {
    var href: WrittenText
    var title: WrittenText

    func write(to page: TemplateDocument.Writer) {
        page.field("href", href)
        page.field("title", title)
    }
}

/// The baked badge image.
struct DownloadView: TemplateFields {
    var href: WrittenText
    var filename: WrittenText
    /// `PNG` or `SVG`.
    var format: String

    func write(to page: TemplateDocument.Writer) {
        page.field("href", href)
        page.field("filename", filename)
        page.field("format", format)
    }
}

/// A verification line's state and its label, the part of a line that `Check.made` copies.
struct CheckState: TemplateFields {
    var state: String
    var stateLabel: String

    func write(to page: TemplateDocument.Writer) {
        page.field("state", state)
        page.field("stateLabel", stateLabel)
    }
}

/// A verification line that reads the same on every page of a locale.
struct CheckLine: TemplateFields {
    var state: String
    var stateLabel: String
    var text: String

    func write(to page: TemplateDocument.Writer) {
        page.field("state", state)
        page.field("stateLabel", stateLabel)
        page.field("text", text)
    }
}
