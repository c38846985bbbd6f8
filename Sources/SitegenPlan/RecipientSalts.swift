import SitegenDigest
import SitegenModel

/// Salts for hashed recipients: stable for an award across builds (same secret, same award id),
/// and not derivable from public data alone, since they are keyed by the site's secret.
///
/// There is one per award (88,000 on a large site, every build), so each is made with no
/// allocation but its two strings.
struct RecipientSalts: Sendable {
    /// The secret's key for messages "recipient-salt\0" + award id: the label is hashed once.
    let key: HMACSHA256Key

    init(secret: [UInt8]) {
        key = HMACSHA256Key(secret).prefixed("recipient-salt\u{0}".utf8)
    }

    /// The first 16 bytes of the award id's MAC, in hex.
    func salt(awardID: String) -> String {
        key.mac(awardID.utf8).withUnsafeBytes { hexString(UnsafeRawBufferPointer(rebasing: $0[..<16])) }
    }

    /// `sha256$` + hex(SHA-256(normalized email + salt)).
    func recipient(email: String, awardID: String) -> HashedRecipient {
        let salt = salt(awardID: awardID)
        var hasher = SHA256()
        hasher.update(EmailAddress.normalized(email).utf8)
        hasher.update(salt.utf8)
        let identity = hasher.finish().withUnsafeBytes { hexString($0, after: "sha256$") }
        return HashedRecipient(salt: salt, identity: identity)
    }
}
