import SitegenSource

/// The decoded and validated content of a site: the typed model every later stage reads.
public struct Content: Sendable {
    public var site: Site
    public var issuers: [Issuer]
    public var badges: [BadgeClass]
    public var holders: [Holder]

    public init(site: Site, issuers: [Issuer], badges: [BadgeClass], holders: [Holder]) {
        self.site = site
        self.issuers = issuers
        self.badges = badges
        self.holders = holders
    }
}

public struct Site: Sendable, Encodable {
    public var title: LocalizedText
    /// Absolute http(s) URL ending in `/`.
    public var baseURL: String
    public var defaultLocale: String
    /// The published locales, default first.
    public var locales: [String]
    public var issuerID: String?
    public var theme: String?
    public var description: LocalizedText?
    public var contact: String?
    /// `retired_keys`: public keys (Multikey `publicKeyMultibase`, validated) that signed
    /// credentials once and stay in the DID document so those keep verifying. In listed order.
    public var retiredKeys: [String]
    public var location: SourceLocation
    /// Where `issuer` and `theme` are written, for problems with what they name.
    public var issuerLocation: SourceLocation?
    public var themeLocation: SourceLocation?

    public init(title: LocalizedText, baseURL: String, defaultLocale: String, locales: [String],
                issuerID: String?, theme: String?, description: LocalizedText?, contact: String?,
                retiredKeys: [String] = [], location: SourceLocation,
                issuerLocation: SourceLocation? = nil, themeLocation: SourceLocation? = nil) {
        self.title = title
        self.baseURL = baseURL
        self.defaultLocale = defaultLocale
        self.locales = locales
        self.issuerID = issuerID
        self.theme = theme
        self.description = description
        self.contact = contact
        self.retiredKeys = retiredKeys
        self.location = location
        self.issuerLocation = issuerLocation
        self.themeLocation = themeLocation
    }
}

public struct Issuer: Sendable, Encodable {
    public var id: String
    public var name: LocalizedText
    public var url: String
    public var email: String?
    public var description: LocalizedText?
    public var image: ContentImage?
    public var linkedInOrganizationID: String?
    public var location: SourceLocation
}

public struct BadgeClass: Sendable, Encodable {
    public enum Kind: String, Sendable, CaseIterable, Encodable { case certification, exam }
    public enum Status: String, Sendable, CaseIterable, Encodable { case active, retired, legacy }

    public var id: String
    public var name: LocalizedText
    public var description: LocalizedText
    public var image: ContentImage
    public var criteria: Criteria
    public var issuer: Reference
    public var kind: Kind
    public var status: Status
    public var skills: [LocalizedText]
    public var alignment: [Alignment]
    public var requires: [Reference]
    public var validityDays: Int?
    public var socialImage: ContentImage?
    public var location: SourceLocation
}

/// An id written in content, with where it was written, so a bad reference can be pointed at.
public struct Reference: Sendable, Hashable, Encodable {
    public var id: String
    public var location: SourceLocation
}

public struct Criteria: Sendable, Encodable {
    public var narrative: LocalizedText?
    public var url: String?
}

public struct Alignment: Sendable, Encodable {
    public var name: LocalizedText
    public var url: String
    public var framework: String?
    public var code: String?
    public var description: LocalizedText?
}

public struct Holder: Sendable {
    public var id: String
    public var name: LocalizedText
    public var email: String
    public var visibility: Visibility
    /// As written; the plan maps it onto a published locale.
    public var locale: String?
    public var autoAccept: Bool
    public var awards: [Award]
    public var location: SourceLocation
}

public enum Visibility: String, Sendable, CaseIterable { case `public`, `private` }

public struct Award: Sendable {
    public enum Status: String, Sendable, CaseIterable { case accepted, pending, declined }

    public var id: String
    /// Whether `id` was written in content rather than derived.
    public var hasExplicitID: Bool
    public var badge: Reference
    public var issuedOn: Day
    public var expiresOn: Day?
    public var status: Status
    /// nil: not set on the award (the holder's visibility decides).
    public var visibility: Visibility?
    public var evidence: [Evidence]
    public var revocation: Revocation?
    public var location: SourceLocation
}

public struct Evidence: Sendable, Encodable {
    public var url: String?
    public var narrative: LocalizedText?
}

public struct Revocation: Sendable, Encodable {
    public var reason: String
    public var date: Day?
}

/// An image file of the content folder, read and identified by its bytes.
public struct ContentImage: Sendable, Encodable {
    public enum Format: String, Sendable, Encodable { case png, svg, jpeg }

    /// Relative to the content folder, as written (`images/b1.svg`).
    public var path: String
    public var format: Format
    public var bytes: [UInt8]
    public var location: SourceLocation
}
