import Foundation
import SitegenMustache
import SitegenSource
import Testing

/// Runs every test of the official Mustache spec (MIT, its LICENSE beside it), vendored in
/// `Fixtures/mustache-spec` so that a fresh clone runs it: a missing file fails.
@Suite struct MustacheSpecTests {
    static let specFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("Fixtures/mustache-spec")

    /// What each spec file holds; a change in the shipped spec shows up here first.
    static let expectedCounts = [
        "comments.json": 12, "delimiters.json": 14, "interpolation.json": 42, "inverted.json": 22,
        "partials.json": 12, "sections.json": 34, "~inheritance.json": 27,
    ]

    static var specFiles: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: specFolder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }

    @Test func specFolderHoldsEveryModule() throws {
        #expect(Self.specFiles == Self.expectedCounts.keys.sorted())
    }

    @Test(arguments: expectedCounts.keys.sorted())
    func specFile(_ name: String) throws {
        let url = Self.specFolder.appendingPathComponent(name)
        let spec = try JSONDecoder().decode(SpecFile.self, from: Data(contentsOf: url))
        #expect(spec.tests.count == Self.expectedCounts[name])
        var passed = 0
        for test in spec.tests {
            let actual = render(test)
            #expect(actual == test.expected, "\(name): \(test.name) — \(test.desc)")
            if actual == test.expected { passed += 1 }
        }
        print("MustacheSpecTests: \(name): \(passed)/\(spec.tests.count) passed")
    }

    private func render(_ test: SpecTest) -> String {
        // The test's own template gets a name no tag can refer to.
        var templates: [String: Template] = [:]
        do {
            templates[""] = try Template(source: test.template, file: "template")
            for (name, source) in test.partials ?? [:] {
                templates[name] = try Template(source: source, file: name)
            }
            let bytes = try TemplateLibrary(templates: templates).render("", test.data.templateValue)
            return String(decoding: bytes, as: UTF8.self)
        } catch {
            return "error: \(error)"
        }
    }
}

/// The spec's files, shared with the record tests.
struct SpecFile: Decodable {
    var tests: [SpecTest]
}

struct SpecTest: Decodable {
    var name: String
    var desc: String
    var data: SpecValue
    var template: String
    var partials: [String: String]?
    var expected: String
}

/// JSON as the spec writes it; numbers become the strings the spec expects (85 → "85", 1.210 → "1.21").
enum SpecValue: Decodable {
    case null, bool(Bool), number(Double), string(String), list([SpecValue]), object([String: SpecValue])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([SpecValue].self) { self = .list(value) }
        else { self = .object(try container.decode([String: SpecValue].self)) }
    }

    var templateValue: TemplateValue {
        switch self {
        case .null: return .null
        case .bool(let value): return .bool(value)
        case .number(let value):
            if value == value.rounded(), abs(value) < 1e15 { return .string(String(Int64(value))) }
            return .string(String(value))
        case .string(let value): return .string(value)
        case .list(let items): return .list(items.map(\.templateValue))
        case .object(let fields): return .object(fields.mapValues(\.templateValue))
        }
    }
}
