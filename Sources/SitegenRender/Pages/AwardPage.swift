import SitegenModel
import SitegenMustache
import SitegenPlan

/// The public badge page: the credential people share.
///
/// Rendered more than any other page, so its context is two parts: the frame every award page
/// of the locale shares (`PageLocale.itemFrames`), and the page's own record, into which the
/// badge's precomputed parts (`BadgeParts`) go by reference.
extension PageRenderer {
    func awardContexts(_ index: Int, _ locale: PageLocale) -> [TemplateValue] {
        let award = plan.awards[index]
        let badgeIndex = award.badgeIndex
        let parts = locale.badges.indices.contains(badgeIndex) ? locale.badges[badgeIndex] : badgeParts(badgeIndex, locale)
        let path = routes.awardPage(award.id, locale.code)
        let root = Routes.root(from: path)
        let holderName = text(award.holder.name, locale)
        let names = AwardNames(badge: parts.name, issuer: parts.issuerName, name: holderName,
                               date: dates.text(award.issuedOn, locale.code))
        let labels = locale.awardLabels

        let status: String
        let statusLabel: String
        if award.revocation != nil {
            (status, statusLabel) = ("revoked", labels.revoked)
        } else if award.isExpired {
            (status, statusLabel) = ("expired", labels.expired)
        } else {
            (status, statusLabel) = ("valid", labels.valid)
        }
        let summary = locale.format("award_summary", names)
        let sharedTitle = award.isListed ? locale.format("award_og_title", names) : ""
        let assertionURL = routes.url(routes.assertion(award.id))

        var page = TemplateRecord(minimumCapacity: 24)
        var openGraph: TemplateValue = .null
        if award.isListed {
            openGraph = self.openGraph(type: "website", title: sharedTitle, description: summary, url: routes.url(path),
                                       locale: locale, image: parts.openGraphImage, twitterCard: parts.twitterCard)
        }
        let crumbs: [TemplateValue] = [
            root == locale.itemRoot ? locale.homeCrumb
                : .record(["label": .string(locale["home"]), "href": .string(root + routes.index(locale.code))]),
            root == locale.itemRoot ? parts.crumb
                : .record(["label": .string(parts.name), "href": .string(root + routes.badgePage(plan.badges[badgeIndex].badge.id, locale.code))]),
            .record(["label": .string(holderName), "href": .null]),
        ]
        // A revoked credential stays verifiable at its URL but is no longer promoted.
        framePage(&page, title: locale.format("award_title", names), description: summary,
                  robots: award.isListed ? nil : "noindex", canonical: routes.url(path),
                  path: routes.awardPage(award.id, plan.site.defaultLocale), openGraph: openGraph,
                  breadcrumbs: .record(["items": .list(crumbs)]), locale)

        page["badge"] = root == locale.itemRoot ? parts.view : badgeView(badgeIndex, locale, root: root)
        page["issuer"] = root == locale.itemRoot ? parts.issuerView
            : issuerView(plan.badges[badgeIndex].issuerIndex, locale, root: root)
        page["holder"] = .record([
            "name": .string(holderName),
            "href": award.holder.profileIndex.map { _ in .string(root + routes.holderPage(award.holder.id, locale.code)) } ?? .null,
        ])
        page["award"] = awardValue(award, status: status, statusLabel: statusLabel, locale)
        page["verify"] = verification(award, parts, status: status, root: root, assertionURL: assertionURL, locale, names: names)
        page["jsonLD"] = .string(String(decoding: documents.jsonLD(award), as: UTF8.self))
        page["assertionLink"] = .string(assertionURL)

        if award.isListed {
            let snippets = snippets(index)
            page["share"] = share(snippets, award, labels, locale)
            page["embeds"] = embeds(snippets, labels)
            page["oembed"] = .record([
                "href": .string(routes.url(routes.oEmbed(award.id))),
                "title": .string(sharedTitle),
            ])
            let format = parts.bakedFormat
            page["download"] = .record([
                "href": .string(root + routes.bakedImage(award.id, format)),
                "filename": .string(plan.badges[badgeIndex].badge.id + "-" + award.id + "." + format),
                "format": .string(parts.bakedFormatLabel),
            ])
        } else {
            page["share"] = .null
            page["embeds"] = .list([])
            page["oembed"] = .null
            page["download"] = .null
        }
        let shared = root == locale.itemRoot ? locale.itemFrames["award"] : nil
        return [shared ?? sharedFrame(kind: "award", root: Self.rootPrefix(path), locale), .record(page)]
    }

