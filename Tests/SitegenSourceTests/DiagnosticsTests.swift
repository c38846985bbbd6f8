import Testing

@testable import SitegenSource

/// Swift Testing has a SourceLocation of its own.
private typealias Location = SitegenSource.SourceLocation

/// The bounded report: the first problems in full, the rest counted per kind and file.
struct DiagnosticsTests {
    private static func at(_ file: String, _ line: Int) -> Location { Location(file: file, line: line, column: 1) }

    @Test func keepsTheFirstAndCountsTheRest() {
        var diagnostics = Diagnostics(limit: 3)
        for line in 1...10 {
            diagnostics.error("holder is missing required key 'name'", at: Self.at("h.json", line))
            diagnostics.error("holder is missing required key 'email'", at: Self.at("h.json", line))
        }
        diagnostics.warning("badge 'b\(1)' is never awarded", at: Self.at("b.yaml", 4))
        #expect(diagnostics.all.map(\.location?.line) == [1, 1, 2])
        #expect(diagnostics.errorCount == 20)
        #expect(diagnostics.warningCount == 1)
        #expect(diagnostics.summary == "20 errors, 1 warning")
        #expect(diagnostics.omitted.map(\.description) == [
            "sitegen: note: and 17 more errors like “holder is missing required key '…'” in h.json",
            "sitegen: note: and 1 more warning like “badge '…' is never awarded” in b.yaml",
        ])
    }

    @Test func numbersAreElidedFromKinds() {
        var diagnostics = Diagnostics(limit: 1)
        diagnostics.error("first", at: nil)
        diagnostics.error("duplicate key 'a' (first at line 3, column 1)", at: Self.at("x.yaml", 9))
        diagnostics.error("duplicate key 'b' (first at line 12, column 40)", at: Self.at("x.yaml", 19))
        #expect(diagnostics.omitted.map(\.description) == [
            "sitegen: note: and 2 more errors like “duplicate key '…' (first at line #, column #)” in x.yaml"
        ])
    }

    @Test func mergingKeepsOrderAndExactCounts() {
        var first = Diagnostics(limit: 2)
        var second = Diagnostics(limit: 2)
        for line in 1...3 { first.error("e \(line)", at: Self.at("a", line)) }
        for line in 1...3 { second.error("e \(line)", at: Self.at("b", line)) }
        var merged = Diagnostics(limit: 3)
        merged.append(contentsOf: first)
        merged.append(contentsOf: second)
        #expect(merged.all.map(\.description) == ["a:1:1: error: e 1", "a:2:1: error: e 2", "b:1:1: error: e 1"])
        #expect(merged.errorCount == 6)
        #expect(merged.omitted.map(\.count).reduce(0, +) == 3)
        #expect(merged.omitted.map(\.description) == [
            "sitegen: note: and 1 more error like “e #” in a",
            "sitegen: note: and 2 more errors like “e #” in b",
        ])
    }

    @Test func zeroKeepsEverything() {
        var diagnostics = Diagnostics(limit: 0)
        for line in 1...500 { diagnostics.error("e", at: Self.at("a", line)) }
        #expect(diagnostics.all.count == 500)
        #expect(diagnostics.omitted.isEmpty)
    }

    /// A problem of a kind of its own in each of very many files cannot grow the report
    /// without bound: past a thousand kinds the rest are counted together.
    @Test func kindsAreBounded() {
        var diagnostics = Diagnostics(limit: 1)
        for index in 0...5000 { diagnostics.error("e", at: Self.at("kinds-\(index)", 1)) }
        #expect(diagnostics.omitted.count == 1001)
        #expect(diagnostics.omitted.map(\.count).reduce(0, +) == 5000)
        #expect(diagnostics.omitted.last?.description == "sitegen: note: and 4,000 more errors of other kinds")
    }

    @Test func countsAreGrouped() {
        #expect(OmittedProblems.grouped(5_999_900) == "5,999,900")
        #expect(OmittedProblems.grouped(999) == "999")
        #expect(OmittedProblems.grouped(1000) == "1,000")
    }
}
