import Foundation
import SitegenMustache
import SitegenSource
import Testing

private func library(_ sources: [String: String]) throws -> TemplateLibrary {
    var templates: [String: Template] = [:]
    for (name, source) in sources {
        templates[name] = try Template(source: source, file: "Themes/test/\(name).mustache")
    }
    return TemplateLibrary(templates: templates)
}

private func render(_ source: String, _ data: TemplateValue) throws -> String {
    String(decoding: try library(["page": source]).render("page", data), as: UTF8.self)
}

/// The same data with every object a record, so both forms can be rendered and compared.
private func records(_ value: TemplateValue) -> TemplateValue {
    switch value {
    case .object(let fields): return .record(TemplateRecord(fields.mapValues(records)))
    case .list(let items): return .list(items.map(records))
    default: return value
    }
}

@Suite struct TemplateRecordTests {
    @Test func setReplaceRemoveAndRead() {
        var record: TemplateRecord = ["a": "1", "b": true, "a": "2"]
        #expect(record.count == 2)
        #expect(record.keys == ["a", "b"])
        #expect(record["a"] == "2")
        record["c"] = ["x"]
        record["b"] = nil
        #expect(record.keys == ["a", "c"])
        #expect(record["b"] == Optional<TemplateValue>.none)
        #expect(record["c"] == .list(["x"]))
        record["b"] = nil
        #expect(record.count == 2)
        record["n"] = .null
        #expect(record["n"] == .some(.null))
        #expect(record.count == 3)
    }

    @Test func copiesAreIndependent() {
        let original: TemplateRecord = ["name": "first"]
        var copy = original
        copy["name"] = "second"
        copy["more"] = "x"
        #expect(original["name"] == "first")
        #expect(original.count == 1)
        #expect(copy["name"] == "second")
    }

    @Test func manyKeysFindEveryOne() throws {
        // Past eight keys a record keeps an index; every key must still be found, after
        // replacements and removals too.
        var record = TemplateRecord()
        for index in 0..<300 { record["key\(index)"] = .string("v\(index)") }
        for index in stride(from: 0, to: 300, by: 7) { record["key\(index)"] = .string("w\(index)") }
        for index in stride(from: 1, to: 300, by: 10) { record["key\(index)"] = nil }
        #expect(record.count == 270)
        for index in 0..<300 {
            let expected: TemplateValue? = index % 10 == 1 ? Optional<TemplateValue>.none : .string(index % 7 == 0 ? "w\(index)" : "v\(index)")
            #expect(record["key\(index)"] == expected)
        }
        #expect(try render("{{key0}} {{key7}} {{key8}} {{key299}} [{{key11}}]", .record(record)) == "w0 w7 v8 v299 []")
    }

    @Test func equalityIgnoresOrder() {
        let one: TemplateRecord = ["a": "1", "b": ["c": "2"]]
        let other: TemplateRecord = ["b": ["c": "2"], "a": "1"]
        #expect(one == other)
        #expect(one != ["a": "1"])
        #expect(one != ["a": "1", "b": ["c": "3"]])
        #expect(TemplateValue.record(one) != TemplateValue.object(["a": "1", "b": ["c": "2"]]))
    }

    @Test func rendersLikeAnObject() throws {
        let data: TemplateValue = [
            "name": "<b>Zoë & \"Ann\"</b>", "empty": "", "yes": true, "no": false, "nothing": nil,
            "items": [["label": "one", "flag": true], ["label": "two"], "three"],
            "nested": ["deeper": ["text": "deep", "name": "inner"]],
            "raw": "<i>raw</i>",
        ]
        let source = """
            {{name}}|{{{raw}}}|{{&raw}}|{{#empty}}E{{/empty}}{{^empty}}not{{/empty}}|{{yes}}{{no}}|{{nothing}}
            {{#items}}[{{label}}{{#flag}}!{{/flag}}{{.}}{{name}}]{{/items}}
            {{nested.deeper.text}} {{#nested.deeper}}{{name}} {{text}} {{yes}}{{/nested.deeper}} {{nested.missing.text}}
            {{#nested}}{{#deeper}}{{#items}}{{label}}{{/items}}{{/deeper}}{{/nested}}
            """
        let expected = try render(source, data)
        #expect(expected.hasPrefix("&lt;b&gt;Zoë &amp; &quot;Ann&quot;&lt;/b&gt;|<i>raw</i>|<i>raw</i>|not|truefalse|\n"))
        #expect(try render(source, records(data)) == expected)
    }

    @Test func contextsStackOutermostFirst() throws {
        let templates = try library(["page": "{{a}} {{b}} {{c}} {{t.x}}{{#list}}{{a}}{{/list}}"])
        let shared: TemplateValue = .record(["a": "shared", "b": "shared", "t": ["x": "tx"]])
        let own: TemplateValue = .record(["b": "own", "c": "own", "list": [["z": "1"], ["a": "item"]]])
        let page = try templates.render("page", contexts: [shared, own])
        #expect(String(decoding: page, as: UTF8.self) == "shared own own txshareditem")
        #expect(String(decoding: try templates.render("page", contexts: []), as: UTF8.self) == "   ")
        var out = Array("x".utf8)
        try templates.render("page", contexts: [own], into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "x own own item")
    }

    /// The official spec again, with every object of its data a record.
    @Test(arguments: ["comments.json", "delimiters.json", "interpolation.json", "inverted.json",
                      "partials.json", "sections.json", "~inheritance.json"])
    func specWithRecords(_ name: String) throws {
        let url = MustacheSpecTests.specFolder.appendingPathComponent(name)
        let spec = try JSONDecoder().decode(SpecFile.self, from: Data(contentsOf: url))
        #expect(!spec.tests.isEmpty)
        for test in spec.tests {
            var templates: [String: Template] = [:]
            templates[""] = try Template(source: test.template, file: "template")
            for (partial, source) in test.partials ?? [:] {
                templates[partial] = try Template(source: source, file: partial)
            }
            let data = records(test.data.templateValue)
            let actual = String(decoding: try TemplateLibrary(templates: templates).render("", data), as: UTF8.self)
            #expect(actual == test.expected, "\(name): \(test.name)")
        }
    }
}
