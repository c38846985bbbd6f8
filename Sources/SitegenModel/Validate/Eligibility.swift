/// The certification program's rules on which badges can be issued at all. One function, read
/// by validation (to warn) and by the plan (to decide).
public enum Eligibility {
    public enum Reason: Sendable, Equatable {
        case legacy
        /// The exam is the only requirement of this certification, which is awarded instead.
        case soleRequirement(of: String)
    }

    /// Badges that are never issued, by id.
    public static func unissuable(_ badges: [BadgeClass]) -> [String: Reason] {
        var result: [String: Reason] = [:]
        for badge in badges where badge.status == .legacy {
            result[badge.id] = .legacy
        }
        for badge in badges where badge.kind == .certification && badge.requires.count == 1 {
            let exam = badge.requires[0].id
            if result[exam] == nil { result[exam] = .soleRequirement(of: badge.id) }
        }
        return result
    }
}
