import Foundation
import SitegenMustache
import SitegenSource
import Testing

/// A specialized template must give the bytes (or the error) of a plain rendering with the same
/// context stack, for any split of the data between shared contexts and the page, and whatever
/// the sample page it was made with.
@Suite struct SpecializationTests {
    private static func library(_ sources: [String: String]) throws -> TemplateLibrary {
        var templates: [String: Template] = [:]
        for (name, source) in sources {
            templates[name] = try Template(source: source, file: "Themes/test/\(name).mustache")
        }
        return TemplateLibrary(templates: templates)
    }

    private static func plain(_ library: TemplateLibrary, _ name: String, _ shared: [TemplateValue],
                              _ page: TemplateValue) -> Result<String, Diagnostic> {
        Result { () throws(Diagnostic) in String(decoding: try library.render(name, contexts: shared + [page]), as: UTF8.self) }
    }

    private static func specialized(_ library: TemplateLibrary, _ name: String, _ shared: [TemplateValue],
                                    _ page: TemplateValue, sample: TemplateValue) -> Result<String, Diagnostic> {
        let template = library.specialize(name, shared: shared, sample: sample)
        return Result { () throws(Diagnostic) in String(decoding: try template.render(page), as: UTF8.self) }
    }

    /// The ways to cut `data` into shared contexts and a page that resolve every name alike.
    private static func splits(_ data: TemplateValue) -> [(shared: [TemplateValue], page: TemplateValue)] {
        var splits: [(shared: [TemplateValue], page: TemplateValue)] = [([], data), ([data], data)]
        guard case .object(let fields) = data else { return splits }
        splits.append(([data], [:]))
        let keys = fields.keys.sorted()
        for parity in 0..<2 {
            var shared: [String: TemplateValue] = [:]
            var page: [String: TemplateValue] = [:]
            for (index, key) in keys.enumerated() {
                if index % 2 == parity { shared[key] = fields[key] } else { page[key] = fields[key] }
            }
            splits.append(([.object(shared)], .object(page)))
            splits.append(([records(.object(shared))], records(.object(page))))
            splits.append(([document(.object(shared))], document(.object(page))))
        }
        for key in keys {
            var shared = fields
            shared[key] = nil
            splits.append(([.object(shared), [:]], ["unrelated": "x", key: fields[key] ?? .null]))
        }
        return splits
    }

    /// The same data with every object a record.
    private static func records(_ value: TemplateValue) -> TemplateValue {
        switch value {
        case .object(let fields): return .record(TemplateRecord(fields.mapValues(records)))
        case .list(let items): return .list(items.map(records))
        default: return value
        }
    }

    /// The same data as a document when it is an object (nested objects written into it, lists
    /// of scalars given whole), else as it is.
    static func document(_ value: TemplateValue) -> TemplateValue {
        guard case .object(let fields) = value else { return value }
        let writer = TemplateDocument.Writer()
        for key in fields.keys.sorted() {
            writer.key(named: key)
            write(fields[key] ?? .null, to: writer)
        }
        return .document(writer.finish())
    }

    private static func write(_ value: TemplateValue, to writer: TemplateDocument.Writer) {
        switch value {
        case .null: writer.null()
        case .bool(let flag): writer.bool(flag)
        case .string(let text): writer.string(text)
        case .list(let items) where items.contains(where: { if case .object = $0 { true } else { false } }):
            writer.beginList()
            for item in items { write(item, to: writer) }
            writer.endList()
        case .object(let fields):
            writer.beginRecord()
            for key in fields.keys.sorted() {
                writer.key(named: key)
                write(fields[key] ?? .null, to: writer)
            }
            writer.endRecord()
        default: writer.value(value)
        }
    }

    /// Samples that lead the specializer to assume well, too much, and nothing.
    private static func samples(for page: TemplateValue) -> [TemplateValue] {
        var samples: [TemplateValue] = [page, [:], .null, records(page), document(page)]
        if case .object(let fields) = page { samples.append(.object(fields.mapValues { _ in .null })) }
        return samples
    }

    @Test(arguments: MustacheSpecTests.expectedCounts.keys.sorted())
    func specFileRendersAlikeSpecialized(_ name: String) throws {
        let url = MustacheSpecTests.specFolder.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else { return }
        let spec = try JSONDecoder().decode(SpecFile.self, from: Data(contentsOf: url))
        var checked = 0
        for test in spec.tests {
            var sources = test.partials ?? [:]
            sources[""] = test.template
            let library = try Self.library(sources)
            for (shared, page) in Self.splits(test.data.templateValue) {
                let expected = Self.plain(library, "", shared, page)
                #expect(expected == .success(test.expected), "\(name): \(test.name): plain rendering of the split")
                for sample in Self.samples(for: page) {
                    let actual = Self.specialized(library, "", shared, page, sample: sample)
                    #expect(actual == expected, "\(name): \(test.name) — shared \(shared), page \(page), sample \(sample)")
                    checked += 1
                }
            }
        }
        #expect(checked > spec.tests.count * 10)
    }

