import SitegenRender
import Testing
@testable import Sitegen

/// `SiteBuild.batches(of:)`: how the build's files are handed out to its threads.
struct BuildBatchesTests {
    /// The build's batches cover every job once, in order, with at most 128 files or 16 cards each.
    @Test func buildBatchesHoldEqualWork() {
        var jobs: [OutputJob] = (0..<300).map { .assertion($0) }
        jobs += (0..<40).map { .socialCard($0, locale: "en") }
        jobs += (0..<130).map { .credential($0) }
        let batches = SiteBuild.batches(of: jobs)
        #expect(batches.first?.lowerBound == 0)
        #expect(batches.last?.upperBound == jobs.count)
        for (batch, next) in zip(batches, batches.dropFirst()) { #expect(batch.upperBound == next.lowerBound) }
        for batch in batches {
            let cards = jobs[batch].filter { if case .socialCard = $0 { true } else { false } }.count
            #expect(cards <= 16)
            #expect(batch.count - cards + cards * 8 <= 128)
            #expect(!batch.isEmpty)
        }
        #expect(SiteBuild.batches(of: []).isEmpty)
    }
}
