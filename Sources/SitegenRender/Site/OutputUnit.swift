/// Files that are always made from the same inputs, so that one key (see `OutputKeys`) says
/// whether any of them must be rendered again. A rebuild compares about one key per award and
/// holder instead of one per file, and never names the files of a unit whose key is unchanged.
///
/// Every file of the site belongs to exactly one unit. Indices point into the plan.
public enum OutputUnit: Sendable, Hashable {
    /// Theme assets, robots.txt, issuer profiles and images: only site-wide inputs.
    case shared
    /// The catalogue, the 404 page and the issuer pages of every locale: they count and list
    /// every badge and award.
    case sitePages
    /// sitemap.xml and its parts.
    case sitemap
    /// The did:web DID document: the DID and the public keys only.
    case identity
    /// The revocation status lists of the Open Badges 3.0 credentials.
    case statusLists
    /// A badge's pages, BadgeClass document, image and link-preview image.
    case badge(Int)
    /// A badge's link-preview cards: only its name, issuer name, image and the theme make them,
    /// and they are the dearest files to render, so they do not follow its earners.
    case socialCards(Int)
    /// An award's assertion, pages, baked image, embed card and oEmbed document.
    case award(Int)
    /// A holder's profile pages.
    case holder(Int)
}

/// How a unit is named in the manifest: `kind` alone for the site-wide units, else `kind:id`.
/// Ids of awards, holders and badges are unique within their kind and stable across builds,
/// unlike plan indices.
public struct OutputUnitName: Sendable, Hashable {
    public var kind: String
    public var id: String

    public init(kind: String, id: String) {
        self.kind = kind
        self.id = id
    }
}
