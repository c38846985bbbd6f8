import Foundation

/// A value made when first asked for, by whichever thread asks first (the others wait for it),
/// and kept: what a design's cards share, which a build that draws no card never makes.
final class MadeOnce<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var made: Value?

    func value(_ make: () -> Value) -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let value = make()
        made = value
        return value
    }
}
