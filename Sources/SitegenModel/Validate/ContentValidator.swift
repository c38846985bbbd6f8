import SitegenSource

/// Validation across files: references, duplicates, and the program's rules. Runs on the
/// decoded model, so every message can still point at the place in the content.
public enum ContentValidator {
    public static func validate(_ content: Content) -> Diagnostics {
        var diagnostics = Diagnostics()
        let issuers = firstByID(content.issuers.map { ($0.id, $0.location) }, kind: "issuer", &diagnostics)
        let badges = firstByID(content.badges.map { ($0.id, $0.location) }, kind: "badge", &diagnostics)
        _ = firstByID(content.holders.map { ($0.id, $0.location) }, kind: "holder", &diagnostics)
        _ = firstByID(content.holders.flatMap { $0.awards.map { ($0.id, $0.location) } }, kind: "award", &diagnostics)
        let badgeByID = Dictionary(content.badges.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

        if let siteIssuer = content.site.issuerID, issuers[siteIssuer] == nil {
            diagnostics.error(unknown("issuer", siteIssuer, among: Array(issuers.keys)), at: content.site.location)
        }
        for badge in content.badges {
            if issuers[badge.issuer.id] == nil {
                diagnostics.error(unknown("issuer", badge.issuer.id, among: Array(issuers.keys)), at: badge.issuer.location)
            }
            if !badge.requires.isEmpty && badge.kind != .certification {
                diagnostics.error("only a certification can have 'requires'; '\(badge.id)' is an exam", at: badge.requires[0].location)
            }
            for required in badge.requires {
                guard let exam = badgeByID[required.id] else {
                    diagnostics.error(unknown("badge", required.id, among: Array(badges.keys)), at: required.location)
                    continue
                }
                if exam.kind != .exam {
                    diagnostics.error("'requires' lists '\(required.id)', which is a certification, not an exam", at: required.location)
                }
            }
        }

        let unissuable = Eligibility.unissuable(content.badges)
        var emails: [String: Int] = [:]
        emails.reserveCapacity(content.holders.count)
        var unpublishedLocales: [String: Int] = [:]
        var firstUnpublishedLocale: SourceLocation?
        for (index, holder) in content.holders.enumerated() {
            let key = EmailAddress.normalized(holder.email)
            if let otherIndex = emails[key] {
                let other = content.holders[otherIndex]
                diagnostics.warning("holder '\(holder.id)' has the same email as holder '\(other.id)' (\(other.location)): one person with two records?",
                                    at: holder.location)
            } else {
                emails[key] = index
            }
            if let locale = holder.locale, !content.site.locales.contains(locale) {
                unpublishedLocales[locale, default: 0] += 1
                if firstUnpublishedLocale == nil { firstUnpublishedLocale = holder.location }
            }
            for award in holder.awards {
                let badgeID = award.badge.id
                guard badges[badgeID] != nil else {
                    diagnostics.error(unknown("badge", badgeID, among: Array(badges.keys)), at: award.badge.location)
                    continue
                }
                switch unissuable[badgeID] {
                case .legacy?:
                    diagnostics.warning("award of '\(badgeID)' is skipped: the badge is legacy and is never issued", at: award.location)
                case .soleRequirement(let certification)?:
                    diagnostics.warning("award of exam '\(badgeID)' is skipped: it is the sole requirement of certification '\(certification)', which is awarded instead",
                                        at: award.location)
                case nil: break
                }
            }
        }
        if !unpublishedLocales.isEmpty {
            let total = unpublishedLocales.values.reduce(0, +)
            let list = unpublishedLocales.keys.sorted().joined(separator: ", ")
            diagnostics.warning("\(total) holder\(total == 1 ? " has a locale" : "s have locales") the site does not publish (\(list)); their pages use '\(content.site.defaultLocale)'",
                                at: firstUnpublishedLocale)
        }
        return diagnostics
    }

    /// Each id's first place; every later use of the same id is an error naming the first.
    static func firstByID(_ items: [(String, SourceLocation)], kind: String,
                          _ diagnostics: inout Diagnostics) -> [String: SourceLocation] {
        var first: [String: SourceLocation] = [:]
        first.reserveCapacity(items.count)
        for (id, location) in items {
            if let previous = first[id] {
                diagnostics.error("duplicate \(kind) id '\(id)' (first defined at \(previous))", at: location)
            } else {
                first[id] = location
            }
        }
        return first
    }

    static func unknown(_ kind: String, _ id: String, among known: [String]) -> String {
        var message = "unknown \(kind) '\(id)'"
        if let suggestion = Suggestion.closest(to: id, among: known.sorted()) { message += "; did you mean '\(suggestion)'?" }
        return message
    }
}
