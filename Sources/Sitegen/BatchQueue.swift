import Foundation

/// Hands out batch numbers to the threads, in order, until all are taken or the build stops,
/// and counts the files done for progress.
final class BatchQueue: @unchecked Sendable {
    private let lock = NSLock()
    private let count: Int
    private var taken = 0
    private var files = 0

    init(count: Int) { self.count = count }

    /// The next batch to render, or nil when none is left.
    func next() -> Int? {
        lock.withLock {
            guard taken < count else { return nil }
            taken += 1
            return taken - 1
        }
    }

    /// Hands out no more batches.
    func stop() { lock.withLock { taken = count } }

    /// Counts `finished` more files done; returns how many are done in all.
    func done(_ finished: Int) -> Int {
        lock.withLock {
            files += finished
            return files
        }
    }
}