    @Test func randomTemplatesRenderAlikeSpecialized() throws {
        let pieces = ["{{", "}}", "{{{", "}}}", "#", "^", "/", "!", "&", ">", "<", "$", "=", "{{=<% %>=}}", "<%", "%>",
                      "a", "b", ".", " ", "\n", "\r\n", "\t", "{{#a}}", "{{/a}}", "{{^b}}", "{{/b}}", "{{<p}}", "{{/p}}",
                      "{{$b}}", "{{/b}}", "{{>p}}", "{{a.b}}", "{{.}}", "{{#c}}", "{{/c}}", "{{c.a}}", "x", "é", "  {{>p}}\n",
                      "{{$b}}\n", "{{#a}}\n", "{{/a}}\n"]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let shared: [TemplateValue] = [["a": ["b": "<x>", "a": [["b": "1"], ["b": "2"]]], "b": true], ["c": ["a": "&"]]]
        let pages: [TemplateValue] = [[:], ["a": [["b": "3"], "z"]], ["b": false, "c": "y"], ["c": ["b": "q", "a": ["b": "r"]]]]
        var compared = 0
        for _ in 0..<2500 {
            var source = ""
            for _ in 0..<(next() % 24) { source += pieces[next() % pieces.count] }
            guard let template = try? Template(source: source, file: "t") else { continue }
            let partial = try? Template(source: pieces[next() % pieces.count] + source, file: "p")
            let library = TemplateLibrary(templates: ["page": template, "p": partial ?? template])
            for page in pages {
                let expected = Self.plain(library, "page", shared, page)
                for sample in pages {
                    #expect(Self.specialized(library, "page", shared, page, sample: sample) == expected, "\(source)")
                    compared += 1
                }
            }
        }
        #expect(compared > 5000)
    }

