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
        let badgeIndex = plan.awards[index].badgeIndex
        let parts = badgeParts(of: badgeIndex, locale)
        let path = routes.awardPage(plan.awards[index].id, locale.code)
        let root = Routes.root(from: path)
        let page = TemplateDocument.Writer()
        var texts = pageTexts.take()
        awardPageView(index, locale, parts: parts, path: path, texts: texts).write(to: page)
        pageTexts.giveBack(&texts)
        let document = TemplateValue.document(page.finish())
        if root == locale.itemRoot, let frame = locale.awardFrame {
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

    /// The badge's views as item pages of the locale show them, made once per build.
    func badgeParts(of badgeIndex: Int, _ locale: PageLocale) -> BadgeParts {
        locale.badges.indices.contains(badgeIndex) ? locale.badges[badgeIndex] : badgeParts(badgeIndex, locale)
    }

    /// The award page's own variables; its written texts go into `texts`.
    func awardPageView(_ index: Int, _ locale: PageLocale, parts: BadgeParts, texts: PageTexts = PageTexts()) -> AwardPageView {
        awardPageView(index, locale, parts: parts, path: routes.awardPage(plan.awards[index].id, locale.code), texts: texts)
    }

    /// `path` is the page's own (`Routes.awardPage`).
    private func awardPageView(_ index: Int, _ locale: PageLocale, parts: BadgeParts, path: String,
                               texts: PageTexts) -> AwardPageView {
        let award = plan.awards[index]
        let badgeIndex = award.badgeIndex
        let root = Routes.root(from: path)
        let holderName = text(award.holder.name, locale)
        let names = AwardNames(badge: parts.name, issuer: parts.issuerName, name: holderName,
                               date: dateText(award.issuedOn, locale))
        let labels: AwardLabels = locale.awardLabels
        let canonical = routes.url(path)
        let isDefaultLocale = locale.code == routes.defaultLocale
        let pageURL = isDefaultLocale ? canonical : routes.url(routes.awardPage(award.id, routes.defaultLocale))
        let summary = PageLocale.format(labels.summary, names)
        let status = AwardStatus(award, labels)

        var crumbs: [Crumb] = []
        crumbs.reserveCapacity(3)
        if root == locale.itemRoot {
            crumbs += [.prototype(locale.homeCrumb), .prototype(parts.crumb)]
        } else {
            crumbs += [
                .link(LinkView(label: locale["home"], href: root + routes.index(locale.code))),
                .link(LinkView(label: parts.name, href: root + routes.badgePage(plan.badges[badgeIndex].badge.id, locale.code))),
            ]
        }
        crumbs.append(.link(LinkView(label: holderName, href: nil)))

        // Conditions, not `Optional.map` over a copy of the award: each copy of an award or of
        // its snippets retains every field, and releases them again.
        let isListed = award.isListed
        var share: ShareView? = nil
        var embed: EmbedSnippetsView? = nil
        if isListed {
            let snippets = snippetTexts(award, pageURL: pageURL)
            share = shareView(snippets, award, locale, texts: texts)
            embed = embedSnippets(snippets, texts: texts)
        }
        let frame = FrameFields(
            title: PageLocale.written { out in
                PageLocale.append(labels.title, names, to: &out)
                if out.count > 0 { out.append(" | ") }
                out.append(locale.siteTitle)
            },
            description: summary,
            robots: award.isListed ? nil : "noindex",
            canonical: canonical,
            path: isDefaultLocale ? path : routes.awardPage(award.id, plan.site.defaultLocale),
            og: !isListed ? nil :
                OpenGraphView(type: "website", title: PageLocale.format(labels.openGraphTitle, names), description: summary,
                              url: canonical, siteName: locale.siteTitle, locale: locale.openGraphLocale,
                              twitterCard: parts.twitterCard, image: parts.openGraphImage),
            breadcrumbs: Breadcrumbs(items: crumbs))
        return AwardPageView(
            frame: frame,
            holder: HolderLink(name: holderName, href: award.holder.hasProfile ? texts.text { out in
                out.append(root)
                out.append(routes.holderPage(award.holder.id, locale.code))
            } : nil),
            award: awardFields(award, status: status, url: pageURL, locale),
            verify: verification(award, parts, status: status, root: root, locale, names: names, texts: texts),
            credential: credentialView(award, root: root, texts: texts),
            jsonLD: texts.text { documents.appendJSONLD(award, to: &$0) },
            assertionLink: texts.text { routes.appendAward(award.id, .assertion, after: routes.baseURL, to: &$0) },
            share: share,
            embed: embed,
            oembed: !isListed ? nil :
                OEmbedLink(href: texts.text { routes.appendAward(award.id, .oEmbed, after: routes.baseURL, to: &$0) },
                           title: texts.text { PageLocale.append(labels.openGraphTitle, names, to: &$0) }),
            download: !isListed ? nil :
                DownloadView(href: texts.text { routes.appendAward(award.id, .bakedImage(parts.bakedFormat), after: root, to: &$0) },
                             filename: downloadName(award, extension: parts.bakedFormat, texts: texts),
                             format: parts.bakedFormatLabel))
    }

    private func awardFields(_ award: PublishedAward, status: AwardStatus, url: String, _ locale: PageLocale) -> AwardFieldsView {
        var notice: String? = nil
        if award.revocation == nil, award.isExpired, let expires = award.expiresOn {
            let date = dateText(expires, locale)
            notice = PageLocale.format(locale.awardLabels.expiredNotice) { $0 == "date" ? date : nil }
        }
        return AwardFieldsView(
            id: award.id,
            issued: dateView(award.issuedOn, locale),
            expires: award.expiresOn.map { dateView($0, locale) },
            expired: award.isExpired,
            revoked: award.revocation.map { RevocationView(reason: $0.reason, date: $0.date.map { dateView($0, locale) }) },
            status: status.code,
            statusLabel: status.label,
            expiredNotice: notice,
            evidence: award.evidence.map { EvidenceView(url: $0.url, narrative: text($0.narrative, locale)) },
            hasEvidence: !award.evidence.isEmpty,
            url: url)
    }

    /// What the build checked, as statements a visitor can follow, and what the script needs
    /// to check again in the browser.
    private func verification(_ award: PublishedAward, _ parts: BadgeParts, status: AwardStatus, root: String,
                              _ locale: PageLocale, names: AwardNames, texts: PageTexts) -> VerificationView {
        let labels: AwardLabels = locale.awardLabels
        func message(_ pieces: [PageLocale.MessagePiece], _ value: (String) -> String?) -> WrittenText {
            texts.text { PageLocale.append(pieces, value, to: &$0) }
        }
        // At most six lines: room for them at once rather than growing from the first three.
        var checks: [Check] = []
        checks.reserveCapacity(6)
        checks += [
            .made(state: labels.checkOK, text: message(labels.checkIssued) { names($0) }),
            .prototype(locale.fixedChecks.hosted),
            .prototype(locale.fixedChecks.recipient),
        ]
        if let revocation = award.revocation {
            let reason = revocation.reason
            checks.append(.made(state: labels.checkFail, text: message(labels.checkRevoked) { $0 == "reason" ? reason : nil }))
        } else {
            checks.append(.prototype(locale.fixedChecks.notRevoked))
        }
        if let expires = award.expiresOn {
            let date = dateText(expires, locale)
            let fill: (String) -> String? = { $0 == "date" ? date : nil }
            checks.append(award.isExpired
                ? .made(state: labels.checkFail, text: message(labels.checkExpired, fill))
                : .made(state: labels.checkOK, text: message(labels.checkExpires, fill)))
        } else {
            checks.append(.prototype(locale.fixedChecks.noExpiry))
        }
        if parts.retired { checks.append(.prototype(locale.fixedChecks.retired)) }
        return VerificationView(
            checks: checks,
            status: status.code,
            assertionHref: texts.text { routes.appendAward(award.id, .assertion, after: root, to: &$0) },
            assertionURL: texts.text { routes.appendAward(award.id, .assertion, after: routes.baseURL, to: &$0) },
            salt: award.recipient.salt,
            identity: award.recipient.identity)
    }

    /// What a download of the award's file is saved as: `<badge>-<award>.<extension>`.
    private func downloadName(_ award: PublishedAward, extension fileExtension: String, texts: PageTexts) -> WrittenText {
        texts.text { out in
            out.append(plan.badges[award.badgeIndex].badge.id)
            out.append("-")
            out.append(award.id)
            out.append(".")
            out.append(fileExtension)
        }
    }

    /// The Open Badges 3.0 credential as the page shows it, or nil when the site writes none.
    private func credentialView(_ award: PublishedAward, root: String, texts: PageTexts) -> CredentialView? {
        guard let issuer = credentialIssuer else { return nil }
        let (list, position) = StatusListCredentials.place(of: award.statusIndex)
        return CredentialView(
            href: texts.text { routes.appendAward(award.id, .credential, after: root, to: &$0) },
            url: texts.text { routes.appendAward(award.id, .credential, after: routes.baseURL, to: &$0) },
            filename: downloadName(award, extension: "credential.json", texts: texts),
            did: issuer.did,
            verificationMethod: issuer.verificationMethod,
            key: credentialKey,
            cryptosuite: "eddsa-rdfc-2022",
            statusList: texts.text { out in
                out.append(root)
                out.append(routes.statusList(list))
            },
            statusIndex: String(position),
            revoked: award.revocation != nil)
    }

    /// A line of the verification panel that is the same on every page of the locale.
    static func check(_ state: String, _ locale: PageLocale, _ text: String) -> Prototype {
        Prototype(CheckLine(state: state, stateLabel: locale["check_" + state], text: text))
    }

    private func shareView(_ snippets: SnippetTexts, _ award: PublishedAward, _ locale: PageLocale, texts: PageTexts) -> ShareView {
        ShareView(
            url: snippets.pageURL,
            linkedInAdd: texts.html { snippets.appendLinkedInAdd(to: &$0, forHTML: true) },
            linkedInPost: texts.html { snippets.appendLinkedInPost(to: &$0) },
            x: texts.html { snippets.appendX(to: &$0, forHTML: true) },
            facebook: texts.html { snippets.appendFacebook(to: &$0) },
            email: texts.html { snippets.appendEmail(to: &$0, forHTML: true) },
            linkedIn: LinkedInFields(
                name: snippets.parts.badgeName,
                organization: snippets.parts.issuerName,
                issued: monthText(award.issuedOn, locale),
                expires: award.expiresOn.map { monthText($0, locale) } ?? locale.awardLabels.noExpiration,
                id: award.id,
                url: snippets.pageURL))
    }

    private func embedSnippets(_ snippets: SnippetTexts, texts: PageTexts) -> EmbedSnippetsView {
        let bakedImage = Routes.AwardFile.bakedImage(snippets.parts.imageFormat)
        return EmbedSnippetsView(
            iframe: texts.text { snippets.appendIframe(to: &$0) },
            signature: texts.text { snippets.appendEmailSignature(to: &$0) },
            markdown: texts.text { out in
                snippets.appendMarkdown(to: &out) { routes.appendAward(snippets.id, bakedImage, after: routes.baseURL, to: &$0) }
            },
            url: snippets.pageURL)
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
