import SitegenModel
import SitegenMustache
import SitegenPlan

/// The public badge page: the credential people share.
///
/// Rendered more than any other page, so its context is three parts: the frame every award page
/// of the locale shares (`PageLocale.itemFrames`), the badge and issuer views every award page of
/// the badge shares (`BadgeParts.awardLayer`), and the page's own fields, written into one
/// `TemplateDocument` rather than built as records. The first two are the same for all awards
/// of a badge, which renders them through one specialized template.
extension PageRenderer {
    func awardContexts(_ index: Int, _ locale: PageLocale) -> PageContexts {
        let award = plan.awards[index]
        let badgeIndex = award.badgeIndex
        let parts = locale.badges.indices.contains(badgeIndex) ? locale.badges[badgeIndex] : badgeParts(badgeIndex, locale)
        let path = routes.awardPage(award.id, locale.code)
        let root = Routes.root(from: path)
        let itemPage = root == locale.itemRoot
        let holderName = text(award.holder.name, locale)
        let names = AwardNames(badge: parts.name, issuer: parts.issuerName, name: holderName,
                               date: dateText(award.issuedOn, locale))
        let labels: AwardLabels = locale.awardLabels
        let canonical = routes.url(path)
        let pageURL = locale.code == routes.defaultLocale ? canonical : routes.url(routes.awardPage(award.id, routes.defaultLocale))

        let page = TemplateDocument.Writer()
        page.key("title")
        page.beginText()
        page.appendText { out in
            let start = out.count
            PageLocale.append(labels.title, names, to: &out)
            if out.count > start { out.append(" | ") }
            out.append(locale.siteTitle)
        }
        page.endText()
        page.key("description")
        Self.writeMessage(labels.summary, names, to: page)
        // A revoked credential stays verifiable at its URL but is no longer promoted.
        page.field("robots", award.isListed ? nil : "noindex")
        page.field("canonical", canonical)
        page.field("path", locale.code == plan.site.defaultLocale ? path : routes.awardPage(award.id, plan.site.defaultLocale))
        page.key("og")
        if award.isListed {
            writeOpenGraph(names, url: canonical, parts, locale, to: page)
        } else {
            page.null()
        }
        page.key("breadcrumbs")
        page.beginRecord()
        page.key("items")
        page.beginList()
        if itemPage {
            Self.copyRecord(locale.homeCrumb, to: page)
            Self.copyRecord(parts.crumb, to: page)
        } else {
            page.value(.record(["label": .string(locale["home"]), "href": .string(root + routes.index(locale.code))]))
            page.value(.record(["label": .string(parts.name),
                                "href": .string(root + routes.badgePage(plan.badges[badgeIndex].badge.id, locale.code))]))
        }
        page.beginRecord()
        page.field("label", holderName)
        page.key("href")
        page.null()
        page.endRecord()
        page.endList()
        page.endRecord()

        page.key("holder")
        page.beginRecord()
        page.field("name", holderName)
        if award.holder.hasProfile {
            page.field("href") { out in
                out.append(root)
                out.append(routes.holderPage(award.holder.id, locale.code))
            }
        } else {
            page.field("href", value: .null)
        }
        page.endRecord()
        let status = AwardStatus(award, locale.awardLabels)
        page.key("award")
        writeAward(award, status: status, url: pageURL, locale, to: page)
        page.key("verify")
        writeVerification(award, parts, status: status, root: root, locale, names: names, to: page)
        page.key("credential")
        writeCredential(award, root: root, to: page)
        page.key("jsonLD")
        Self.writeText({ documents.appendJSONLD(award, to: &$0) }, to: page)
        page.field("assertionLink") { routes.appendAward(award.id, .assertion, after: routes.baseURL, to: &$0) }

        if award.isListed {
            let snippets = snippetTexts(award, pageURL: pageURL)
            page.key("share")
            writeShare(snippets, award, locale, to: page)
            page.key("embed")
            writeEmbed(snippets, to: page)
            page.key("oembed")
            page.beginRecord()
            page.field("href") { routes.appendAward(award.id, .oEmbed, after: routes.baseURL, to: &$0) }
            page.key("title")
            Self.writeMessage(labels.openGraphTitle, names, to: page)
            page.endRecord()
            let format = parts.bakedFormat
            page.key("download")
            page.beginRecord()
            page.field("href") { routes.appendAward(award.id, .bakedImage(format), after: root, to: &$0) }
            page.key("filename")
            page.beginText()
            page.appendText(plan.badges[badgeIndex].badge.id)
            page.appendText("-")
            page.appendText(award.id)
            page.appendText(".")
            page.appendText(format)
            page.endText()
            page.field("format", parts.bakedFormatLabel)
            page.endRecord()
        } else {
            page.field("share", value: .null)
            page.field("embed", value: .null)
            page.field("oembed", value: .null)
            page.field("download", value: .null)
        }
        let document = TemplateValue.document(page.finish())
        if itemPage, let frame = locale.awardFrame {
            return PageContexts(shared: [frame, parts.awardLayer], page: document,
                                sharing: .init(template: "award", locale: locale.code, item: badgeIndex))
        }
        let badgeLayer: TemplateValue = .record([
            "badge": badgeView(badgeIndex, locale, root: root),
            "issuer": issuerView(plan.badges[badgeIndex].issuerIndex, locale, root: root),
        ])
        return PageContexts(shared: [sharedFrame(kind: "award", root: Self.rootPrefix(path), locale), badgeLayer],
                            page: document)
    }

