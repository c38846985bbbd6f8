import SitegenDigest
import SitegenModel
import SitegenPlan

/// The inputs each output file is made from, as a digest: a rebuild renders a file only when its
/// key changed. A key covers everything the view model hands that file's template, plus the
/// theme and this version of sitegen, so a stale file can't survive a change that matters.
///
/// - every file: the site, every issuer and badge (few, and shown in navigation), the theme;
/// - an award's files: its own fields, its holder's public fields and profile, its badge;
/// - a holder's profile and a badge's page: the keys of the awards they list;
/// - catalogue, issuer pages, sitemap: every award (cheap, and the bytes usually stay equal).
public struct OutputKeys: Sendable {
    /// Bump when a change to sitegen changes output for the same input.
    public static let version = "sitegen-0.1.0"

    let shared: [UInt8]
    let awards: [[UInt8]]
    let everything: [UInt8]

    init(plan: SitePlan, theme: Theme, routes: Routes) {
        var site = KeyDigest()
        site.add(Self.version, theme.fingerprint, routes.baseURL, plan.site.defaultLocale)
        site.add(plan.site.locales)
        site.add(plan.site.title)
        site.add(plan.site.description)
        site.add(plan.site.contact ?? "")
        for issuer in plan.issuers {
            site.add(issuer.id, issuer.url, issuer.email ?? "", issuer.linkedInOrganizationID ?? "")
            site.add(issuer.name)
            site.add(issuer.description)
            site.add(issuer.image?.bytes ?? [])
        }
        for published in plan.badges {
            let badge = published.badge
            site.add(badge.id, badge.kind.rawValue, badge.status.rawValue, badge.issuer.id, badge.criteria.url ?? "")
            site.add(badge.name)
            site.add(badge.description)
            site.add(badge.criteria.narrative)
            for skill in badge.skills { site.add(skill) }
            for alignment in badge.alignment {
                site.add(alignment.url, alignment.framework ?? "", alignment.code ?? "")
                site.add(alignment.name)
                site.add(alignment.description)
            }
            site.add(badge.requires.map(\.id))
            site.add(badge.image.bytes)
            site.add(badge.socialImage?.bytes ?? [])
        }
        let shared = site.finalize()
        self.shared = shared
        awards = plan.awards.map { award in
            var key = KeyDigest()
            key.add(shared)
            key.add(award.id, award.holder.id, award.holder.locale, String(award.holder.profileIndex != nil))
            key.add(award.holder.name)
            key.add(plan.badges[award.badgeIndex].badge.id, award.issuedOn.description, award.expiresOn?.description ?? "-",
                    String(award.isExpired), award.recipient.salt, award.recipient.identity)
            for evidence in award.evidence {
                key.add(evidence.url ?? "")
                key.add(evidence.narrative)
            }
            key.add(award.revocation.map { "revoked\u{0}\($0.reason)\u{0}\($0.date?.description ?? "")" } ?? "")
            return key.finalize()
        }
        var all = KeyDigest()
        all.add(shared)
        for award in awards { all.add(award) }
        all.add(plan.holders.map(\.id))
        everything = all.finalize()
    }

    /// `path` names the file (kind, id, locale) without depending on plan indices, which shift
    /// when content is added.
    func key(_ job: OutputJob, path: String, plan: SitePlan) -> String {
        var key = KeyDigest()
        key.add(path)
        switch job {
        case .awardPage(let index, _), .assertion(let index), .bakedImage(let index), .embedCard(let index), .oEmbed(let index):
            key.add(awards[index])
        case .holderPage(let index, _):
            key.add(shared)
            for award in plan.holders[index].awards { key.add(awards[award]) }
        case .badgePage(let index, _):
            key.add(shared)
            for award in plan.badges[index].listedAwards { key.add(awards[award]) }
        case .issuerProfile, .issuerImage, .badgeClass, .badgeImage, .socialImage, .asset:
            key.add(shared)
        case .indexPage, .notFoundPage, .issuerPage, .sitemap, .robots:
            key.add(everything)
        }
        return hexString(key.finalize().prefix(16))
    }
}

/// SHA-256 over length-prefixed fields, so no two different field lists digest alike.
struct KeyDigest {
    private var digest = SHA256()

    mutating func add(_ fields: String...) {
        for field in fields { add(Array(field.utf8)) }
    }

    mutating func add(_ list: [String]) {
        add(String(list.count))
        for item in list { add(item) }
    }

    mutating func add(_ text: LocalizedText?) {
        guard let text else { return add("∅") }
        for entry in text.entries { add(entry.locale, entry.text) }
    }

    mutating func add(_ bytes: [UInt8]) {
        var length = UInt64(bytes.count).littleEndian
        withUnsafeBytes(of: &length) { digest.update($0) }
        digest.update(bytes)
    }

    mutating func finalize() -> [UInt8] { digest.finalize() }
}
