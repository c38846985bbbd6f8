import SitegenModel
import SitegenMustache
import SitegenPlan

/// The Open Badges 2.0 hosted documents: issuer Profile, BadgeClass and Assertion, each at its
/// own URL, plus the page's JSON-LD (the assertion with badge and issuer embedded). Strings are
/// in the site's default locale; key order is fixed, so output is byte-stable.
public struct OpenBadgesDocuments: Sendable {
    public static let context = "https://w3id.org/openbadges/v2"

    public let plan: SitePlan
    public let routes: Routes
    var locale: String { plan.site.defaultLocale }
    /// Per badge, the compact BadgeClass with its issuer embedded, as the JSON-LD of each of its
    /// awards holds it: written once, copied into every award's.
    private var embeddedBadges: [[UInt8]] = []
    /// Per badge, its BadgeClass URL, which every assertion names.
    private let badgeClassURLs: [String]
    /// The base URL escaped for a JSON string, ahead of each award's own paths.
    private let jsonBaseURL: [UInt8]

    public init(plan: SitePlan, routes: Routes) {
        self.plan = plan
        self.routes = routes
        badgeClassURLs = plan.badges.map { routes.url(routes.badgeClass($0.badge.id)) }
        var base = TextBuffer()
        JSONWriter.appendEscapedContent(routes.baseURL, to: &base)
        jsonBaseURL = Array(base.bytes)
        embeddedBadges = plan.badges.map { badge in
            var json = JSONWriter(pretty: false)
            json.beginObject()
            writeBadgeFields(badge, issuer: .embedded, into: &json)
            json.endObject()
            return json.bytes
        }
    }

    public func issuerProfile(_ issuer: Issuer, pretty: Bool = true) -> [UInt8] {
        var json = JSONWriter(pretty: pretty)
        json.beginObject()
        json.key("@context"); json.string(Self.context)
        writeIssuerFields(issuer, into: &json)
        json.endObject()
        return json.bytes
    }

    public func badgeClass(_ badge: PublishedBadge, pretty: Bool = true) -> [UInt8] {
        var json = JSONWriter(pretty: pretty)
        json.beginObject()
        json.key("@context"); json.string(Self.context)
        writeBadgeFields(badge, issuer: .url, into: &json)
        json.endObject()
        return json.bytes
    }

    /// The hosted assertion; its `id` is its own URL, as hosted verification requires.
    public func assertion(_ award: PublishedAward, pretty: Bool = true) -> [UInt8] {
        var json = JSONWriter(pretty: pretty)
        writeAssertion(award, embedding: false, into: &json)
        return json.bytes
    }

    /// For `<script type="application/ld+json">`: `<`, `>` and `&` are escaped by the writer.
    public func jsonLD(_ award: PublishedAward) -> [UInt8] {
        var json = JSONWriter(pretty: false)
        writeAssertion(award, embedding: true, into: &json)
        return json.bytes
    }

    /// `jsonLD(award)`, appended to `out`.
    func appendJSONLD(_ award: PublishedAward, to out: inout TextBuffer) {
        JSONWriter.write(into: &out, pretty: false) { writeAssertion(award, embedding: true, into: &$0) }
    }

    public func bakedImageFormat(_ award: PublishedAward) -> String {
        plan.badges[award.badgeIndex].badge.image.format == .svg ? "svg" : "png"
    }

    // MARK: writing

    private enum IssuerForm { case url, embedded }

    private func writeAssertion(_ award: PublishedAward, embedding: Bool, into json: inout JSONWriter) {
        json.beginObject()
        json.key("@context"); json.string(Self.context)
        json.key("type"); json.string("Assertion")
        json.key("id"); json.string { appendURL(award.id, .assertion, to: &$0) }
        json.key("recipient")
        json.beginObject()
        json.key("type"); json.string("email")
        json.key("hashed"); json.bool(true)
        // Hex digits (and `sha256$`) made by the plan: nothing in them to escape.
        json.key("salt"); json.string { $0.append(award.recipient.salt) }
        json.key("identity"); json.string { $0.append(award.recipient.identity) }
        json.endObject()
        json.key("badge")
        if embedding, !json.pretty, embeddedBadges.indices.contains(award.badgeIndex) {
            json.raw(embeddedBadges[award.badgeIndex])
        } else if embedding {
            json.beginObject()
            writeBadgeFields(plan.badges[award.badgeIndex], issuer: .embedded, into: &json)
            json.endObject()
        } else {
            json.string(badgeClassURLs[award.badgeIndex])
        }
        json.key("verification")
        json.beginObject()
        json.key("type"); json.string("hosted")
        json.endObject()
        json.key("issuedOn"); json.string { Self.appendDateTime(award.issuedOn, to: &$0) }
        if let expires = award.expiresOn {
            json.key("expires"); json.string { Self.appendDateTime(expires, to: &$0) }
        }
        if award.isListed {
            json.key("image"); json.string { appendURL(award.id, .bakedImage(bakedImageFormat(award)), to: &$0) }
        }
        if !award.evidence.isEmpty {
            json.key("evidence")
            json.beginArray()
            for evidence in award.evidence {
                json.beginObject()
                json.key("type"); json.string("Evidence")
                if let url = evidence.url { json.key("id"); json.string(url) }
                if let narrative = evidence.narrative {
                    json.key("narrative"); json.string(narrative.text(in: locale, fallback: locale))
                }
                json.endObject()
            }
            json.endArray()
        }
        if let revocation = award.revocation {
            json.key("revoked"); json.bool(true)
            json.key("revocationReason"); json.string(revocation.reason)
        }
        json.endObject()
    }