    /// The `og` fields, as `openGraph` makes them for other pages.
    private func writeOpenGraph(_ names: AwardNames, url: String, _ parts: BadgeParts,
                                _ locale: PageLocale, to page: TemplateDocument.Writer) {
        let labels: AwardLabels = locale.awardLabels
        page.beginRecord()
        page.field("type", "website")
        page.key("title")
        Self.writeMessage(labels.openGraphTitle, names, to: page)
        page.key("description")
        Self.writeMessage(labels.summary, names, to: page)
        page.field("url", url)
        page.field("siteName", locale.siteTitle)
        page.field("locale", locale.openGraphLocale)
        page.field("twitterCard", parts.twitterCard)
        if let image = parts.openGraphImage { page.field("image", value: image) }
        page.endRecord()
    }

    private func writeAward(_ award: PublishedAward, status: AwardStatus, url: String, _ locale: PageLocale,
                            to page: TemplateDocument.Writer) {
        page.beginRecord()
        page.field("id", award.id)
        page.key("issued")
        writeDate(award.issuedOn, locale, to: page)
        page.key("expires")
        writeDate(award.expiresOn, locale, to: page)
        page.field("expired", award.isExpired)
        page.key("revoked")
        if let revocation = award.revocation {
            page.beginRecord()
            page.field("reason", revocation.reason)
            page.key("date")
            writeDate(revocation.date, locale, to: page)
            page.endRecord()
        } else {
            page.null()
        }
        page.field("status", status.code)
        page.field("statusLabel", status.label)
        var notice: String? = nil
        if award.revocation == nil, award.isExpired, let expires = award.expiresOn {
            let date = dateText(expires, locale)
            notice = PageLocale.format(locale.awardLabels.expiredNotice) { $0 == "date" ? date : nil }
        }
        page.field("expiredNotice", notice)
        page.key("evidence")
        page.beginList()
        for item in award.evidence {
            page.beginRecord()
            page.field("url", item.url)
            page.field("narrative", text(item.narrative, locale))
            page.endRecord()
        }
        page.endList()
        page.field("hasEvidence", !award.evidence.isEmpty)
        page.field("url", url)
        page.endRecord()
    }

