import Foundation

/// Renders and writes on the same threads: each thread renders the next batch, and a thread
/// that finds the oldest rendered batch waiting while nobody writes writes it. Batches are
/// written in order, by one thread at a time (the writer keeps lists and is not thread-safe), and
/// at most `ahead` batches wait in memory.
///
/// What it bought: with a thread of its own for writing beside one renderer per other core, on
/// two cores the writer sat idle for about 40% of a 50,000-holder tmpfs build while the single
/// renderer was the critical path (13.3 s of render+write for 23 s of CPU on two cores); a
/// renderer per core beside the writer oversubscribed the cores and made disk builds slower.
/// Here no thread waits while there is a batch to render or one to write.
final class BatchPipeline<Batch>: @unchecked Sendable {
    private let condition = NSCondition()
    private let count: Int
    private let ahead: Int
    private var nextToRender = 0
    private var nextToWrite = 0
    private var writing = false
    private var stopped = false
    private var rendered: [Int: Batch] = [:]

    /// `count` batches, of which at most `ahead` are rendered and not yet written.
    init(count: Int, ahead: Int) {
        self.count = count
        self.ahead = max(1, ahead)
    }

    /// Runs `render` for every batch and `write` for each, in batch order, on `threads`
    /// threads. `write` returning false stops the pipeline: no batch after it is written, and no
    /// new batch is rendered.
    func run(threads: Int, render: @Sendable (Int) -> Batch, write: @Sendable (Int, Batch) -> Bool) {
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, count))) { _ in
            work(render: render, write: write)
        }
    }

    private enum Task {
        case write(Int, Batch)
        case render(Int)
        case done
    }

    private func work(render: (Int) -> Batch, write: (Int, Batch) -> Bool) {
        while true {
            switch nextTask() {
            case .done:
                return
            case .write(let index, let batch):
                let goesOn = write(index, batch)
                condition.lock()
                writing = false
                nextToWrite += 1
                if !goesOn { stopped = true }
                condition.broadcast()
                condition.unlock()
            case .render(let index):
                let batch = render(index)
                condition.lock()
                rendered[index] = batch
                condition.broadcast()
                condition.unlock()
            }
        }
    }

    /// Writing first, when the next batch to write is ready: it frees memory and keeps the
    /// output in order.
    private func nextTask() -> Task {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if stopped || nextToWrite == count { return .done }
            if !writing, let batch = rendered.removeValue(forKey: nextToWrite) {
                writing = true
                return .write(nextToWrite, batch)
            }
            if nextToRender < count && nextToRender - nextToWrite < ahead {
                nextToRender += 1
                return .render(nextToRender - 1)
            }
            condition.wait()
        }
    }
}
