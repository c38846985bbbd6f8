import Dispatch

/// `count` items in runs of `size`, each run handled whole by one thread: how the build fills
/// and scans its large arrays on every core, each run writing only its own part.
public struct Chunks: Sendable {
    public let count: Int
    public let size: Int

    public init(count: Int, size: Int) {
        precondition(size > 0, "a chunk holds at least one item")
        self.count = count
        self.size = size
    }

    /// How many runs there are.
    public var parts: Int { (count + size - 1) / size }

    /// The items of run `part`.
    public func range(_ part: Int) -> Range<Int> { (part * size)..<min(count, (part + 1) * size) }

    /// Calls `body` once per run with its index and items: on every core when `threads` is
    /// above one and there is more than one run, else one run after the other on this thread.
    public func forEach(threads: Int = .max, _ body: @Sendable (_ part: Int, _ items: Range<Int>) -> Void) {
        if threads > 1 && parts > 1 {
            DispatchQueue.concurrentPerform(iterations: parts) { body($0, range($0)) }
        } else {
            for part in 0..<parts { body(part, range(part)) }
        }
    }
}
