import SitegenDigest
import SitegenModel

/// Salts for hashed recipients: stable for an award across builds (same secret, same award id),
/// and not derivable from public data alone, since they are keyed by the site's secret.
struct RecipientSalts: Sendable {
    let key: HMACSHA256Key

    init(secret: [UInt8]) {
        key = HMACSHA256Key(secret)
    }

    func salt(awardID: String) -> String {
        var message = Array("recipient-salt\u{0}".utf8)
        message += awardID.utf8
        return hexString(key.authenticate(message).prefix(16))
    }

    func recipient(email: String, awardID: String) -> HashedRecipient {
        let salt = salt(awardID: awardID)
        var input = Array(EmailAddress.normalized(email).utf8)
        input += salt.utf8
        return HashedRecipient(salt: salt, identity: "sha256$" + hexString(SHA256.hash(input)))
    }
}
