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

    /// `statusIndices`: the record of status list indices so far; new awards get the next ones.
    public func plan(_ content: Content, statusIndices: StatusIndices = StatusIndices()) -> SitePlan {
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

        var publication = Publication(badges: badges, today: today)
        // Holders and awards are read through pointers: passed by value, each would be copied,
        // every field retained and released, and a rebuild plans all of them.
        content.holders.withUnsafeBufferPointer { holders in
            var awardCount = 0
            for index in holders.indices { awardCount += holders[index].awards.count }
            publication.reserveCapacity(awardCount)
            for index in holders.indices where holders[index].visibility == .public {
                let locale = holders[index].locale.flatMap { site.locales.contains($0) ? $0 : nil } ?? site.defaultLocale
                publication.add(holders.baseAddress.unsafelyUnwrapped + index, locale: locale, badgeIndex: badgeIndex)
            }
        }
        fillRecipients(&publication.awards, emails: publication.emails)
        var indices = statusIndices
        // Ids read in place: an award read by value is copied, every field retained and released.
        let ids = publication.awards.withUnsafeBufferPointer { awards in awards.indices.map { awards[$0].id } }
        for (index, number) in indices.indices(of: ids).enumerated() { publication.awards[index].statusIndex = number }
        return SitePlan(site: site, today: today, issuers: content.issuers, badges: publication.badges,
                        awards: publication.awards, holders: publication.holders, statusIndices: indices)
    }

    /// Three SHA-256 blocks per award: chunks of awards spread over all cores, each filling in
    /// the recipients of its own awards.
    func fillRecipients(_ awards: inout [PublishedAward], emails: [String]) {
        let chunks = Chunks(count: awards.count, size: 2048)
        awards.withUnsafeMutableBufferPointer { buffer in
            // Each chunk writes only its own awards.
            nonisolated(unsafe) let awards = buffer
            chunks.forEach { _, chunk in
                salts.fillRecipients(of: UnsafeMutableBufferPointer(rebasing: awards[chunk]), emails: emails[chunk])
            }
        }
    }

    /// The earner's and the award's choices: private anywhere means unpublished, and only
    /// accepted awards (or pending ones the holder accepts automatically) are published.
    /// Borrowed, not copied: a rebuild asks this of every award.
    public static func isPublic(_ award: borrowing Award, of holder: borrowing Holder) -> Bool {
        guard holder.visibility == .public, award.visibility != .private else { return false }
        switch award.status {
        case .accepted: return true
        case .pending: return holder.autoAccept
        case .declined: return false
        }
    }
}

/// The plan's badges, awards and holders, gathered one public holder at a time.
private struct Publication {
    var badges: [PublishedBadge]
    let today: Day
    var awards: [PublishedAward] = []
    var holders: [PublishedHolder] = []
    /// Beside `awards`, never in the plan: the emails the recipient hashes are made from.
    var emails: [String] = []

    init(badges: [PublishedBadge], today: Day) {
        self.badges = badges
        self.today = today
    }

    mutating func reserveCapacity(_ awardCount: Int) {
        awards.reserveCapacity(awardCount)
        emails.reserveCapacity(awardCount)
    }

    /// The holder's published awards, and its profile when it lists any.
    mutating func add(_ holder: UnsafePointer<Holder>, locale: String, badgeIndex: [String: Int]) {
        let firstPublished = awards.count
        holder.pointee.awards.withUnsafeBufferPointer { awards in
            for index in awards.indices {
                add(awards.baseAddress.unsafelyUnwrapped + index, of: holder, locale: locale, badgeIndex: badgeIndex)
            }
        }
        var listed: [Int] = []
        listed.reserveCapacity(awards.count - firstPublished)
        for index in firstPublished..<awards.count where awards[index].isListed { listed.append(index) }
        guard !listed.isEmpty else { return }
        for index in firstPublished..<awards.count { awards[index].holder.hasProfile = true }
        for index in listed { badges[awards[index].badgeIndex].listedAwards.append(index) }
        holders.append(PublishedHolder(id: holder.pointee.id, name: holder.pointee.name, locale: locale, awards: listed))
    }

    private mutating func add(_ award: UnsafePointer<Award>, of holder: UnsafePointer<Holder>, locale: String,
                              badgeIndex: [String: Int]) {
        guard Planner.isPublic(award.pointee, of: holder.pointee), let index = badgeIndex[award.pointee.badge.id] else { return }
        let issuedOn = award.pointee.issuedOn
        let expiresOn = award.pointee.expiresOn ?? badges[index].badge.validityDays.map { issuedOn.adding(days: $0) }
        awards.append(PublishedAward(
            id: award.pointee.id, badgeIndex: index,
            holder: PublicHolder(id: holder.pointee.id, name: holder.pointee.name, locale: locale, hasProfile: false),
            recipient: HashedRecipient(salt: "", identity: ""),
            issuedOn: issuedOn, expiresOn: expiresOn, isExpired: expiresOn.map { $0 <= today } ?? false,
            evidence: award.pointee.evidence, revocation: award.pointee.revocation))
        emails.append(holder.pointee.email)
    }
}
