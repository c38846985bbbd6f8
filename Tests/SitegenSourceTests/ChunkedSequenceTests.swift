import Testing
@testable import SitegenSource

/// Cutting a big list file into chunks must never change what a parse gives: the same nodes at
/// the same lines and columns as one sequential parse, or no result at all (the caller then
/// parses sequentially and reports the real error).
struct ChunkedSequenceTests {
    /// Every node with its location, so two trees compare as text.
    private func dump(_ node: SourceNode, into out: inout String) {
        out += "@\(node.location.line):\(node.location.column) "
        switch node.value {
        case .mapping(let entries):
            out += "{\n"
            for entry in entries {
                out += "\(entry.key)@\(entry.keyLocation.line):\(entry.keyLocation.column) = "
                dump(entry.value, into: &out)
            }
            out += "}\n"
        case .sequence(let items):
            out += "[\n"
            for item in items { dump(item, into: &out) }
            out += "]\n"
        case .string(let text): out += "s:\(text)\n"
        case .number(let text): out += "n:\(text)\n"
        case .bool(let value): out += "b:\(value)\n"
        case .null: out += "null\n"
        }
    }

    private func dump(_ node: SourceNode) -> String {
        var out = ""
        dump(node, into: &out)
        return out
    }

    /// Holders with multi-byte names (columns count scalars), escapes and nested lists.
    private func holdersJSON(count: Int, minified: Bool, narrative: String = #"Did it \"well\" and\n- not: this"#) -> String {
        let newline = minified ? "" : "\n"
        let indent = minified ? "" : "  "
        var items: [String] = []
        for index in 0 ..< count {
            let narrative = index % 7 == 0 ? narrative : "plain"
            items.append(#"{"id": "h\#(index)", "name": "Zoë 李\#(index) 🎓", "awards": [\#(newline)\#(indent)\#(indent){"badge": "b\#(index % 5)", "issued_on": "2024-01-0\#(index % 9 + 1)", "evidence": [{"narrative": "\#(narrative)"}]}], "n": \#(index).5e1, "ok": true, "x": null}"#)
        }
        return "[" + newline + indent + items.joined(separator: "," + newline + indent) + newline + "]" + newline
    }

    private func holdersYAML(count: Int) -> String {
        var text = "# holders\n---\n"
        for index in 0 ..< count {
            text += "- id: h\(index)\n  name: \"Zoë 李\(index) 🎓\"\n  awards:\n  - badge: b\(index % 5)\n    issued_on: 2024-01-0\(index % 9 + 1)\n"
            if index % 7 == 0 { text += "    evidence:\n    - narrative: |\n        line one\n\n        - not an item\n" }
            if index % 11 == 0 { text += "# a comment\n\n" }
        }
        return text
    }

    private func chunked(_ text: String, isJSON: Bool) -> SourceNode? {
        ChunkedSequence.parse(Array(text.utf8), file: "h", isJSON: isJSON, chunkBytes: 300, minimumBytes: 0)
    }

    @Test(arguments: [false, true])
    func jsonChunksGiveTheSequentialTree(minified: Bool) throws {
        for text in [holdersJSON(count: 200, minified: minified), "\u{FEFF}" + holdersJSON(count: 50, minified: minified)] {
            let sequential = try JSONParser.parse(Array(text.utf8), file: "h")
            let node = try #require(chunked(text, isJSON: true))
            #expect(dump(node) == dump(sequential))
        }
    }

    /// A string holding the separator pattern may be cut at: then that chunk fails, and the
    /// result is no tree rather than a different one.
    @Test func theSeparatorInsideAStringNeverChangesTheTree() throws {
        let text = holdersJSON(count: 200, minified: false, narrative: #"x },\n  { \"id\": 1 }, {"#)
        let sequential = try JSONParser.parse(Array(text.utf8), file: "h")
        if let node = chunked(text, isJSON: true) { #expect(dump(node) == dump(sequential)) }
    }

    @Test func jsonWithCRLFLineEndsGivesTheSequentialTree() throws {
        let text = holdersJSON(count: 120, minified: false).replacingOccurrences(of: "\n", with: "\r\n")
        let node = try #require(chunked(text, isJSON: true))
        #expect(dump(node) == dump(try JSONParser.parse(Array(text.utf8), file: "h")))
    }

    @Test func yamlChunksGiveTheSequentialTree() throws {
        for text in [holdersYAML(count: 150), "\u{FEFF}" + holdersYAML(count: 40)] {
            let sequential = try YAMLParser.parse(Array(text.utf8), file: "h")
            let node = try #require(chunked(text, isJSON: false))
            #expect(dump(node) == dump(sequential))
        }
    }

    @Test func anErrorInAnyChunkGivesNoTree() {
        var json = holdersJSON(count: 200, minified: false)
        json.replace(#""id": "h150""#, with: #""id": h150"#)
        #expect(chunked(json, isJSON: true) == nil)
        var yaml = holdersYAML(count: 150)
        yaml.replace("- id: h120\n", with: "- id: h120\n\tname: x\n")
        #expect(chunked(yaml, isJSON: false) == nil)
    }

    @Test func aFileThatIsNotOneListGivesNoTree() {
        #expect(chunked(#"{"holders": \#(holdersJSON(count: 50, minified: false))}"#, isJSON: true) == nil)
        let mapping = "holders:\n" + holdersYAML(count: 50).replacingOccurrences(of: "---\n", with: "")
        #expect(chunked(mapping, isJSON: false) == nil)
    }

    @Test func theLoaderReportsTheSequentialParsersErrorForABigFile() throws {
        var text = holdersJSON(count: 24_000, minified: false)
        text.replace(#""id": "h15000""#, with: #""id": "h30000\q""#)
        let bytes = Array(text.utf8)
        #expect(bytes.count > ChunkedSequence.minimumBytes)
        var expected: Diagnostic?
        do { _ = try JSONParser.parse(bytes, file: "c/holders.json") } catch { expected = error }
        let files = InMemoryFileSystem(bytes: ["c/site.json": Array(#"{"title": "t"}"#.utf8), "c/holders.json": bytes])
        let (_, diagnostics) = ContentLoader(fileSystem: files, root: "c").load()
        #expect(diagnostics.sorted.map(\.description) == [try #require(expected).description])
    }
}
