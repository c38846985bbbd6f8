import SitegenDigest
import SitegenModel

/// Salts for hashed recipients: stable for an award across builds (same secret, same award id),
/// and not derivable from public data alone, since they are keyed by the site's secret.
struct RecipientSalts: Sendable {
    let secret: [UInt8]

    init(secret: [UInt8]) {
        self.secret = secret
    }

    func salt(awardID: String) -> String {
        hexString(HMACSHA256.authenticate(key: secret, message: Array("recipient-salt\u{0}\(awardID)".utf8)).prefix(16))
    }

    func recipient(email: String, awardID: String) -> HashedRecipient {
        let salt = salt(awardID: awardID)
        let normalized = EmailAddress.normalized(email)
        return HashedRecipient(salt: salt, identity: "sha256$" + hexString(SHA256.hash(Array((normalized + salt).utf8))))
    }
}