    /// What the build checked, as statements a visitor can follow, and what the script needs
    /// to check again in the browser.
    private func writeVerification(_ award: PublishedAward, _ parts: BadgeParts, status: AwardStatus, root: String,
                                   _ locale: PageLocale, names: AwardNames,
                                   to page: TemplateDocument.Writer) {
        let labels: AwardLabels = locale.awardLabels
        page.beginRecord()
        page.key("checks")
        page.beginList()
        page.beginRecord()
        page.fields(of: labels.checkOK)
        page.key("text")
        Self.writeMessage(labels.checkIssued, names, to: page)
        page.endRecord()
        Self.copyRecord(locale.fixedChecks.hosted, to: page)
        Self.copyRecord(locale.fixedChecks.recipient, to: page)
        if let revocation = award.revocation {
            let reason = revocation.reason
            Self.writeCheck(labels.checkFail, PageLocale.format(labels.checkRevoked) { $0 == "reason" ? reason : nil }, to: page)
        } else {
            Self.copyRecord(locale.fixedChecks.notRevoked, to: page)
        }
        if let expires = award.expiresOn {
            let date = dateText(expires, locale)
            let fill: (String) -> String? = { $0 == "date" ? date : nil }
            if award.isExpired {
                Self.writeCheck(labels.checkFail, PageLocale.format(labels.checkExpired, fill), to: page)
            } else {
                Self.writeCheck(labels.checkOK, PageLocale.format(labels.checkExpires, fill), to: page)
            }
        } else {
            Self.copyRecord(locale.fixedChecks.noExpiry, to: page)
        }
        if parts.retired { Self.copyRecord(locale.fixedChecks.retired, to: page) }
        page.endList()
        page.field("status", status.code)
        page.field("assertionHref") { routes.appendAward(award.id, .assertion, after: root, to: &$0) }
        page.field("assertionURL") { routes.appendAward(award.id, .assertion, after: routes.baseURL, to: &$0) }
        page.field("salt", award.recipient.salt)
        page.field("identity", award.recipient.identity)
        page.endRecord()
    }

    /// The Open Badges 3.0 credential as the page shows it: where to download it, who signed it
    /// with which key and suite, and where its status bit is, for the script to read.
    private func writeCredential(_ award: PublishedAward, root: String, to page: TemplateDocument.Writer) {
        guard let issuer = credentialIssuer else { return page.null() }
        let (list, position) = StatusListCredentials.place(of: award.statusIndex)
        page.beginRecord()
        page.field("href") { routes.appendAward(award.id, .credential, after: root, to: &$0) }
        page.field("url") { routes.appendAward(award.id, .credential, after: routes.baseURL, to: &$0) }
        page.key("filename")
        page.beginText()
        page.appendText(plan.badges[award.badgeIndex].badge.id)
        page.appendText("-")
        page.appendText(award.id)
        page.appendText(".credential.json")
        page.endText()
        page.field("did", issuer.did)
        page.field("verificationMethod", issuer.verificationMethod)
        page.field("key", String(issuer.verificationMethod.split(separator: "#").last ?? ""))
        page.field("cryptosuite", "eddsa-rdfc-2022")
        page.field("statusList") { out in
            out.append(root)
            out.append(routes.statusList(list))
        }
        page.field("statusIndex", String(position))
        page.field("revoked", award.revocation != nil)
        page.endRecord()
    }

    /// One line of the verification panel that is the same on every page of the locale, to copy
    /// into pages (`TemplateDocument.Writer.fields(of:)`): `state` is ok, fail or info.
    static func check(_ state: String, _ locale: PageLocale, _ text: String) -> TemplateDocument {
        .record(["state": state, "stateLabel": locale["check_" + state], "text": text])
    }

    /// A breadcrumb of item pages, the same for every award of the badge in the locale, to copy
    /// into pages.
    static func crumb(label: String, href: String) -> TemplateDocument {
        .record(["label": label, "href": href])
    }

    /// What prototypes hold until they are made.
    static let emptyRecord = TemplateDocument.record([:])

