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
            // Two awards: a separator between them, on one line or the next, must not be taken
            // for one between holders.
            let award = #"{"badge": "b\#(index % 5)", "issued_on": "2024-01-0\#(index % 9 + 1)", "evidence": [{"narrative": "\#(narrative)"}]}"#
            let awards = "[" + newline + indent + indent + award + (index % 2 == 0 ? ", " : "," + newline + indent + indent) + award + "]"
            items.append(#"{"id": "h\#(index)", "name": "Zoë 李\#(index) 🎓", "awards": \#(awards), "n": \#(index).5e1, "ok": true, "x": null}"#)
        }
        return "[" + newline + indent + items.joined(separator: "," + newline + indent) + newline + "]" + newline
    }

    private func holdersYAML(count: Int) -> String {
        var text = "# holders\n---\n"
        for index in 0 ..< count {
            text += "- id: h\(index)\n  name: \"Zoë 李\(index) 🎓\"\n  awards:\n  - badge: b\(index % 5)\n    issued_on: 2024-01-0\(index % 9 + 1)\n  - badge: b9\n    issued_on: 2024-02-01\n"
            if index % 7 == 0 { text += "    evidence:\n    - narrative: |\n        line one\n\n        - not an item\n" }
            if index % 11 == 0 { text += "# a comment\n\n" }
        }
        return text
    }

    /// The elements of every chunk, as one list node at the sequential root's place; nil when
    /// the text was not cut or a chunk did not parse.
    private func chunked(_ text: String, isJSON: Bool) -> SourceNode? {
        guard let list = ChunkedSequence.cut(Array(text.utf8), file: "h", isJSON: isJSON, chunkBytes: 300, minimumBytes: 0),
              list.chunkCount > 1 else { return nil }
        var elements: [SourceNode] = []
        for chunk in 0 ..< list.chunkCount {
            guard let items = list.elements(ofChunk: chunk) else { return nil }
            elements += items
        }
        guard case .success(let whole) = list.parseWhole() else { return nil }
        return SourceNode(.sequence(elements), at: whole.location)
    }

    @Test func lineFeedsAreCountedEightBytesAtATime() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 7, 8, 9, 63, 64, 65, 1000] {
            let bytes = (0 ..< length).map { _ in [0x0A, 0x0B, 0x8A, 0x20, 0x0A][Int.random(in: 0 ..< 5, using: &generator)] as UInt8 }
            let counted = bytes.withUnsafeBufferPointer { ChunkedSequence.lineFeeds(in: $0) }
            #expect(counted == bytes.filter { $0 == 0x0A }.count, "\(bytes)")
        }
        let allFeeds = [UInt8](repeating: 0x0A, count: 80)
        #expect(allFeeds.withUnsafeBufferPointer { ChunkedSequence.lineFeeds(in: $0) } == 80)
    }

    @Test func jsonChunksGiveTheSequentialTree() throws {
        for text in [holdersJSON(count: 200, minified: false), "\u{FEFF}" + holdersJSON(count: 50, minified: false)] {
            let sequential = try JSONParser.parse(Array(text.utf8), file: "h")
            let node = try #require(chunked(text, isJSON: true))
            #expect(dump(node) == dump(sequential))
        }
    }

    /// Without line breaks between elements, nothing tells top-level separators from nested
    /// ones without reading every string: such a file is parsed in one piece.
    @Test func aMinifiedListIsNotCut() {
        #expect(ChunkedSequence.cut(Array(holdersJSON(count: 200, minified: true).utf8), file: "h", isJSON: true,
                                    chunkBytes: 300, minimumBytes: 0) == nil)
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

    @Test func aBigListFileIsCutNotParsedByTheLoader() throws {
        let bytes = Array(holdersJSON(count: 24_000, minified: false).utf8)
        #expect(bytes.count > ChunkedSequence.minimumBytes)
        let files = InMemoryFileSystem(bytes: ["c/site.json": Array(#"{"title": "t"}"#.utf8), "c/holders.json": bytes])
        let (tree, diagnostics) = ContentLoader(fileSystem: files, root: "c").load()
        #expect(diagnostics.sorted.isEmpty)
        guard case .list(let list) = try #require(tree.holders.first).body else { Issue.record("not cut"); return }
        #expect(list.chunkCount > 2)
    }
}
