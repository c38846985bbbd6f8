import Foundation
import Testing
import SitegenSource

/// Nicolas Seriot's JSONTestSuite (MIT, its LICENSE beside it), vendored in
/// `Fixtures/json-test-suite` so that a fresh clone runs it (a missing folder fails): every `y_` file must
/// parse, every `n_` file must be rejected with a located diagnostic, every `i_` file may go
/// either way but must neither crash nor hang. Each file is parsed on a thread with a 512 KiB
/// stack, the size a worker thread gets, so deep nesting must not depend on a large stack.
struct JSONTestSuiteTests {
    static let suiteFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("Fixtures/json-test-suite/test_parsing")

    @Test func everyCaseOfTheSuite() throws {
        let folder = Self.suiteFolder
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        var parsed: [Character: Int] = [:]
        var rejected: [Character: Int] = [:]
        var total: [Character: Int] = [:]
        for name in names.sorted() where name.hasSuffix(".json") {
            guard let kind = name.first, "yni".contains(kind) else { continue }
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
            total[kind, default: 0] += 1
            guard let outcome = Self.parseOnSmallStack(bytes, file: name) else {
                Issue.record("\(name): no result within 20 seconds")
                continue
            }
            switch outcome {
            case .success:
                parsed[kind, default: 0] += 1
                if kind == "n" { Issue.record("\(name): accepted, must be rejected") }
            case .failure(let diagnostic):
                rejected[kind, default: 0] += 1
                if kind == "y" { Issue.record("\(name): rejected with \(diagnostic), must parse") }
                if kind == "n" && !Self.isInside(diagnostic.location, bytes: bytes, file: name) {
                    Issue.record("\(name): location \(String(describing: diagnostic.location)) is not in the file")
                }
                #expect(diagnostic.severity == .error)
            }
        }
        print("""
            JSONTestSuite: y \(parsed["y", default: 0])/\(total["y", default: 0]) parsed, \
            n \(rejected["n", default: 0])/\(total["n", default: 0]) rejected, \
            i \(total["i", default: 0]) (\(parsed["i", default: 0]) parsed, \(rejected["i", default: 0]) rejected)
            """)
        // The vendored copy has 95, 188 and 35 cases; fewer means files went missing.
        #expect(total["y", default: 0] >= 95)
        #expect(total["n", default: 0] >= 188)
        #expect(total["i", default: 0] >= 35)
        #expect(parsed["y", default: 0] == total["y", default: 0])
        #expect(rejected["n", default: 0] == total["n", default: 0])
    }

    @Test func deepestCasesFailAtTheDepthLimitOnASmallStack() throws {
        let folder = Self.suiteFolder
        let arrays = try [UInt8](Data(contentsOf: folder.appendingPathComponent("n_structure_100000_opening_arrays.json")))
        let error = try #require(Self.parseOnSmallStack(arrays, file: "arrays.json")?.failure)
        #expect(error.message == "nesting deeper than 200 levels")
        #expect(error.location == SitegenSource.SourceLocation(file: "arrays.json", line: 1, column: 201))

        let mixed = try [UInt8](Data(contentsOf: folder.appendingPathComponent("n_structure_open_array_object.json")))
        let mixedError = try #require(Self.parseOnSmallStack(mixed, file: "mixed.json")?.failure)
        #expect(mixedError.message == "nesting deeper than 200 levels")
    }

    /// A diagnostic points into the file: at a line it has, at most one column past that line's end.
    static func isInside(_ location: SitegenSource.SourceLocation?, bytes: [UInt8], file: String) -> Bool {
        guard let location, location.file == file, location.line >= 1, location.column >= 1 else { return false }
        var content = bytes
        if content.starts(with: [0xEF, 0xBB, 0xBF]) { content.removeFirst(3) }
        let lines = content.split(separator: 0x0A, omittingEmptySubsequences: false)
        guard location.line <= lines.count else { return false }
        // Columns count scalars: every byte that is not a UTF-8 continuation byte starts one.
        let scalars = lines[location.line - 1].count { $0 & 0xC0 != 0x80 }
        return location.column <= scalars + 1
    }

    /// Parses on a thread with a 512 KiB stack; nil when it takes longer than 20 seconds.
    static func parseOnSmallStack(_ bytes: [UInt8], file: String) -> Result<SourceNode, Diagnostic>? {
        final class Box: @unchecked Sendable {
            var result: Result<SourceNode, Diagnostic>?
            let done = DispatchSemaphore(value: 0)
        }
        let box = Box()
        let thread = Thread {
            box.result = Result { () throws(Diagnostic) -> SourceNode in try JSONParser.parse(bytes, file: file) }
            box.done.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        guard box.done.wait(timeout: .now() + 20) == .success else { return nil }
        return box.result
    }
}

extension Result {
    fileprivate var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
