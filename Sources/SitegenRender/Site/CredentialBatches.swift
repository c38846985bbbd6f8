import Foundation
import SitegenSource

/// Credentials are signed four at a time: the SHA-256 of their canonical documents (70-odd
/// blocks each, a fifth of a credential's CPU) runs in the four SIMD lanes of
/// `SHA256.digests(of:)`, where four blocks cost about twice one. What it bought: the hash went
/// from a fifth of a credential's CPU to an eighth; `sitegen-bench render`'s credentials line
/// from 77 to 67 µs (best of 5 rounds, busy machine).
///
/// The first job that needs a credential of a group signs the whole group and leaves the others
/// here for their own jobs; a job that finds its group being signed on another thread waits for
/// it rather than sign it twice. Groups follow the order the build renders credentials in
/// (`group(_:)`), so a rebuild of one award or one shard signs only what it writes.
final class CredentialBatches: @unchecked Sendable {
    static let size = 4

    typealias Signed = Result<[UInt8], Diagnostic>

    private let condition = NSCondition()
    /// Awards in the order their credentials are rendered; group g is `order[4g..<4g+4]`.
    private var order: [Int]
    /// For each award, its place in `order`, or -1 when the build renders none of its credential.
    private var place: [Int]
    /// Credentials signed with a sibling, waiting for their award's first job.
    private var waiting: [Int: Signed] = [:]
    private var signing: Set<Int> = []
    /// Left over only if their jobs never come (a benchmark rendering one kind of file).
    private let capacity = 1024

    /// Every award's credential, in award order: what the renderer does until told otherwise.
    init(awardCount: Int) {
        order = Array(0..<awardCount)
        place = Array(0..<awardCount)
    }

    /// Groups the awards in the order given, the order in which the build renders them.
    func group(_ awards: [Int]) {
        condition.lock()
        defer { condition.unlock() }
        var place = [Int](repeating: -1, count: self.place.count)
        var order: [Int] = []
        order.reserveCapacity(awards.count)
        for award in awards where award < place.count && place[award] < 0 {
            place[award] = order.count
            order.append(award)
        }
        self.order = order
        self.place = place
        waiting.removeAll()
    }

    func discardAll() {
        condition.lock()
        defer { condition.unlock() }
        waiting.removeAll()
    }

    /// Award `index`'s signed credential: left by a sibling, or signed now with its group by
    /// `sign`, which returns one result per award it is given, in order.
    func credential(_ index: Int, sign: ([Int]) -> [Signed]) throws(Diagnostic) -> [UInt8] {
        condition.lock()
        var group = -1
        while true {
            if let signed = waiting.removeValue(forKey: index) {
                condition.unlock()
                return try signed.get()
            }
            group = index < place.count && place[index] >= 0 ? place[index] / Self.size : -1
            guard group >= 0, signing.contains(group) else { break }
            condition.wait()
        }
        let members = group < 0 ? [index] : Array(order[(group * Self.size)..<min(order.count, (group + 1) * Self.size)])
        if group >= 0 { signing.insert(group) }
        condition.unlock()

        let results = sign(members)
        condition.lock()
        var own: Signed?
        for (award, result) in zip(members, results) {
            if award == index {
                own = result
            } else if waiting.count < capacity {
                waiting[award] = result
            }
        }
        if group >= 0 { signing.remove(group) }
        condition.broadcast()
        condition.unlock()
        guard let own else { throw Diagnostic.error("no credential was signed for award \(index)", at: nil) }
        return try own.get()
    }
}
