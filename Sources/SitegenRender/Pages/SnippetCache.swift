import Foundation

/// The share links and embed codes of the last few awards rendered. They depend only on the
/// award (the holder's locale picks their language), yet every locale's page of the award shows
/// them; the build renders an award's pages one after another, so a small cache computes them
/// once per award instead of once per page. Whatever the hit rate, the bytes are the same.
final class SnippetCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [Int: AwardSnippets] = [:]
    /// Enough for the awards that all worker threads have in hand at once.
    private let capacity = 64

    func snippets(for index: Int, make: () -> AwardSnippets) -> AwardSnippets {
        lock.lock()
        let hit = entries[index]
        lock.unlock()
        if let hit { return hit }
        let made = make()
        lock.lock()
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[index] = made
        lock.unlock()
        return made
    }
}
