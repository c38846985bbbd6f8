import SitegenSource

/// Validation across files: references, duplicates, and the program's rules. Runs on the
/// decoded model, so every message can still point at the place in the content.
public enum ContentValidator {
    public static func validate(_ content: Content) -> Diagnostics {
        var diagnostics = Diagnostics()
        let issuers = firstByID(content.issuers.map { ($0.id, $0.location) }, kind: "issuer", &diagnostics)
        let badges = firstByID(content.badges.map { ($0.id, $0.location) }, kind: "badge", &diagnostics)
        // By index, field by field: copying a whole holder per loop step costs more than the check.
        let holders = content.holders
        var holderIDs = FirstPlaces(kind: "holder", capacity: holders.count)
        var awardIDs = FirstPlaces(kind: "award", capacity: 2 * holders.count)
        for index in holders.indices {
            holderIDs.add(holders[index].id, at: holders[index].location, &diagnostics)
            for award in holders[index].awards.indices {
                awardIDs.add(holders[index].awards[award].id, at: holders[index].awards[award].location, &diagnostics)
            }
        }
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
        for index in holders.indices {
            let key = EmailAddress.normalized(holders[index].email)
            if let otherIndex = emails[key] {
                let other = holders[otherIndex]
                diagnostics.warning("holder '\(holders[index].id)' has the same email as holder '\(other.id)' (\(other.location)): one person with two records?",
                                    at: holders[index].location)
            } else {
                emails[key] = index
            }
            if let locale = holders[index].locale, !content.site.locales.contains(locale) {
                unpublishedLocales[locale, default: 0] += 1
                if firstUnpublishedLocale == nil { firstUnpublishedLocale = holders[index].location }
            }
            for award in holders[index].awards.indices {
                let badge = holders[index].awards[award].badge
                guard badges[badge.id] != nil else {
                    diagnostics.error(unknown("badge", badge.id, among: Array(badges.keys)), at: badge.location)
                    continue
                }
                switch unissuable[badge.id] {
                case .legacy?:
                    diagnostics.warning("award of '\(badge.id)' is skipped: the badge is legacy and is never issued",
                                        at: holders[index].awards[award].location)
                case .soleRequirement(let certification)?:
                    diagnostics.warning("award of exam '\(badge.id)' is skipped: it is the sole requirement of certification '\(certification)', which is awarded instead",
                                        at: holders[index].awards[award].location)
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

    static func firstByID(_ items: [(String, SourceLocation)], kind: String,
                          _ diagnostics: inout Diagnostics) -> [String: SourceLocation] {
        var first = FirstPlaces(kind: kind, capacity: items.count)
        for (id, location) in items { first.add(id, at: location, &diagnostics) }
        return first.places
    }

    static func unknown(_ kind: String, _ id: String, among known: [String]) -> String {
        var message = "unknown \(kind) '\(id)'"
        if let suggestion = Suggestion.closest(to: id, among: known.sorted()) { message += "; did you mean '\(suggestion)'?" }
        return message
    }
}

/// Each id's first place; every later use of the same id is an error naming the first.
struct FirstPlaces {
    let kind: String
    private(set) var places: [String: SourceLocation] = [:]

    init(kind: String, capacity: Int) {
        self.kind = kind
        places.reserveCapacity(capacity)
    }

    mutating func add(_ id: String, at location: SourceLocation, _ diagnostics: inout Diagnostics) {
        if let previous = places.updateValue(location, forKey: id) {
            places[id] = previous
            diagnostics.error("duplicate \(kind) id '\(id)' (first defined at \(previous))", at: location)
        }
    }
}
