import SitegenDigest
import SitegenModel

/// Salts for hashed recipients: stable for an award across builds (same secret, same award id),
/// and not derivable from public data alone, since they are keyed by the site's secret.
///
/// There is one per award (88,000 on a large site, every build), so they are made a batch of
/// awards at a time, with no allocation but their strings, and their hashes four at a time in
/// SIMD lanes (`SHA256.finish(_:into:)`).
struct RecipientSalts: Sendable {
    /// The secret's key for messages "recipient-salt\0" + award id: the label is hashed once.
    let key: HMACSHA256Key
    /// Awards hashed together: enough to fill the lanes, few enough for the hashers to stay in
    /// the L1 cache.
    static let batchSize = 16

    init(secret: [UInt8]) {
        key = HMACSHA256Key(secret).prefixed("recipient-salt\u{0}".utf8)
    }

    /// Sets the recipient of each award, whose holder's email is at the same position in `emails`.
    func fillRecipients(of awards: UnsafeMutableBufferPointer<PublishedAward>, emails: ArraySlice<String>) {
        precondition(emails.count == awards.count, "an email for every award")
        withUnsafeTemporaryAllocation(of: SHA256.self, capacity: Self.batchSize) { hashers in
            withUnsafeTemporaryAllocation(of: SHA256.Digest.self, capacity: Self.batchSize) { digests in
                for start in stride(from: 0, to: awards.count, by: Self.batchSize) {
                    let batch = start..<min(awards.count, start + Self.batchSize)
                    let firstEmail = emails.startIndex + start
                    fill(UnsafeMutableBufferPointer(rebasing: awards[batch]), emails: emails[firstEmail..<(firstEmail + batch.count)],
                         hashers: UnsafeMutableBufferPointer(rebasing: hashers[..<batch.count]), digests: digests)
                }
            }
        }
    }

    /// Salt: the first 16 bytes of the award id's MAC, in hex. Identity: `sha256$` +
    /// hex(SHA-256(normalized email + salt)).
    private func fill(_ awards: UnsafeMutableBufferPointer<PublishedAward>, emails: ArraySlice<String>,
                      hashers: UnsafeMutableBufferPointer<SHA256>, digests: UnsafeMutableBufferPointer<SHA256.Digest>) {
        for index in awards.indices {
            hashers.initializeElement(at: index, to: key.messageHasher)
            hashers[index].update(awards[index].id.utf8)
        }
        key.finishMACs(hashers, into: digests)
        for (index, email) in zip(awards.indices, emails) {
            let salt = digests[index].withUnsafeBytes { hexString(UnsafeRawBufferPointer(rebasing: $0[..<16])) }
            hashers[index].update(EmailAddress.normalized(email).utf8)
            hashers[index].update(salt.utf8)
            awards[index].recipient.salt = salt
        }
        SHA256.finish(hashers, into: digests)
        for index in awards.indices {
            awards[index].recipient.identity = digests[index].withUnsafeBytes { hexString($0, after: "sha256$") }
        }
    }
}
