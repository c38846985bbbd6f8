/// The theme strings award pages show whatever the award, looked up once per locale. A class:
/// pages read it for every award, and copying its many strings would cost a reference count each.
final class AwardLabels: Sendable {
    struct Embed: Sendable {
        let id, label, hint, rows: String

        init(_ kind: String, rows: Int, _ locale: PageLocale) {
            id = "embed-" + kind
            label = locale["embed_" + kind]
            hint = locale["embed_" + kind + "_hint"]
            self.rows = String(rows)
        }
    }

    let valid, expired, revoked: String
    let checkOK, checkFail: String
    let fieldName, fieldOrganization, fieldIssueDate, fieldExpirationDate: String
    let fieldCredentialID, fieldCredentialURL, noExpiration: String
    let iframe, signature, markdown, url: Embed
    /// Strings with placeholders that award pages fill in.
    let title, summary, openGraphTitle, expiredNotice, embedTitle: [PageLocale.MessagePiece]
    let checkIssued, checkRevoked, checkExpired, checkExpires: [PageLocale.MessagePiece]

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
