import SitegenModel
import SitegenMustache
import SitegenPlan

/// The public badge page: the credential people share.
extension PageRenderer {
    func awardContext(_ index: Int, _ locale: PageLocale) -> [String: TemplateValue] {
        let award = plan.awards[index]
        let published = plan.badge(of: award)
        let issuer = plan.issuer(of: published)
        let path = routes.awardPage(award.id, locale.code)
        let root = Routes.root(from: path)
        let badgeName = text(published.badge.name, locale)
        let issuerName = text(issuer.name, locale)
        let holderName = text(award.holder.name, locale)
        let issued = dates.text(award.issuedOn, locale.code)
        let names = ["badge": badgeName, "issuer": issuerName, "name": holderName, "date": issued]

        let status: String
        if award.revocation != nil {
            status = "revoked"
        } else if award.isExpired {
            status = "expired"
        } else {
            status = "valid"
        }
        let summary = locale.format("award_summary", names)

        var frame = PageFrame(kind: "award", path: { routes.awardPage(award.id, $0) },
                              title: locale.format("award_title", names), description: summary)
        frame.breadcrumbs = [(badgeName, routes.badgePage(published.badge.id, locale.code)), (holderName, nil)]
        if award.isListed {
            frame.openGraph = openGraph(type: "website", title: locale.format("award_og_title", names), description: summary,
                                        url: routes.url(path), locale: locale,
                                        image: previewImage(award.badgeIndex, alt: badgeName))
        } else {
            // A revoked credential stays verifiable at its URL but is no longer promoted.
            frame.robots = "noindex"
        }
        var context = self.frame(frame, locale)

        context["badge"] = badgeView(award.badgeIndex, locale, forPage: path)
        context["issuer"] = issuerView(published.issuerIndex, locale, forPage: path)
        context["holder"] = .object([
            "name": .string(holderName),
            "href": award.holder.profileIndex.map { _ in .string(root + routes.holderPage(award.holder.id, locale.code)) } ?? .null,
        ])
        context["award"] = awardValue(award, status: status, locale, names: names)
        context["verify"] = verification(award, status: status, root: root, locale, names: names)
        context["jsonLD"] = .string(String(decoding: documents.jsonLD(award), as: UTF8.self))
        context["assertionLink"] = .string(routes.url(routes.assertion(award.id)))

        if award.isListed {
            let snippets = snippets(index)
            context["share"] = share(snippets, award, locale)
            context["embeds"] = .list(embeds(snippets, locale))
            context["oembed"] = .object([
                "href": .string(routes.url(routes.oEmbed(award.id))),
                "title": .string(locale.format("award_og_title", names)),
            ])
            let format = documents.bakedImageFormat(award)
            context["download"] = .object([
                "href": .string(root + routes.bakedImage(award.id, format)),
                "filename": .string("\(published.badge.id)-\(award.id).\(format)"),
                "format": .string(format.uppercased()),
            ])
        } else {
            context["share"] = .null
            context["embeds"] = .list([])
            context["oembed"] = .null
            context["download"] = .null
        }
        return context
    }

    private func awardValue(_ award: PublishedAward, status: String, _ locale: PageLocale,
                            names: [String: String]) -> TemplateValue {
        var revoked: TemplateValue = .null
        if let revocation = award.revocation {
            revoked = .object([
                "reason": .string(revocation.reason),
                "date": revocation.date.map { dateValue($0, locale) } ?? .null,
            ])
        }
        var notice: String?
        if award.revocation == nil, award.isExpired, let expires = award.expiresOn {
            notice = locale.format("expired_notice", ["date": dates.text(expires, locale.code)])
        }
        let evidence: [TemplateValue] = award.evidence.map { item in
            .object([
                "url": item.url.map { .string($0) } ?? .null,
                "narrative": text(item.narrative, locale).map { .string($0) } ?? .null,
            ])
        }
        return .object([
            "id": .string(award.id),
            "issued": dateValue(award.issuedOn, locale),
            "expires": award.expiresOn.map { dateValue($0, locale) } ?? .null,
            "expired": .bool(award.isExpired),
            "revoked": revoked,
            "status": .string(status),
            "statusLabel": .string(locale["status_" + status]),
            "expiredNotice": notice.map { .string($0) } ?? .null,
            "evidence": .list(evidence),
            "hasEvidence": .bool(!evidence.isEmpty),
            "url": .string(routes.url(routes.awardPage(award.id, routes.defaultLocale))),
        ])
    }

