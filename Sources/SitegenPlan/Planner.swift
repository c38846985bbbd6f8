import Dispatch
import SitegenDigest
import SitegenModel
import SitegenSource

/// Plan stage: applies privacy, acceptance, eligibility, revocation and expiry to the model.
public struct Planner: Sendable {
    public var today: Day
    var salts: RecipientSalts

    /// `secret` keys the recipient salts: without it nobody can test an email against a hash.
    public init(today: Day, secret: [UInt8]) {
        self.today = today
        self.salts = RecipientSalts(secret: secret)
    }

    public func plan(_ content: Content) -> SitePlan {
        let site = content.site
        let issuerIndex = Dictionary(content.issuers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let unissuable = Eligibility.unissuable(content.badges)
        var badges: [PublishedBadge] = []
        var badgeIndex: [String: Int] = [:]
        for badge in content.badges where unissuable[badge.id] == nil {
            guard let issuer = issuerIndex[badge.issuer.id] else { continue }
            badgeIndex[badge.id] = badges.count
            badges.append(PublishedBadge(badge: badge, issuerIndex: issuer, listedAwards: []))
        }

        var awards: [PublishedAward] = []
        var holders: [PublishedHolder] = []
        /// Beside `awards`, never in the plan: the emails the recipient hashes are made from.
        var emails: [String] = []
        for holder in content.holders where holder.visibility == .public {
            let locale = holder.locale.flatMap { site.locales.contains($0) ? $0 : nil } ?? site.defaultLocale
            let firstAward = awards.count
            for award in holder.awards {
                guard Self.isPublic(award, of: holder), let index = badgeIndex[award.badge.id] else { continue }
                let badge = badges[index].badge
                let expiresOn = award.expiresOn ?? badge.validityDays.map { award.issuedOn.adding(days: $0) }
                awards.append(PublishedAward(
                    id: award.id, badgeIndex: index,
                    holder: PublicHolder(id: holder.id, name: holder.name, locale: locale, profileIndex: nil),
                    recipient: HashedRecipient(salt: "", identity: ""),
                    issuedOn: award.issuedOn, expiresOn: expiresOn, isExpired: expiresOn.map { $0 <= today } ?? false,
                    evidence: award.evidence, revocation: award.revocation))
                emails.append(holder.email)
            }
            let listed = (firstAward..<awards.count).filter { awards[$0].isListed }
            guard !listed.isEmpty else { continue }
            for index in firstAward..<awards.count { awards[index].holder.profileIndex = holders.count }
            for index in listed { badges[awards[index].badgeIndex].listedAwards.append(index) }
            holders.append(PublishedHolder(id: holder.id, name: holder.name, locale: locale, awards: listed))
        }
        fillRecipients(&awards, emails: emails)
        return SitePlan(site: site, today: today, issuers: content.issuers, badges: badges, awards: awards, holders: holders)
    }

    /// Three SHA-256 compressions per award: spread over all cores, each chunk writing the
    /// recipients of its own awards in place.
    func fillRecipients(_ awards: inout [PublishedAward], emails: [String]) {
        let chunkSize = 4096
        let count = awards.count
        let chunks = (count + chunkSize - 1) / chunkSize
        awards.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let awards = buffer
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                for index in chunk * chunkSize ..< min(count, (chunk + 1) * chunkSize) {
                    awards[index].recipient = salts.recipient(email: emails[index], awardID: awards[index].id)
                }
            }
        }
    }

    /// The earner's and the award's choices: private anywhere means unpublished, and only
    /// accepted awards (or pending ones the holder accepts automatically) are published.
    static func isPublic(_ award: Award, of holder: Holder) -> Bool {
        guard holder.visibility == .public, award.visibility != .private else { return false }
        switch award.status {
        case .accepted: return true
        case .pending: return holder.autoAccept
        case .declined: return false
        }
    }
}
