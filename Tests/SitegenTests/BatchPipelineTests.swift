import Foundation
import SitegenRender
import Testing
@testable import Sitegen

/// `BatchPipeline`: batches rendered on several threads are written in order, one writer at a
/// time, never more than `ahead` of the writer, and a failed write stops everything after it.
struct BatchPipelineTests {
    /// What the callbacks saw, from whichever thread.
    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var written: [Int] = []
        private(set) var rendered = 0
        private(set) var writers = 0
        private(set) var mostWriters = 0
        private(set) var mostAhead = 0

        func didRender(_ batch: Int) {
            lock.lock(); defer { lock.unlock() }
            rendered += 1
            mostAhead = max(mostAhead, batch + 1 - written.count)
        }

        func beginWrite() {
            lock.lock(); defer { lock.unlock() }
            writers += 1
            mostWriters = max(mostWriters, writers)
        }

        func endWrite(_ batch: Int) {
            lock.lock(); defer { lock.unlock() }
            writers -= 1
            written.append(batch)
        }
    }

    /// Uneven work, so that batches finish out of order on four threads.
    static func busyWork(_ batch: Int) -> Int {
        var x = batch
        for step in 0..<((batch * 7919) % 13 + 1) * 20_000 { x = x &* 31 &+ step }
        return x
    }

    @Test(arguments: [1, 2, 4])
    func everyBatchIsWrittenOnceInOrderByOneWriterAtATime(threads: Int) {
        let log = Log()
        BatchPipeline<(Int, Int)>(count: 200, ahead: 3).run(threads: threads, render: { batch in
            let result = (batch, Self.busyWork(batch))
            log.didRender(batch)
            return result
        }, write: { batch, rendered in
            log.beginWrite()
            #expect(rendered.0 == batch)
            #expect(rendered.1 == Self.busyWork(batch))
            log.endWrite(batch)
            return true
        })
        #expect(log.written == Array(0..<200))
        #expect(log.rendered == 200)
        #expect(log.mostWriters == 1)
        // A batch is rendered only while fewer than `ahead` wait unwritten before it.
        #expect(log.mostAhead <= 3)
    }

    @Test func aFailedWriteStopsTheBatchesAfterIt() {
        let log = Log()
        BatchPipeline<Int>(count: 100, ahead: 4).run(threads: 3, render: { batch in
            log.didRender(batch)
            return batch
        }, write: { batch, _ in
            log.beginWrite()
            log.endWrite(batch)
            return batch != 10
        })
        #expect(log.written == Array(0...10))
        // Nothing is rendered beyond what was already allowed ahead of the failed batch.
        #expect(log.rendered <= 10 + 1 + 4)
    }

    @Test func noBatchesIsNoWork() {
        let log = Log()
        BatchPipeline<Int>(count: 0, ahead: 2).run(threads: 2, render: { $0 }, write: { batch, _ in
            log.endWrite(batch)
            return true
        })
        #expect(log.written.isEmpty)
    }

    /// Holder pages' batches are spread evenly among the others, every batch still once: 10
    /// holder batches among 40 others come one in every five, not at the end.
    @Test func holderPagesAreSpreadAmongTheOtherBatches() {
        var jobs: [OutputJob] = (0..<(40 * 128)).map { .assertion($0) }
        jobs += (0..<(10 * 128)).map { .holderPage($0, locale: "en") }
        let batches = SiteBuild.batches(of: jobs)
        #expect(batches.count == 50)
        let order = SiteBuild.spreadingHolderPages(batches, jobs: jobs)
        #expect(order.sorted { $0.lowerBound < $1.lowerBound } == batches)
        let holderPositions = order.indices.filter { if case .holderPage = jobs[order[$0].lowerBound] { true } else { false } }
        #expect(holderPositions == Array(stride(from: 0, to: 50, by: 5)))
        // Nothing to spread: the order stays.
        #expect(SiteBuild.spreadingHolderPages(Array(batches[..<40]), jobs: jobs) == Array(batches[..<40]))
    }

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