    /// A record with the fields of `prototype`.
    private static func copyRecord(_ prototype: TemplateDocument, to page: TemplateDocument.Writer) {
        page.beginRecord()
        page.fields(of: prototype)
        page.endRecord()
    }

    /// `state` holds the check's state and its label (`AwardLabels.check`).
    private static func writeCheck(_ state: TemplateDocument, _ text: String, to page: TemplateDocument.Writer) {
        page.beginRecord()
        page.fields(of: state)
        page.field("text", text)
        page.endRecord()
    }

    private func writeShare(_ snippets: SnippetTexts, _ award: PublishedAward, _ locale: PageLocale,
                            to page: TemplateDocument.Writer) {
        page.beginRecord()
        page.field("url", snippets.pageURL)
        // Written as HTML shows them (see `SnippetTexts`): a page copies them as they are.
        page.key("linkedInAdd")
        Self.writeEscapedText({ snippets.appendLinkedInAdd(to: &$0, forHTML: true) }, to: page)
        page.key("linkedInPost")
        Self.writeEscapedText({ snippets.appendLinkedInPost(to: &$0) }, to: page)
        page.key("x")
        Self.writeEscapedText({ snippets.appendX(to: &$0, forHTML: true) }, to: page)
        page.key("facebook")
        Self.writeEscapedText({ snippets.appendFacebook(to: &$0) }, to: page)
        page.key("email")
        Self.writeEscapedText({ snippets.appendEmail(to: &$0, forHTML: true) }, to: page)
        // Named rather than a list, so that the theme writes out each field's id and label and
        // the page fills in only the values.
        page.key("linkedIn")
        page.beginRecord()
        page.field("name", snippets.parts.badgeName)
        page.field("organization", snippets.parts.issuerName)
        page.field("issued", monthText(award.issuedOn, locale))
        page.field("expires", award.expiresOn.map { monthText($0, locale) } ?? locale.awardLabels.noExpiration)
        page.field("id", award.id)
        page.field("url", snippets.pageURL)
        page.endRecord()
        page.endRecord()
    }

    /// The embed codes, as text to show: named, like the LinkedIn fields.
    private func writeEmbed(_ snippets: SnippetTexts, to page: TemplateDocument.Writer) {
        let bakedImage = Routes.AwardFile.bakedImage(snippets.parts.imageFormat)
        page.beginRecord()
        page.key("iframe")
        Self.writeText({ snippets.appendIframe(to: &$0) }, to: page)
        page.key("signature")
        Self.writeText({ snippets.appendEmailSignature(to: &$0) }, to: page)
        page.key("markdown")
        Self.writeText({ out in
            snippets.appendMarkdown(to: &out) { routes.appendAward(snippets.id, bakedImage, after: routes.baseURL, to: &$0) }
        }, to: page)
        page.field("url", snippets.pageURL)
        page.endRecord()
    }

    /// A message with the award's names filled in, as a text value.
    private static func writeMessage(_ pieces: [PageLocale.MessagePiece], _ names: AwardNames, to page: TemplateDocument.Writer) {
        writeText({ PageLocale.append(pieces, names, to: &$0) }, to: page)
    }

    private static func writeText(_ write: (inout TextBuffer) -> Void, to page: TemplateDocument.Writer) {
        page.beginText()
        page.appendText(write)
        page.endText()
    }

    /// `write` writes the text HTML-escaped.
    private static func writeEscapedText(_ write: (inout TextBuffer) -> Void, to page: TemplateDocument.Writer) {
        page.beginText()
        page.appendText(write)
        page.endEscapedText()
    }
}

/// Where an award stands, as its page says it.
struct AwardStatus {
    /// `valid`, `expired` or `revoked`.
    var code: String
    var label: String

    init(_ award: PublishedAward, _ labels: AwardLabels) {
        if award.revocation != nil {
            (code, label) = ("revoked", labels.revoked)
        } else if award.isExpired {
            (code, label) = ("expired", labels.expired)
        } else {
            (code, label) = ("valid", labels.valid)
        }
    }
}
