import Dispatch
import SitegenDigest
import SitegenModel

/// Salts for hashed recipients: stable for an award across builds (same secret, same award id),
/// and not derivable from public data alone, since they are keyed by the site's secret.
///
/// There is one per award (88,000 on a large site, every build), so they are made many at a time
/// with no allocation but their strings, and their hashes four at a time in SIMD lanes.
struct RecipientSalts: Sendable {
    /// The secret's key for messages "recipient-salt\0" + award id: the label is hashed once.
    let key: HMACSHA256Key
    /// Awards hashed together: enough to fill the lanes, few enough for the hashers to stay in
    /// the L1 cache.
    static let batchSize = 16

    init(secret: [UInt8]) {
        key = HMACSHA256Key(secret).prefixed("recipient-salt\u{0}".utf8)
    }

    /// The recipients of the awards with these ids, whose holders have these emails.
    func recipients(emails: [String], awardIDs: [String]) -> [HashedRecipient] {
        precondition(emails.count == awardIDs.count, "an email for every award")
        var recipients: [HashedRecipient] = []
        recipients.reserveCapacity(awardIDs.count)
        withUnsafeTemporaryAllocation(of: SHA256.self, capacity: Self.batchSize) { hashers in
            withUnsafeTemporaryAllocation(of: SHA256.Digest.self, capacity: Self.batchSize) { digests in
                for start in stride(from: 0, to: awardIDs.count, by: Self.batchSize) {
                    let batch = start..<min(awardIDs.count, start + Self.batchSize)
                    add(emails[batch], awardIDs[batch], to: &recipients,
                        hashers: UnsafeMutableBufferPointer(rebasing: hashers[..<batch.count]), digests: digests)
                }
            }
        }
        return recipients
    }

    /// Salt: the first 16 bytes of the award id's MAC, in hex. Identity: `sha256$` +
    /// hex(SHA-256(normalized email + salt)).
    private func add(_ emails: ArraySlice<String>, _ awardIDs: ArraySlice<String>, to recipients: inout [HashedRecipient],
                     hashers: UnsafeMutableBufferPointer<SHA256>, digests: UnsafeMutableBufferPointer<SHA256.Digest>) {
        for (index, awardID) in zip(hashers.indices, awardIDs) {
            hashers.initializeElement(at: index, to: key.messageHasher)
            hashers[index].update(awardID.utf8)
        }
        key.finishMACs(hashers, into: digests)
        let salts = hashers.indices.map { digests[$0].withUnsafeBytes { hexString(UnsafeRawBufferPointer(rebasing: $0[..<16])) } }
        for (index, email) in zip(hashers.indices, emails) {
            hashers[index].update(EmailAddress.normalized(email).utf8)
            hashers[index].update(salts[index].utf8)
        }
        SHA256.finish(hashers, into: digests)
        for index in hashers.indices {
            let identity = digests[index].withUnsafeBytes { hexString($0, after: "sha256$") }
            recipients.append(HashedRecipient(salt: salts[index], identity: identity))
        }
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

    /// Three SHA-256 blocks per award, in chunks of holders over all cores.
    private func hash(_ holders: [Holder], salts: RecipientSalts) {
        let chunkSize = 1024
        let chunks = (holders.count + chunkSize - 1) / chunkSize
        holders.withUnsafeBufferPointer { buffer in
            // Read only, by every thread, while the array is kept alive by this call.
            nonisolated(unsafe) let holders = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                hash(holders, chunk * chunkSize ..< min(holders.count, (chunk + 1) * chunkSize), salts: salts)
            }
        }
    }

    /// The holders' awards, gathered to be hashed many at a time.
    private func hash(_ holders: UnsafeBufferPointer<Holder>, _ range: Range<Int>, salts: RecipientSalts) {
        var emails: [String] = [], awardIDs: [String] = [], numbers: [Int] = []
        for index in range {
            let holder = holders.baseAddress.unsafelyUnwrapped + index
            holder.pointee.awards.withUnsafeBufferPointer { awards in
                for award in awards.indices where Planner.isPublic(awards.baseAddress.unsafelyUnwrapped + award, of: holder) {
                    emails.append(holder.pointee.email)
                    awardIDs.append(awards[award].id)
                    numbers.append(firstAward[index] + award)
                }
            }
        }
        var recipients = salts.recipients(emails: emails, awardIDs: awardIDs)
        recipients.withUnsafeMutableBufferPointer { recipients in
            for index in recipients.indices { swap(&slots[numbers[index]], &recipients[index]) }
        }
    }

    /// Hands each award its recipient, `sources` giving its number: moved, not copied.
    func move(into awards: inout [PublishedAward], from sources: [Int]) {
        done.wait()
        for index in awards.indices { swap(&awards[index].recipient, &slots[sources[index]]) }
    }
}