    /// An award file's URL inside a JSON string: the base URL escaped once, then the path,
    /// whose ids and literals need no escaping (`Routes`).
    private func appendURL(_ id: String, _ file: Routes.AwardFile, to out: inout TextBuffer) {
        out.append(jsonBaseURL)
        routes.appendAward(id, file, to: &out)
    }

    private func writeBadgeFields(_ published: PublishedBadge, issuer form: IssuerForm, into json: inout JSONWriter) {
        let badge = published.badge
        json.key("type"); json.string("BadgeClass")
        json.key("id"); json.string(routes.url(routes.badgeClass(badge.id)))
        json.key("name"); json.string(badge.name.text(in: locale, fallback: locale))
        json.key("description"); json.string(badge.description.text(in: locale, fallback: locale))
        json.key("image"); json.string(routes.url(routes.badgeImage(badge.id, badge.image.format.rawValue)))
        json.key("criteria")
        Self.writeCriteria(badge.criteria, locale: locale, into: &json)
        json.key("issuer")
        let issuer = plan.issuer(of: published)
        switch form {
        case .url:
            json.string(routes.url(routes.issuerProfile(issuer.id)))
        case .embedded:
            json.beginObject()
            writeIssuerFields(issuer, into: &json)
            json.endObject()
        }
        if !badge.skills.isEmpty {
            json.key("tags")
            json.beginArray()
            for skill in badge.skills { json.string(skill.text(in: locale, fallback: locale)) }
            json.endArray()
        }
        if !badge.alignment.isEmpty {
            json.key("alignment")
            json.beginArray()
            for alignment in badge.alignment {
                json.beginObject()
                Self.writeAlignmentTarget(alignment, locale: locale, into: &json)
                json.endObject()
            }
            json.endArray()
        }
    }

    private func writeIssuerFields(_ issuer: Issuer, into json: inout JSONWriter) {
        json.key("type"); json.string("Issuer")
        json.key("id"); json.string(routes.url(routes.issuerProfile(issuer.id)))
        Self.writeIssuerDescription(issuer, locale: locale, into: &json)
        if let image = issuer.image {
            json.key("image"); json.string(routes.url(routes.issuerImage(issuer.id, image.format.rawValue)))
        }
    }

    /// An issuer's name, URL, email and description, named alike in Open Badges 2.0 and 3.0.
    static func writeIssuerDescription(_ issuer: Issuer, locale: String, into json: inout JSONWriter) {
        json.key("name"); json.string(issuer.name.text(in: locale, fallback: locale))
        json.key("url"); json.string(issuer.url)
        if let email = issuer.email { json.key("email"); json.string(email) }
        if let description = issuer.description {
            json.key("description"); json.string(description.text(in: locale, fallback: locale))
        }
    }

    /// A badge's criteria, the same in Open Badges 2.0 and 3.0.
    static func writeCriteria(_ criteria: Criteria, locale: String, into json: inout JSONWriter) {
        json.beginObject()
        if let url = criteria.url { json.key("id"); json.string(url) }
        if let narrative = criteria.narrative {
            json.key("narrative"); json.string(narrative.text(in: locale, fallback: locale))
        }
        json.endObject()
    }

    /// The `target…` fields of an alignment, named alike in Open Badges 2.0 and 3.0.
    static func writeAlignmentTarget(_ alignment: Alignment, locale: String, into json: inout JSONWriter) {
        json.key("targetName"); json.string(alignment.name.text(in: locale, fallback: locale))
        json.key("targetUrl"); json.string(alignment.url)
        if let description = alignment.description {
            json.key("targetDescription"); json.string(description.text(in: locale, fallback: locale))
        }
        if let framework = alignment.framework { json.key("targetFramework"); json.string(framework) }
        if let code = alignment.code { json.key("targetCode"); json.string(code) }
    }

    /// ISO 8601 in UTC with `Z`, as Open Badges validators require a time zone.
    /// `YYYY-MM-DDT00:00:00Z`, written in place: two for every assertion.
    static func appendDateTime(_ day: Day, to out: inout TextBuffer) {
        out.append(upTo: Day.digitCount) { target in
            day.write(to: target)
            return Day.digitCount
        }
        out.append("T00:00:00Z")
    }
}
