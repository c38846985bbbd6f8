import Foundation
import SitegenMustache

/// The theme's templates specialized for what many pages share: an award page is mostly its
/// locale's frame and its badge, so each (template, locale, badge) is rendered ahead once, the
/// first time a page needs it, and each page only fills in its own values. The bytes are those
/// of a plain rendering whichever page comes first.
final class SpecializedTemplates: @unchecked Sendable {
    /// Pages with equal keys have equal shared contexts.
    struct Key: Hashable, Sendable {
        var template: String
        var locale: String
        /// The plan index of what the pages share beyond the locale (a badge), or -1.
        var item: Int

        // Looked up for every page: the item alone spreads the keys well enough, and hashing
        // an Int costs a fraction of hashing two Strings.
        func hash(into hasher: inout Hasher) {
            hasher.combine(item)
        }
    }

    private let lock = NSLock()
    private var made: [Key: SpecializedTemplate] = [:]

    func template(_ key: Key, make: () -> SpecializedTemplate) -> SpecializedTemplate {
        lock.lock()
        let hit = made[key]
        lock.unlock()
        if let hit { return hit }
        // Made outside the lock: another thread may make the same one meanwhile, and either serves.
        let template = make()
        lock.lock()
        defer { lock.unlock() }
        if let first = made[key] { return first }
        made[key] = template
        return template
    }
}

/// A page's contexts: what it shares with other pages of its template, outermost first, and
/// its own.
struct PageContexts {
    var shared: [TemplateValue]
    var page: TemplateValue
    /// Set when `shared` is the same for every page with this key: the page can then be
    /// rendered from a specialized template.
    var sharing: SpecializedTemplates.Key?
}
