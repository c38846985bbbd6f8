import Foundation

/// An award's signed credential goes into two files, `credential.json` and the baked image,
/// which are rendered as separate jobs, often on different threads. Signing is most of what a
/// credential costs, so the first of the two jobs leaves its bytes here and the other takes them:
/// each credential is signed once. At most `capacity` wait at a time, so a run that renders only
/// one kind of file (a benchmark) signs again rather than keep every credential in memory.
final class SignedCredentialHandOff: @unchecked Sendable {
    private let lock = NSLock()
    private var waiting: [Int: [UInt8]] = [:]
    private let capacity = 4096

    /// The credential of award `index` if the other job left it, which is then gone.
    func take(_ index: Int) -> [UInt8]? {
        lock.lock()
        defer { lock.unlock() }
        return waiting.removeValue(forKey: index)
    }

    func leave(_ index: Int, _ bytes: [UInt8]) {
        lock.lock()
        defer { lock.unlock() }
        if waiting.count < capacity { waiting[index] = bytes }
    }

    func discardAll() {
        lock.lock()
        defer { lock.unlock() }
        waiting.removeAll()
    }
}