    private func awardValue(_ award: PublishedAward, status: String, statusLabel: String, _ locale: PageLocale) -> TemplateValue {
        var revoked: TemplateValue = .null
        if let revocation = award.revocation {
            revoked = .record([
                "reason": .string(revocation.reason),
                "date": revocation.date.map { dateValue($0, locale) } ?? .null,
            ])
        }
        var notice: TemplateValue = .null
        if award.revocation == nil, award.isExpired, let expires = award.expiresOn {
            let date = dates.text(expires, locale.code)
            notice = .string(locale.format("expired_notice") { $0 == "date" ? date : nil })
        }
        let evidence: [TemplateValue] = award.evidence.map { item in
            .record([
                "url": item.url.map { .string($0) } ?? .null,
                "narrative": text(item.narrative, locale).map { .string($0) } ?? .null,
            ])
        }
        return .record([
            "id": .string(award.id),
            "issued": dateValue(award.issuedOn, locale),
            "expires": award.expiresOn.map { dateValue($0, locale) } ?? .null,
            "expired": .bool(award.isExpired),
            "revoked": revoked,
            "status": .string(status),
            "statusLabel": .string(statusLabel),
            "expiredNotice": notice,
            "evidence": .list(evidence),
            "hasEvidence": .bool(!evidence.isEmpty),
            "url": .string(routes.url(routes.awardPage(award.id, routes.defaultLocale))),
        ])
    }

    /// What the build checked, as statements a visitor can follow, and what the script needs
    /// to check again in the browser.
    private func verification(_ award: PublishedAward, _ parts: BadgeParts, status: String, root: String,
                              assertionURL: String, _ locale: PageLocale, names: AwardNames) -> TemplateValue {
        let fixed = locale.fixedChecks
        let labels = locale.awardLabels
        var checks: [TemplateValue] = [
            Self.check("ok", labels.checkOK, locale.format("check_issued", names)),
            fixed.hosted,
            fixed.recipient,
        ]
        if let revocation = award.revocation {
            let reason = revocation.reason
            checks.append(Self.check("fail", labels.checkFail, locale.format("check_revoked") { $0 == "reason" ? reason : nil }))
        } else {
            checks.append(fixed.notRevoked)
        }
        if let expires = award.expiresOn {
            let date = dates.text(expires, locale.code)
            let fill: (String) -> String? = { $0 == "date" ? date : nil }
            checks.append(award.isExpired ? Self.check("fail", labels.checkFail, locale.format("check_expired", fill))
                                          : Self.check("ok", labels.checkOK, locale.format("check_expires", fill)))
        } else {
            checks.append(fixed.noExpiry)
        }
        if parts.retired {
            checks.append(fixed.retired)
        }
        let itemPage = root == locale.itemRoot
        return .record([
            "checks": .list(checks),
            "status": .string(status),
            "assertionHref": .string(root + routes.assertion(award.id)),
            "assertionURL": .string(assertionURL),
            "badgeHref": .string(itemPage ? parts.badgeHref : root + routes.badgeClass(plan.badges[award.badgeIndex].badge.id)),
            "badgeURL": .string(parts.badgeURL),
            "issuerHref": .string(itemPage ? parts.issuerHref
                : root + routes.issuerProfile(plan.issuers[plan.badges[award.badgeIndex].issuerIndex].id)),
            "issuerURL": .string(parts.issuerURL),
            "salt": .string(award.recipient.salt),
            "identity": .string(award.recipient.identity),
        ])
    }

