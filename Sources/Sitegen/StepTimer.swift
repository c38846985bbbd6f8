import Dispatch

/// The time of each named step of a run, as Saga and Zola log them.
public struct StepTimes: Sendable {
    public private(set) var steps: [(name: String, seconds: Double)] = []
    /// Seconds of steps that ran alongside others: listed in `steps`, not counted in `total`
    /// but for the time the run waited for them.
    private var alongside = 0.0

    public init() {}

    mutating func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { steps.append((name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)) }
        return try body()
    }

    /// A step that ran on another thread alongside the steps measured since it started, for
    /// `seconds` of its own, of which the run `waited` at the end.
    mutating func record(alongside name: String, seconds: Double, waited: Double) {
        steps.append(("\(name) (alongside)", seconds))
        alongside += max(0, seconds - waited)
    }

    /// A step timed elsewhere that nothing ran alongside.
    mutating func record(_ name: String, seconds: Double) {
        steps.append((name, seconds))
    }

    public var total: Double { steps.reduce(0) { $0 + $1.seconds } - alongside }

    public var summary: String {
        steps.map { "\($0.name) \(Self.format($0.seconds))" }.joined(separator: ", ")
    }

    public static func format(_ seconds: Double) -> String {
        let milliseconds = Int((seconds * 1000).rounded())
        return milliseconds < 10_000 ? "\(milliseconds) ms" : "\(milliseconds / 1000).\(milliseconds % 1000 / 100) s"
    }
}