    /// What the build checked, as statements a visitor can follow, and what the script needs
    /// to check again in the browser.
    private func verification(_ award: PublishedAward, status: String, root: String, _ locale: PageLocale,
                              names: [String: String]) -> TemplateValue {
        let published = plan.badge(of: award)
        let issuer = plan.issuer(of: published)
        let fixed = locale.fixedChecks
        var checks: [TemplateValue] = [
            Self.check("ok", locale, locale.format("check_issued", names)),
            fixed.hosted,
            fixed.recipient,
        ]
        if let revocation = award.revocation {
            checks.append(Self.check("fail", locale, locale.format("check_revoked", ["reason": revocation.reason])))
        } else {
            checks.append(fixed.notRevoked)
        }
        if let expires = award.expiresOn {
            let date = ["date": dates.text(expires, locale.code)]
            checks.append(award.isExpired ? Self.check("fail", locale, locale.format("check_expired", date))
                                          : Self.check("ok", locale, locale.format("check_expires", date)))
        } else {
            checks.append(fixed.noExpiry)
        }
        if published.badge.status == .retired {
            checks.append(fixed.retired)
        }
        return .object([
            "checks": .list(checks),
            "status": .string(status),
            "assertionHref": .string(root + routes.assertion(award.id)),
            "assertionURL": .string(routes.url(routes.assertion(award.id))),
            "badgeHref": .string(root + routes.badgeClass(published.badge.id)),
            "badgeURL": .string(routes.url(routes.badgeClass(published.badge.id))),
            "issuerHref": .string(root + routes.issuerProfile(issuer.id)),
            "issuerURL": .string(routes.url(routes.issuerProfile(issuer.id))),
            "salt": .string(award.recipient.salt),
            "identity": .string(award.recipient.identity),
        ])
    }

    /// One line of the verification panel: `state` is ok, fail or info.
    static func check(_ state: String, _ locale: PageLocale, _ text: String) -> TemplateValue {
        .object(["state": .string(state), "stateLabel": .string(locale["check_" + state]), "text": .string(text)])
    }

    private func share(_ snippets: AwardSnippets, _ award: PublishedAward, _ locale: PageLocale) -> TemplateValue {
        let fields = snippets.linkedIn
        func field(_ id: String, _ label: String, _ value: String) -> TemplateValue {
            .object(["id": .string("li-" + id), "label": .string(locale[label]), "value": .string(value)])
        }
        var list: [TemplateValue] = [
            field("name", "field_name", fields.name),
            field("organization", "field_organization", fields.organization),
            field("issued", "field_issue_date", months.text(award.issuedOn, locale.code)),
        ]
        if let expires = award.expiresOn {
            list.append(field("expires", "field_expiration_date", months.text(expires, locale.code)))
        } else {
            list.append(field("expires", "field_expiration_date", locale["field_no_expiration"]))
        }
        list.append(field("id", "field_credential_id", fields.certID))
        list.append(field("url", "field_credential_url", fields.certURL))
        return .object([
            "url": .string(snippets.pageURL),
            "linkedInAdd": .string(snippets.linkedInAddToProfileURL),
            "linkedInPost": .string(snippets.linkedInPostURL),
            "x": .string(snippets.xURL),
            "facebook": .string(snippets.facebookURL),
            "email": .string(snippets.emailURL),
            "fields": .list(list),
        ])
    }

    private func embeds(_ snippets: AwardSnippets, _ locale: PageLocale) -> [TemplateValue] {
        func embed(_ id: String, _ code: String, rows: Int) -> TemplateValue {
            .object([
                "id": .string("embed-" + id),
                "label": .string(locale["embed_" + id]),
                "hint": .string(locale["embed_" + id + "_hint"]),
                "code": .string(code),
                "rows": .string(String(rows)),
            ])
        }
        return [
            embed("iframe", snippets.iframe, rows: 4),
            embed("signature", snippets.emailSignature, rows: 4),
            embed("markdown", snippets.markdown, rows: 3),
            embed("url", snippets.pageURL, rows: 1),
        ]
    }
}