    /// One line of the verification panel: `state` is ok, fail or info.
    static func check(_ state: String, _ locale: PageLocale, _ text: String) -> TemplateValue {
        check(state, locale["check_" + state], text)
    }

    static func check(_ state: String, _ stateLabel: String, _ text: String) -> TemplateValue {
        .record(["state": .string(state), "stateLabel": .string(stateLabel), "text": .string(text)])
    }

    private func share(_ snippets: AwardSnippets, _ award: PublishedAward, _ labels: AwardLabels,
                       _ locale: PageLocale) -> TemplateValue {
        let fields = snippets.linkedIn
        func field(_ id: String, _ label: String, _ value: String) -> TemplateValue {
            .record(["id": .string(id), "label": .string(label), "value": .string(value)])
        }
        let expires = award.expiresOn.map { months.text($0, locale.code) } ?? labels.noExpiration
        return .record([
            "url": .string(snippets.pageURL),
            "linkedInAdd": .string(snippets.linkedInAddToProfileURL),
            "linkedInPost": .string(snippets.linkedInPostURL),
            "x": .string(snippets.xURL),
            "facebook": .string(snippets.facebookURL),
            "email": .string(snippets.emailURL),
            "fields": .list([
                field("li-name", labels.fieldName, fields.name),
                field("li-organization", labels.fieldOrganization, fields.organization),
                field("li-issued", labels.fieldIssueDate, months.text(award.issuedOn, locale.code)),
                field("li-expires", labels.fieldExpirationDate, expires),
                field("li-id", labels.fieldCredentialID, fields.certID),
                field("li-url", labels.fieldCredentialURL, fields.certURL),
            ]),
        ])
    }

    private func embeds(_ snippets: AwardSnippets, _ labels: AwardLabels) -> TemplateValue {
        func embed(_ kind: AwardLabels.Embed, _ code: String) -> TemplateValue {
            .record([
                "id": .string(kind.id),
                "label": .string(kind.label),
                "hint": .string(kind.hint),
                "code": .string(code),
                "rows": .string(kind.rows),
            ])
        }
        return .list([
            embed(labels.iframe, snippets.iframe),
            embed(labels.signature, snippets.emailSignature),
            embed(labels.markdown, snippets.markdown),
            embed(labels.url, snippets.pageURL),
        ])
    }
}

/// The theme strings award pages show whatever the award, looked up once per locale.
struct AwardLabels: Sendable {
    struct Embed: Sendable {
        var id = "", label = "", hint = "", rows = ""

        init() {}

        init(_ kind: String, rows: Int, _ locale: PageLocale) {
            id = "embed-" + kind
            label = locale["embed_" + kind]
            hint = locale["embed_" + kind + "_hint"]
            self.rows = String(rows)
        }
    }

    var valid = "", expired = "", revoked = ""
    var checkOK = "", checkFail = ""
    var fieldName = "", fieldOrganization = "", fieldIssueDate = "", fieldExpirationDate = ""
    var fieldCredentialID = "", fieldCredentialURL = "", noExpiration = ""
    var iframe = Embed(), signature = Embed(), markdown = Embed(), url = Embed()

    init() {}

    init(_ locale: PageLocale) {
        valid = locale["status_valid"]
        expired = locale["status_expired"]
        revoked = locale["status_revoked"]
        checkOK = locale["check_ok"]
        checkFail = locale["check_fail"]
        fieldName = locale["field_name"]
        fieldOrganization = locale["field_organization"]
        fieldIssueDate = locale["field_issue_date"]
        fieldExpirationDate = locale["field_expiration_date"]
        fieldCredentialID = locale["field_credential_id"]
        fieldCredentialURL = locale["field_credential_url"]
        noExpiration = locale["field_no_expiration"]
        iframe = Embed("iframe", rows: 4, locale)
        signature = Embed("signature", rows: 4, locale)
        markdown = Embed("markdown", rows: 3, locale)
        url = Embed("url", rows: 1, locale)
    }
}
