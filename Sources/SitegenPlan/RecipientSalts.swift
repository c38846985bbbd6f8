import Dispatch
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

/// The recipients of every public award of every public holder (published or not: only the
/// plan knows which badges can be issued), hashed in the background on all cores from the
/// moment it is made. Awards are numbered through all holders in order.
final class RecipientHashing: @unchecked Sendable {
    /// Where each holder's awards start in that numbering.
    let firstAward: [Int]
    let awardCount: Int
    /// Written by one hashing thread per award, then read only after `done` has been waited for.
    private let slots: UnsafeMutableBufferPointer<HashedRecipient>
    private let done = DispatchGroup()

    init(_ holders: [Holder], salts: RecipientSalts) {
        var firstAward: [Int] = []
        firstAward.reserveCapacity(holders.count)
        var count = 0
        for index in holders.indices {
            firstAward.append(count)
            count += holders[index].awards.count
        }
        self.firstAward = firstAward
        awardCount = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: HashedRecipient(salt: "", identity: ""))
        DispatchQueue.global().async(group: done) { self.hash(holders, salts: salts) }
    }

    /// Not before hashing ends: the hashing closure holds this object.
    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    /// Three SHA-256 compressions per award, in chunks of holders over all cores.
    private func hash(_ holders: [Holder], salts: RecipientSalts) {
        let chunkSize = 1024
        let chunks = (holders.count + chunkSize - 1) / chunkSize
        holders.withUnsafeBufferPointer { buffer in
            // Read only, by every thread, while the array is kept alive by this call.
            nonisolated(unsafe) let holders = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                for index in chunk * chunkSize ..< min(holders.count, (chunk + 1) * chunkSize) {
                    hash(holders.baseAddress.unsafelyUnwrapped + index, firstAward: firstAward[index], salts: salts)
                }
            }
        }
    }

    private func hash(_ holder: UnsafePointer<Holder>, firstAward: Int, salts: RecipientSalts) {
        holder.pointee.awards.withUnsafeBufferPointer { awards in
            for index in awards.indices where Planner.isPublic(awards.baseAddress.unsafelyUnwrapped + index, of: holder) {
                slots[firstAward + index] = salts.recipient(email: holder.pointee.email, awardID: awards[index].id)
            }
        }
    }

    /// Hands each award its recipient, `sources` giving its number: moved, not copied.
    func move(into awards: inout [PublishedAward], from sources: [Int]) {
        done.wait()
        for index in awards.indices { swap(&awards[index].recipient, &slots[sources[index]]) }
    }
}
