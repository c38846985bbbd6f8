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

    // Inlinable so that a caller reading one field borrows it from the array instead of copying
    // the whole record (a retain and a release per string and array in it).
    @inlinable public func issuer(of badge: PublishedBadge) -> Issuer { issuers[badge.issuerIndex] }
    @inlinable public func badge(of award: PublishedAward) -> PublishedBadge { badges[award.badgeIndex] }
}

public struct PublishedBadge: Sendable, Encodable {
    public var badge: BadgeClass
    public var issuerIndex: Int
    /// Indices into `SitePlan.awards` of this badge's listed awards (public earners), in
    /// holder order.
    @AwardIndices public var listedAwards: [Int]
}

/// What the public may know of an earner: never their email, never anything of a private one.
public struct PublicHolder: Sendable, Encodable {
    public var id: String
    public var name: LocalizedText
    /// A locale the site publishes: the holder's own, else the site's default.
    public var locale: String
    /// Whether the holder has a profile page (`SitePlan.holders`), which the award's page links.
    public var hasProfile: Bool
}

public struct PublishedAward: Sendable, Encodable {
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

public struct PublishedHolder: Sendable, Encodable {
    public var id: String
    public var name: LocalizedText
    public var locale: String
    /// Indices into `SitePlan.awards` of the holder's listed awards.
    @AwardIndices public var awards: [Int]
}

/// An Open Badges hashed email recipient: `identity` is `sha256$` + hex(SHA-256(email + salt)).
public struct HashedRecipient: Sendable, Hashable, Encodable {
    public var salt: String
    public var identity: String
}

/// Indices into `SitePlan.awards`. An index moves whenever an award before it comes or goes, so
/// it is left out of encodings of the lists that hold it: output keys take the listed awards'
/// own keys instead, which move only when the awards change.
@propertyWrapper
public struct AwardIndices: Sendable, Encodable {
    public var wrappedValue: [Int]

    public init(wrappedValue: [Int]) {
        self.wrappedValue = wrappedValue
    }

    public func encode(to encoder: any Encoder) throws {}
}
