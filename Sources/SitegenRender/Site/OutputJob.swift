/// One file of the web root, named before it is rendered so the writer can plan, skip unchanged
/// work and render in parallel. Indices point into the plan.
public enum OutputJob: Sendable, Hashable {
    case asset(Int)
    case indexPage(locale: String)
    case notFoundPage(locale: String)
    case issuerPage(Int, locale: String)
    case issuerProfile(Int)
    case issuerImage(Int)
    case badgePage(Int, locale: String)
    case badgeClass(Int)
    case badgeImage(Int)
    case socialImage(Int)
    /// A badge's link-preview card made for a locale (`SocialCards`).
    case socialCard(Int, locale: String)
    case awardPage(Int, locale: String)
    case assertion(Int)
    case bakedImage(Int)
    case embedCard(Int)
    case oEmbed(Int)
    /// The award's signed Open Badges 3.0 credential.
    case credential(Int)
    /// Revocation status list number N (from 1).
    case statusList(Int)
    case holderPage(Int, locale: String)
    case sitemap(part: Int)
    case robots
    case didDocument
}
