import SitegenMustache

/// The theme strings award pages show whatever the award, looked up once per locale. A class:
/// pages read it for every award, and copying its many strings would cost a reference count each.
final class AwardLabels: Sendable {
    let valid, expired, revoked: String
    /// A check's `state` and `stateLabel`: the fields of each page's check but its text.
    let checkOK, checkFail: Prototype
    let noExpiration: String
    /// Strings with placeholders that award pages fill in.
    let title, summary, openGraphTitle, expiredNotice, embedTitle: [PageLocale.MessagePiece]
    let checkIssued, checkRevoked, checkExpired, checkExpires: [PageLocale.MessagePiece]

    init(_ locale: PageLocale) {
        valid = locale["status_valid"]
        expired = locale["status_expired"]
        revoked = locale["status_revoked"]
        checkOK = Prototype(CheckState(state: "ok", stateLabel: locale["check_ok"]))
        checkFail = Prototype(CheckState(state: "fail", stateLabel: locale["check_fail"]))
        noExpiration = locale["field_no_expiration"]
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
