import SitegenModel

/// Everything the site will publish, decided once: later stages read only this, so nothing the
/// plan left out (a private holder, a declined award, an email) can reach a renderer.
public struct SitePlan: Sendable {
    public var site: Site
    /// The build's notion of today, for expiry.
    public var today: Day
    public var issuers: [Issuer]
    /// Badges that get a page and a BadgeClass document: not legacy, not a sole-requirement exam.
    public var badges: [PublishedBadge]
    /// Every award with a page and an assertion, revoked ones included.
    public var awards: [PublishedAward]
    /// Holders with a profile page: at least one listed award.
    public var holders: [PublishedHolder]
    /// Every award's permanent place in the revocation status lists: the record the build read,
    /// with this build's new awards appended (`StatusIndices`).
    public var statusIndices = StatusIndices()

    public func issuer(of badge: PublishedBadge) -> Issuer { issuers[badge.issuerIndex] }
    public func badge(of award: PublishedAward) -> PublishedBadge { badges[award.badgeIndex] }
}

public struct PublishedBadge: Sendable {
    public var badge: BadgeClass
    public var issuerIndex: Int
    /// Indices into `SitePlan.awards` of this badge's listed awards (public earners), in
    /// holder order.
    public var listedAwards: [Int]
}

/// What the public may know of an earner: never their email, never anything of a private one.
public struct PublicHolder: Sendable {
    public var id: String
    public var name: LocalizedText
    /// A locale the site publishes: the holder's own, else the site's default.
    public var locale: String
    /// Index into `SitePlan.holders` when the holder has a profile page.
    public var profileIndex: Int?
}

public struct PublishedAward: Sendable {
    public var id: String
    public var badgeIndex: Int
    public var holder: PublicHolder
    public var recipient: HashedRecipient
    public var issuedOn: Day
    /// `expires_on`, else `issued_on + validity_days`.
    public var expiresOn: Day?
    public var isExpired: Bool
    public var evidence: [Evidence]
    public var revocation: Revocation?
    /// Its bit in the revocation status lists (`SitePlan.statusIndices`).
    public var statusIndex = 0

    /// Revoked awards keep their page and assertion but leave profiles, listings and the sitemap,
    /// and get no share links, embed or baked image.
    public var isListed: Bool { revocation == nil }
}

public struct PublishedHolder: Sendable {
    public var id: String
    public var name: LocalizedText
    public var locale: String
    /// Indices into `SitePlan.awards` of the holder's listed awards.
    public var awards: [Int]
}

/// An Open Badges hashed email recipient: `identity` is `sha256$` + hex(SHA-256(email + salt)).
public struct HashedRecipient: Sendable, Hashable {
    public var salt: String
    public var identity: String
}
