import Dispatch

/// The time of each named step of a run, as Saga and Zola log them.
public struct StepTimes: Sendable {
    public private(set) var steps: [(name: String, seconds: Double)] = []

    public init() {}

    mutating func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { steps.append((name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)) }
        return try body()
    }

    public var total: Double { steps.reduce(0) { $0 + $1.seconds } }

    public var summary: String {
        steps.map { "\($0.name) \(Self.format($0.seconds))" }.joined(separator: ", ")
    }

    public static func format(_ seconds: Double) -> String {
        let milliseconds = Int((seconds * 1000).rounded())
        return milliseconds < 10_000 ? "\(milliseconds) ms" : "\(milliseconds / 1000).\(milliseconds % 1000 / 100) s"
    }
}
