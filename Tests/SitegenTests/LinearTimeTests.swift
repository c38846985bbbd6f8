import Foundation
import Testing
@testable import Sitegen
@testable import SitegenModel
import SitegenMustache
import SitegenSource

/// Issue 17's hostile inputs at two sizes, n and 4n: linear work takes about four times as long
/// at 4n, quadratic work sixteen times. A ratio under 6 leaves room for a loaded machine and
/// still catches a quadratic path coming back. Sizes keep each case well under a second in a
/// debug build.
struct LinearTimeTests {
    /// The calling thread's CPU time: other tests and other people's jobs share the cores, and
    /// they slow the wall clock of a run but not its thread's own work.
    private static func threadSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
    }

    /// Best of three runs at each size, the sizes taking turns so that a busy moment of the
    /// machine slows both alike. Each case runs on the calling thread, and its CPU time is what
    /// is compared: the wall clock of a test depends on what else runs beside it.
    private static func expectLinear(_ n: Int, _ work: (Int) -> Void) {
        let clock = threadSeconds
        var small = Double.infinity
        var large = Double.infinity
        for _ in 0..<3 {
            var start = clock()
            work(n)
            small = min(small, clock() - start)
            start = clock()
            work(4 * n)
            large = min(large, clock() - start)
        }
        #expect(large / small < 6, "n: \(small) s, 4n: \(large) s, ratio \(large / small)")
    }

    private static func yaml(_ text: String) -> Result<SourceNode, Diagnostic> {
        Result { () throws(Diagnostic) in try YAMLParser.parse(Array(text.utf8), file: "Content/holders/h1.yaml") }
    }

    @Test func yamlFlowSequenceOnOneLine() throws {
        let items = { (n: Int) in "x: [" + Array(repeating: "1", count: n).joined(separator: ", ") + "]\n" }
        let root = try Self.yaml(items(3)).get()
        guard case .mapping(let entries) = root.value, case .sequence(let list) = entries[0].value.value else {
            Issue.record("not a mapping of a list: \(root)")
            return
        }
        #expect(list.map(\.location.column) == [5, 8, 11])
        Self.expectLinear(20_000) { n in _ = Self.yaml(items(n)) }
    }

    @Test func yamlFlowMappingOnOneLine() throws {
        let keys = { (n: Int) in "x: {" + (0..<n).map { "k\($0): 1" }.joined(separator: ", ") + "}\n" }
        let root = try Self.yaml(keys(2)).get()
        guard case .mapping(let entries) = root.value, case .mapping(let inner) = entries[0].value.value else {
            Issue.record("not a mapping of a mapping: \(root)")
            return
        }
        #expect(inner.map(\.keyLocation.column) == [5, 12])
        Self.expectLinear(8_000) { n in _ = Self.yaml(keys(n)) }
        // The error of a long line still points at its place: a duplicate at the end.
        let duplicate = "x: {" + (0..<1000).map { "k\($0): 1" }.joined(separator: ", ") + ", k0: 2}\n"
        guard case .failure(let error) = Self.yaml(duplicate) else {
            Issue.record("a duplicate key was accepted")
            return
        }
        let lastKey = duplicate.utf8.count - ", k0: 2}\n".utf8.count + 2
        #expect(error.location?.column == lastKey + 1)
        #expect(error.message.hasPrefix("duplicate key 'k0' (first at line 1, column 5)"))
    }

    /// Loaded and decoded as `check` does, without the theme.
    private static func decode(_ files: [String: String?]) -> Diagnostics {
        let fileSystem = FixtureSite.fileSystem(files)
        var (tree, diagnostics) = ContentLoader(fileSystem: fileSystem, root: "Content").load()
        diagnostics.append(contentsOf: ContentDecoder(fileSystem: fileSystem, root: "Content").decode(tree).1)
        return diagnostics
    }

    /// Decoded on this thread, so that its CPU time is the whole cost.
    private static func decodeHolders(_ text: String, file: String, isJSON: Bool) -> Diagnostics {
        var diagnostics = Diagnostics()
        let bytes = Array(text.utf8)
        guard let root = try? (isJSON ? JSONParser.parse(bytes, file: file) : YAMLParser.parse(bytes, file: file)) else {
            diagnostics.error("did not parse", at: nil)
            return diagnostics
        }
        let decoder = ContentDecoder(fileSystem: InMemoryFileSystem([:]), root: "Content")
        if case .sequence(let items) = root.value {
            for item in items { _ = decoder.decodeHolder(item, defaultID: nil, locale: "en", &diagnostics) }
        } else {
            _ = decoder.decodeHolder(root, defaultID: "h1", locale: "en", &diagnostics)
        }
        return diagnostics
    }

    @Test func holderWithManyDistinctUnknownKeys() {
        let holder = { (n: Int) in
            "name: Ann Example\nemail: ann@example.org\n" + (0..<n).map { "key_\($0): 1\n" }.joined()
        }
        let diagnostics = Self.decode(["Content/holders/h1.yaml": holder(3)]).sorted.map(\.description)
        #expect(diagnostics.contains { $0.hasPrefix("Content/holders/h1.yaml:3:1: error: unknown key 'key_0' in holder") })
        #expect(diagnostics.contains { $0.hasPrefix("Content/holders/h1.yaml:5:1: error: unknown key 'key_2' in holder") })
        Self.expectLinear(1_500) { n in _ = Self.decodeHolders(holder(n), file: "Content/holders/h1.yaml", isJSON: false) }
    }

    @Test func repeatedUnknownKeyIsADuplicateToo() {
        // YAML rejects a repeated key as it parses; JSON leaves it to decoding.
        let holder = "[{\"id\": \"h2\", \"name\": \"Bo\", \"email\": \"bo@example.org\",\n \"nmae\": \"A\",\n \"nmae\": \"B\"}]"
        let diagnostics = Self.decode(["Content/holders.json": holder]).sorted.map(\.description)
        #expect(diagnostics.filter { $0.contains("unknown key 'nmae' in holder; did you mean 'name'?") }.count == 2)
        #expect(diagnostics.contains("Content/holders.json:3:2: error: duplicate key 'nmae' (first at line 2, column 2)"))
    }

    /// JSON leaves repeated keys to decoding: a known key repeated after many unknown ones.
    @Test func knownKeyRepeatedManyTimes() {
        let holder = { (n: Int) in
            "{" + (0..<n).map { "\"k\($0)\": 1, " }.joined() + Array(repeating: "\"name\": \"A\"", count: n).joined(separator: ", ") + "}"
        }
        let text = holder(2)
        // ASCII: a column is a character offset plus one.
        let names = text.ranges(of: "\"name\"").map { text.distance(from: text.startIndex, to: $0.lowerBound) + 1 }
        let (first, second) = (names[0], names[1])
        let diagnostics = Self.decodeHolders(text, file: "Content/holders.json", isJSON: true).sorted.map(\.description)
        #expect(diagnostics.contains("Content/holders.json:1:\(second): error: duplicate key 'name' (first at line 1, column \(first))"),
                "\(diagnostics)")
        Self.expectLinear(1_000) { n in _ = Self.decodeHolders(holder(n), file: "Content/holders.json", isJSON: true) }
    }

    /// A name given in thousands of locales (all valid codes, one repeated at the end: JSON
    /// leaves that to decoding).
    @Test func textInManyLocales() {
        let holder = { (n: Int) in
            "{\"id\": \"h1\", \"email\": \"ann@example.org\", \"name\": {\"en\": \"Ann\", "
                + (0..<n).map { "\"en-k\($0)\": \"Ann\", " }.joined() + "\"en-k0\": \"Ann\"}}"
        }
        let text = holder(3)
        let repeated = text.ranges(of: "\"en-k0\"").map { text.distance(from: text.startIndex, to: $0.lowerBound) + 1 }
        let diagnostics = Self.decodeHolders(text, file: "Content/holders.json", isJSON: true).sorted.map(\.description)
        #expect(diagnostics == ["Content/holders.json:1:\(repeated[1]): error: duplicate locale 'en-k0' in 'name'"])
        Self.expectLinear(2_000) { n in _ = Self.decodeHolders(holder(n), file: "Content/holders.json", isJSON: true) }
    }

    @Test func longDelimiterIsALocatedError() {
        let source = "x\n{{=" + String(repeating: "a", count: 12_000) + " }}=}}" + String(repeating: "a", count: 100_000)
        do {
            _ = try Template(source: source, file: "Themes/t/page.mustache")
            Issue.record("a 12,000-byte delimiter was accepted")
        } catch {
            #expect(error.location == SitegenSource.SourceLocation(file: "Themes/t/page.mustache", line: 2, column: 1))
            #expect(error.message.contains("delimiter longer than"))
        }
    }

    @Test func longestAllowedDelimiterSearchesInLinearTime() throws {
        let delimiter = String(repeating: "a", count: 32)
        let template = { (n: Int) in "{{=" + delimiter + " }}=}}" + String(repeating: "a", count: n) }
        Self.expectLinear(50_000) { n in _ = try? Template(source: template(n), file: "Themes/t/page.mustache") }
        // And such a delimiter still works.
        _ = try Template(source: "{{=" + delimiter + " }}=}}" + delimiter + "name}}", file: "Themes/t/page.mustache")
    }

    @Test func holdersFileOfEmptyObjectsKeepsABoundedReport() {
        let holders = { (n: Int) in "[\n" + Array(repeating: "{}", count: n).joined(separator: ",\n") + "\n]\n" }
        let n = 5_000
        let diagnostics = Self.decode(["Content/holders.json": holders(n)])
        // Every holder lacks at least its name and email; each is counted, a hundred are kept.
        #expect(diagnostics.errorCount >= 2 * n)
        #expect(diagnostics.all.count == Diagnostics.defaultLimit)
        #expect(diagnostics.all.first?.description.hasPrefix("Content/holders.json:2:1: error: ") == true)
        let counted = diagnostics.omitted.reduce(0) { $0 + $1.count }
        #expect(counted + diagnostics.all.count == diagnostics.errorCount + diagnostics.warningCount)
        #expect(diagnostics.omitted.contains {
            $0.file == "Content/holders.json" && $0.kind == "holder is missing required key '…'"
        })
        Self.expectLinear(n) { n in
            let diagnostics = Self.decodeHolders(holders(n), file: "Content/holders.json", isJSON: true)
            #expect(diagnostics.all.count == Diagnostics.defaultLimit && diagnostics.errorCount >= 2 * n)
        }
    }
}
