import Dispatch
import Foundation
import Testing
@testable import SitegenRender
import SitegenSource

/// Credentials signed four at a time: every award gets its own bytes, each group is signed once
/// however many threads ask for its members at once, and a failure stays with its own award.
struct CredentialBatchesTests {
    final class Results: @unchecked Sendable {
        let lock = NSLock()
        var texts: [Int: String] = [:]
        func set(_ award: Int, _ text: String) { lock.lock(); texts[award] = text; lock.unlock() }
    }

    final class Counter: @unchecked Sendable {
        let lock = NSLock()
        var groups: [[Int]] = []
        func record(_ group: [Int]) { lock.lock(); groups.append(group); lock.unlock() }
    }

    static func sign(_ awards: [Int], _ counter: Counter) -> [CredentialBatches.Signed] {
        counter.record(awards)
        usleep(200)
        return awards.map { $0 == 13 ? .failure(Diagnostic.error("award 13 cannot be signed", at: nil)) : .success(Array("award \($0)".utf8)) }
    }

    @Test func threadsAskingAtOnceGetTheirOwnAndEachGroupIsSignedOnce() {
        let batches = CredentialBatches(awardCount: 40)
        let counter = Counter()
        let results = Results()
        let order = (0..<40).map { ($0 * 17) % 40 }
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for position in stride(from: worker, to: 40, by: 4) {
                let award = order[position]
                do {
                    results.set(award, String(decoding: try batches.credential(award) { Self.sign($0, counter) }, as: UTF8.self))
                } catch {
                    results.set(award, "error: \(error)")
                }
            }
        }
        for award in 0..<40 {
            if award == 13 {
                #expect(results.texts[award]?.contains("award 13 cannot be signed") == true)
            } else {
                #expect(results.texts[award] == "award \(award)")
            }
        }
        #expect(counter.groups.map { $0.sorted() }.sorted { $0[0] < $1[0] } == (0..<10).map { Array(($0 * 4)..<($0 * 4 + 4)) })
    }

    @Test func groupsFollowTheOrderTheBuildRendersIn() throws {
        let batches = CredentialBatches(awardCount: 10)
        batches.group([7, 2, 9])
        let counter = Counter()
        #expect(String(decoding: try batches.credential(9) { Self.sign($0, counter) }, as: UTF8.self) == "award 9")
        #expect(String(decoding: try batches.credential(2) { Self.sign($0, counter) }, as: UTF8.self) == "award 2")
        // An award this build does not render in a group is signed alone.
        #expect(String(decoding: try batches.credential(4) { Self.sign($0, counter) }, as: UTF8.self) == "award 4")
        #expect(counter.groups == [[7, 2, 9], [4]])
    }
}
