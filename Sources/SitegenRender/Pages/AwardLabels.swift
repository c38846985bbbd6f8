import SitegenMustache

/// The theme strings award pages show whatever the award, looked up once per locale. A class:
/// pages read it for every award, and copying its many strings would cost a reference count each.
final class AwardLabels: Sendable {
    /// An embed snippet's `id`, `label`, `hint` and `rows`: the fields of each page's embed
    /// record but its code.
    static func embed(_ kind: String, rows: Int, _ locale: PageLocale) -> TemplateDocument {
        let fields = TemplateDocument.Writer()
        fields.field("id", "embed-" + kind)
        fields.field("label", locale["embed_" + kind])
        fields.field("hint", locale["embed_" + kind + "_hint"])
        fields.field("rows", String(rows))
        return fields.finish()
    }

    /// A LinkedIn field's `id` and `label`: the fields of each page's record but its value.
    static func linkedInField(_ id: String, _ label: String) -> TemplateDocument {
        let fields = TemplateDocument.Writer()
        fields.field("id", id)
        fields.field("label", label)
        return fields.finish()
    }

    /// A check's `state` and `stateLabel`: the fields of each page's check but its text.
    static func check(_ state: String, _ label: String) -> TemplateDocument {
        let fields = TemplateDocument.Writer()
        fields.field("state", state)
        fields.field("stateLabel", label)
        return fields.finish()
    }

    let valid, expired, revoked: String
    let checkOK, checkFail: TemplateDocument
    let fieldName, fieldOrganization, fieldIssueDate, fieldExpirationDate: TemplateDocument
    let fieldCredentialID, fieldCredentialURL: TemplateDocument
    let noExpiration: String
    let iframe, signature, markdown, url: TemplateDocument
    /// Strings with placeholders that award pages fill in.
    let title, summary, openGraphTitle, expiredNotice, embedTitle: [PageLocale.MessagePiece]
    let checkIssued, checkRevoked, checkExpired, checkExpires: [PageLocale.MessagePiece]

    init(_ locale: PageLocale) {
        valid = locale["status_valid"]
        expired = locale["status_expired"]
        revoked = locale["status_revoked"]
        checkOK = Self.check("ok", locale["check_ok"])
        checkFail = Self.check("fail", locale["check_fail"])
        fieldName = Self.linkedInField("li-name", locale["field_name"])
        fieldOrganization = Self.linkedInField("li-organization", locale["field_organization"])
        fieldIssueDate = Self.linkedInField("li-issued", locale["field_issue_date"])
        fieldExpirationDate = Self.linkedInField("li-expires", locale["field_expiration_date"])
        fieldCredentialID = Self.linkedInField("li-id", locale["field_credential_id"])
        fieldCredentialURL = Self.linkedInField("li-url", locale["field_credential_url"])
        noExpiration = locale["field_no_expiration"]
        iframe = Self.embed("iframe", rows: 4, locale)
        signature = Self.embed("signature", rows: 4, locale)
        markdown = Self.embed("markdown", rows: 3, locale)
        url = Self.embed("url", rows: 1, locale)
        title = locale.message("award_title")
        summary = locale.message("award_summary")
        openGraphTitle = locale.message("award_og_title")
        expiredNotice = locale.message("expired_notice")
        embedTitle = locale.message("embed_title")
        checkIssued = locale.message("check_issued")
        checkRevoked = locale.message("check_revoked")
        checkExpired = locale.message("check_expired")
        checkExpires = locale.message("check_expires")
    }
}