    @Test func sharedNamesInsidePageSectionsAreSettledAhead() throws {
        let library = try Self.library(["page": "{{#items}}<li>{{t.label}}: {{name}}</li>{{/items}}{{^items}}{{t.none}}{{/items}}"])
        let shared: [TemplateValue] = [["t": ["label": "Name & co", "none": "None"]]]
        let page: TemplateValue = .record(["items": [.record(["name": "<a>"]), .record(["name": "b"])]])
        let template = library.specialize("page", shared: shared, sample: page)
        #expect(template.isSpecialized)
        #expect(String(decoding: try template.render(page), as: UTF8.self)
            == "<li>Name &amp; co: &lt;a&gt;</li><li>Name &amp; co: b</li>")
        #expect(String(decoding: try template.render(["items": []]), as: UTF8.self) == "None")
    }

    /// Fields copied from a prototype render as the same fields written one by one, plainly and
    /// specialized, and a prototype whose keys were not literals may go before the page does.
    @Test func prototypeFieldsRenderAsWrittenFields() throws {
        let library = try Self.library(["page": "{{#items}}<{{id}}|{{label}}|{{on}}|{{none}}|{{code}}>{{/items}}"])
        func prototype(_ id: String, literalKeys: Bool) -> TemplateDocument {
            let fields = TemplateDocument.Writer()
            if literalKeys { fields.field("id", id) } else { fields.key(named: "id"); fields.string(id) }
            fields.field("label", "A & <b>")
            fields.field("on", true)
            fields.field("none", nil as String?)
            return fields.finish()
        }
        for literalKeys in [true, false] {
            var page: TemplateValue! = nil
            do {
                let prototypes = [prototype("x-1", literalKeys: literalKeys), prototype("\"2\"", literalKeys: literalKeys)]
                let writer = TemplateDocument.Writer()
                writer.key("items")
                writer.beginList()
                for (index, prototype) in prototypes.enumerated() {
                    writer.beginRecord()
                    writer.fields(of: prototype)
                    writer.field("code", "<\(index)>")
                    writer.endRecord()
                }
                writer.endList()
                page = .document(writer.finish())
            }
            let expected = "<x-1|A &amp; &lt;b&gt;|true||&lt;0&gt;><&quot;2&quot;|A &amp; &lt;b&gt;|true||&lt;1&gt;>"
            #expect(String(decoding: try library.render("page", page), as: UTF8.self) == expected)
            let specialized = library.specialize("page", shared: [], sample: page)
            #expect(String(decoding: try specialized.render(page), as: UTF8.self) == expected)
        }
    }

    @Test func pageBreakingAnAssumptionRendersPlainly() throws {
        let library = try Self.library(["page": "{{#items}}{{t.label}}{{/items}}|{{t.label}}"])
        let shared: [TemplateValue] = [["t": ["label": "shared"]]]
        let template = library.specialize("page", shared: shared, sample: ["items": [["n": "1"]]])
        // An item, then the page itself, have a `t` the sample had not.
        #expect(String(decoding: try template.render(["items": [["t": ["label": "item"]]]]), as: UTF8.self) == "item|shared")
        #expect(String(decoding: try template.render(["items": [true], "t": ["label": "page"]]), as: UTF8.self) == "page|page")
    }

    @Test func layoutBlocksAndIndentedPartialsAroundPageValues() throws {
        let library = try Self.library(["layout": InheritanceTests.layout, "header": InheritanceTests.header,
                                        "award": InheritanceTests.award])
        let shared: [TemplateValue] = [["locale": "en", "site": "Badges & Co"]]
        let page: TemplateValue = ["badge": "Rust <1>", "evidence": ["a", "b"]]
        let template = library.specialize("award", shared: shared, sample: page)
        #expect(template.isSpecialized)
        for page in [page, ["badge": "x", "evidence": []], ["site": "own", "locale": ["nested"]]] {
            #expect(Self.specialized(library, "award", shared, page, sample: page) == Self.plain(library, "award", shared, page))
        }
    }

    @Test func recursionOverPageDataIsRenderedPlainly() throws {
        let library = try Self.library(["page": "{{>node}}", "node": "{{name}}({{#children}}{{>node}}{{/children}})"])
        let tree: TemplateValue = ["name": "a", "children": [["name": "b", "children": [["name": "c", "children": []]]]]]
        let template = library.specialize("page", shared: [], sample: tree)
        #expect(!template.isSpecialized)
        #expect(String(decoding: try template.render(tree), as: UTF8.self) == "a(b(c()))")
    }

    @Test func runawayTemplatesFailAsTheyDoPlainly() throws {
        let library = try Self.library([
            "self": "{{>self}}",
            "layout": "{{$a}}{{/a}}", "page": "{{<layout}}{{$a}}x{{#t}}{{$a}}{{/a}}{{/t}}{{/a}}{{/layout}}",
        ])
        for name in ["self", "page"] {
            for page in [["t": true], [:]] as [TemplateValue] {
                #expect(Self.specialized(library, name, [], page, sample: page) == Self.plain(library, name, [], page))
            }
        }
    }

    @Test func documentsHoldWhatWasWritten() throws {
        let writer = TemplateDocument.Writer()
        writer.field("title", "Rust & <b>")
        writer.field("none", nil)
        writer.field("flag", true)
        writer.key("parts")
        writer.beginText()
        writer.appendText("a")
        writer.appendText([0x62])
        writer.appendText("c" as StaticString)
        writer.endText()
        writer.key("items")
        writer.beginList()
        writer.beginRecord()
        writer.field("name", "one")
        writer.endRecord()
        writer.string("two")
        writer.endList()
        writer.field("shared", value: ["x": "y"])
        writer.field("title", "last wins")
        let document = writer.finish()
        #expect(document.value == .record([
            "title": "last wins", "none": .null, "flag": true, "parts": "abc",
            "items": [.record(["name": "one"]), "two"], "shared": ["x": "y"],
        ]))
        let library = try Self.library(["page": "{{title}}|{{none}}|{{flag}}|{{parts}}|{{#items}}[{{name}}{{.}}]{{/items}}|{{shared.x}}"])
        #expect(String(decoding: try library.render("page", .document(document)), as: UTF8.self)
            == "last wins||true|abc|[one][two]|y")
        #expect(try library.render("page", .document(document)) == library.render("page", document.value))
    }

    /// A text the view model wrote escaped shows as written under `{{ }}`, and as the text it
    /// stands for under `{{{ }}}`, in sections and in `value`, plainly and specialized.
    @Test func escapedTextsShowAsWrittenAndUnescapeWhenRaw() throws {
        let raw = "a&b <c> \"d\" 'e' &amp; f&"
        let escaped = "a&amp;b &lt;c&gt; &quot;d&quot; &#39;e&#39; &amp;amp; f&amp;"
        let writer = TemplateDocument.Writer()
        writer.key("link")
        writer.beginText()
        writer.appendText(escaped)
        writer.endEscapedText()
        writer.key("empty")
        writer.beginText()
        writer.endEscapedText()
        let document = writer.finish()
        #expect(document.value == .record(["link": .string(raw), "empty": ""]))
        let library = try Self.library(["page": "{{link}}|{{{link}}}|{{&link}}|{{#link}}yes{{/link}}{{^empty}}none{{/empty}}"])
        let expected = escaped + "|" + raw + "|" + raw + "|yesnone"
        #expect(String(decoding: try library.render("page", .document(document)), as: UTF8.self) == expected)
        #expect(Self.specialized(library, "page", [], .document(document), sample: .document(document))
            == .success(expected))
        // The same text given plainly renders alike.
        #expect(try library.render("page", .document(document)) == library.render("page", document.value))
    }
}
