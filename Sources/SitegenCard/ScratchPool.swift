import Foundation

/// Buffers a badge's cards work in — the canvas they draw their text on, the band's filtered
/// rows — each handed back as it was taken (the backdrop's bytes put back where the card
/// changed them). Copying the whole 2.3 MB canvas for every card was 3% of the cards benchmark
/// (memmove, perf); restoring the text's box copies about a third of that. Cards of one badge
/// may be made on several threads at once: each takes a buffer of its own.
final class ScratchPool<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [Value] = []
    /// More than two threads rarely make one badge's cards at once.
    private let capacity = 2

    func take() -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return free.popLast()
    }

    /// `value`, which must hold the backdrop's bytes again.
    func give(_ value: Value) {
        lock.lock()
        defer { lock.unlock() }
        if free.count < capacity { free.append(value) }
    }
}
