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
        var unknownIssuers = UnknownReferences(kind: "issuer", known: issuers.keys)
        var unknownBadges = UnknownReferences(kind: "badge", known: badges.keys)
        let publishedLocales = Set(content.site.locales)

        if let siteIssuer = content.site.issuerID, issuers[siteIssuer] == nil {
            diagnostics.error(unknownIssuers.message(siteIssuer), at: content.site.issuerLocation ?? content.site.location)
        }
        for badge in content.badges {
            if issuers[badge.issuer.id] == nil {
                diagnostics.error(unknownIssuers.message(badge.issuer.id), at: badge.issuer.location)
            }
            if !badge.requires.isEmpty && badge.kind != .certification {
                diagnostics.error("only a certification can have 'requires'; '\(badge.id)' is an exam", at: badge.requires[0].location)
            }
            for required in badge.requires {
                guard let exam = badgeByID[required.id] else {
                    diagnostics.error(unknownBadges.message(required.id), at: required.location)
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
            if let locale = holders[index].locale, !publishedLocales.contains(locale) {
                unpublishedLocales[locale, default: 0] += 1
                if firstUnpublishedLocale == nil { firstUnpublishedLocale = holders[index].location }
            }
            for award in holders[index].awards.indices {
                let badge = holders[index].awards[award].badge
                guard badges[badge.id] != nil else {
                    diagnostics.error(unknownBadges.message(badge.id), at: badge.location)
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

}

/// "unknown badge 'b2'; did you mean 'b1'?" for references to ids that do not exist. The known
/// ids are sorted once, and each distinct unknown id gets its message once: a million awards
/// may all name one missing badge. A suggestion compares the id with every known one, so
/// suggestions stop once that has cost a budget of comparisons (many distinct unknown ids
/// among many badges would otherwise cost their product, issue 17).
struct UnknownReferences {
    let kind: String
    let known: [String]
    private var messages: [String: String] = [:]
    private var comparisonsLeft = 4_000_000

    init(kind: String, known: Dictionary<String, SourceLocation>.Keys) {
        self.kind = kind
        self.known = known.sorted()
    }

    mutating func message(_ id: String) -> String {
        if let message = messages[id] { return message }
        var message = "unknown \(kind) '\(id)'"
        if comparisonsLeft >= known.count {
            comparisonsLeft -= known.count
            if let suggestion = Suggestion.closest(to: id, among: known) { message += "; did you mean '\(suggestion)'?" }
        }
        messages[id] = message
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
