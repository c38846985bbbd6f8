/// Every problem of a run, collected rather than thrown so the user sees all of them at once —
/// up to a point. Like a compiler, a run keeps the first `limit` problems in full and only counts
/// the rest, per kind and file: a holders file of two million empty objects has six million
/// errors, and holding (then printing) each of them took gigabytes (issue 17).
public struct Diagnostics: Sendable {
    /// The limit of collections made with `init()`. The executable sets it from `--max-errors`
    /// before any work starts and never again, so reading it from worker threads is safe.
    nonisolated(unsafe) public static var defaultLimit = 100

    /// How many problems are kept in full; 0 keeps every one.
    public let limit: Int
    /// The problems kept in full, in the order they were found.
    public private(set) var all: [Diagnostic] = []
    public private(set) var errorCount = 0
    public private(set) var warningCount = 0
    /// The problems beyond the limit, counted per kind and file, in the order first seen.
    public private(set) var omitted: [OmittedProblems] = []
    private var omittedIndex: [OmittedProblems.Key: Int] = [:]

    /// Distinct kinds counted at most: past this, the rest are counted together, so that
    /// memory stays bounded even when every problem is of a kind of its own.
    static let maxOmittedKinds = 1000

    public init() { self.init(limit: Self.defaultLimit) }

    public init(limit: Int) { self.limit = max(0, limit) }

    public mutating func append(_ diagnostic: Diagnostic) {
        switch diagnostic.severity {
        case .error: errorCount += 1
        case .warning: warningCount += 1
        }
        if limit == 0 || all.count < limit {
            all.append(diagnostic)
        } else {
            let kind = ProblemKind(diagnostic.message)
            count(OmittedProblems.Key(severity: diagnostic.severity, fileID: diagnostic.location?.fileID, kind: kind.hash),
                  kind.text, 1)
        }
    }

    public mutating func append(contentsOf other: Diagnostics) {
        for diagnostic in other.all { append(diagnostic) }
        for problems in other.omitted {
            switch problems.key.severity {
            case .error: errorCount += problems.count
            case .warning: warningCount += problems.count
            }
            count(problems.key, problems.kind, problems.count)
        }
    }

    /// Problems another run counted (a build record replayed), counted here as they were.
    public mutating func appendOmitted(_ severity: Diagnostic.Severity, kind: String, file: String?, count n: Int) {
        guard n > 0 else { return }
        switch severity {
        case .error: errorCount += n
        case .warning: warningCount += n
        }
        count(OmittedProblems.Key(severity: severity, fileID: file.map(SourceFiles.id(for:)), kind: kind.isEmpty ? 0 : kind.hashValue),
              kind, n)
    }

    public mutating func error(_ message: String, at location: SourceLocation?) {
        append(.error(message, at: location))
    }

    public mutating func warning(_ message: String, at location: SourceLocation?) {
        append(.warning(message, at: location))
    }

    private mutating func count(_ key: OmittedProblems.Key, _ kind: @autoclosure () -> String, _ n: Int) {
        if let index = omittedIndex[key] {
            omitted[index].count += n
        } else if omitted.count < Self.maxOmittedKinds {
            omittedIndex[key] = omitted.count
            omitted.append(OmittedProblems(key: key, kind: kind(), count: n))
        } else {
            let other = OmittedProblems.Key(severity: key.severity, fileID: nil, kind: 0)
            if let index = omittedIndex[other] {
                omitted[index].count += n
            } else {
                omittedIndex[other] = omitted.count
                omitted.append(OmittedProblems(key: other, kind: "", count: n))
            }
        }
    }

    public var hasErrors: Bool { errorCount > 0 }
    public var isEmpty: Bool { errorCount == 0 && warningCount == 0 }

    /// File and position order; problems without a place come first.
    public var sorted: [Diagnostic] {
        all.enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case (nil, nil): return a.offset < b.offset
            case (nil, _): return true
            case (_, nil): return false
            case let (la?, lb?): return la == lb ? a.offset < b.offset : la < lb
            }
        }.map(\.element)
    }

    /// The report as the commands print it, line by line: the kept problems in file order, then
    /// what was only counted, then the totals (nothing at all when there is no problem).
    public func report(_ line: (String) -> Void) {
        for diagnostic in sorted { line(diagnostic.description) }
        for problems in omitted { line(problems.description) }
        if !isEmpty { line(summary) }
    }

    /// "3 errors, 1 warning"
    public var summary: String {
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(count(errorCount, "error")), \(count(warningCount, "warning"))"
    }
}

/// Problems beyond the limit that share a severity, a file and a kind.
public struct OmittedProblems: Sendable, CustomStringConvertible {
    struct Key: Hashable, Sendable {
        var severity: Diagnostic.Severity
        /// nil for problems without a place, and for the catch-all of too many kinds.
        var fileID: UInt32?
        var kind: Int
    }

    let key: Key
    /// The message with its quoted and numeric parts elided; empty for the catch-all.
    public let kind: String
    public internal(set) var count: Int

    public var severity: Diagnostic.Severity { key.severity }
    public var file: String? { key.fileID.map(SourceFiles.path(of:)) }

    /// "sitegen: note: and 1,999,900 more errors like “holder is missing required key '…'” in Content/holders.json"
    public var description: String {
        let noun = "\(severity.rawValue)\(count == 1 ? "" : "s")"
        var text = "sitegen: note: and \(Self.grouped(count)) more \(noun)"
        if !kind.isEmpty { text += " like “\(kind)”" }
        if let file { text += " in \(file)" } else if kind.isEmpty { text += " of other kinds" }
        return text
    }

    /// 5999900 → "5,999,900"
    static func grouped(_ n: Int) -> String {
        var digits = Array(String(n).utf8)
        var i = digits.count - 3
        while i > (digits.first == UInt8(ascii: "-") ? 1 : 0) {
            digits.insert(UInt8(ascii: ","), at: i)
            i -= 3
        }
        return String(decoding: digits, as: UTF8.self)
    }
}
