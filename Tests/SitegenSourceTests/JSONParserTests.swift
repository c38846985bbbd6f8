import Foundation
import Testing
import SitegenSource

struct JSONParserTests {
    // MARK: Helpers

    private func parse(_ text: String) throws(Diagnostic) -> SourceNode {
        try JSONParser.parse(Array(text.utf8), file: "t.json")
    }

    /// The diagnostic for `bytes`, or nil when they parse.
    private func failure(_ bytes: [UInt8]) -> Diagnostic? {
        do {
            _ = try JSONParser.parse(bytes, file: "t.json")
            return nil
        } catch {
            return error
        }
    }

    private func expectError(
        _ text: String, _ message: String, line: Int, column: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        expectError(Array(text.utf8), message, line: line, column: column, sourceLocation: sourceLocation)
    }

    private func expectError(
        _ bytes: [UInt8], _ message: String, line: Int, column: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        guard let diagnostic = failure(bytes) else {
            Issue.record("parsed, expected \"\(message)\"", sourceLocation: sourceLocation)
            return
        }
        #expect(diagnostic.severity == .error, sourceLocation: sourceLocation)
        #expect(diagnostic.message == message, sourceLocation: sourceLocation)
        #expect(
            diagnostic.location == SitegenSource.SourceLocation(file: "t.json", line: line, column: column),
            sourceLocation: sourceLocation)
    }

    private func at(_ line: Int, _ column: Int) -> SitegenSource.SourceLocation {
        SitegenSource.SourceLocation(file: "t.json", line: line, column: column)
    }

    private func entries(_ node: SourceNode) -> [MappingEntry] {
        if case .mapping(let entries) = node.value { return entries }
        Issue.record("not a mapping: \(node.typeDescription)")
        return []
    }

    private func elements(_ node: SourceNode) -> [SourceNode] {
        if case .sequence(let elements) = node.value { return elements }
        Issue.record("not a list: \(node.typeDescription)")
        return []
    }

    private func string(_ node: SourceNode) -> String? {
        if case .string(let text) = node.value { return text }
        return nil
    }

    private func number(_ node: SourceNode) -> String? {
        if case .number(let literal) = node.value { return literal }
        return nil
    }

    // MARK: Values and positions

    @Test func nestedNodesKnowTheirPositions() throws {
        let root = try parse("""
            {
              "a": [1, {"b": true}],
              "c": null,
              "d": "text"
            }
            """)
        #expect(root.location == at(1, 1))
        let top = entries(root)
        #expect(top.map(\.key) == ["a", "c", "d"])
        #expect(top.map(\.keyLocation) == [at(2, 3), at(3, 3), at(4, 3)])
        #expect(top[0].value.location == at(2, 8))
        let list = elements(top[0].value)
        #expect(number(list[0]) == "1")
        #expect(list[0].location == at(2, 9))
        #expect(list[1].location == at(2, 12))
        let inner = entries(list[1])
        #expect(inner[0].key == "b")
        #expect(inner[0].keyLocation == at(2, 13))
        if case .bool(true) = inner[0].value.value {} else { Issue.record("expected true") }
        #expect(inner[0].value.location == at(2, 18))
        if case .null = top[1].value.value {} else { Issue.record("expected null") }
        #expect(top[1].value.location == at(3, 8))
        #expect(string(top[2].value) == "text")
        #expect(top[2].value.location == at(4, 8))
    }

    @Test func columnsCountScalarsNotBytes() throws {
        // é and ü take two bytes, 日本語 three each, 😀 four: each is one column.
        let root = try parse(#"{"é": "ü", "k": "日本語", "x": 1, "😀": [false]}"#)
        let all = entries(root)
        #expect(all.map(\.key) == ["é", "k", "x", "😀"])
        #expect(all.map(\.keyLocation) == [at(1, 2), at(1, 12), at(1, 24), at(1, 32)])
        #expect(all.map(\.value.location) == [at(1, 7), at(1, 17), at(1, 29), at(1, 37)])
        #expect(string(all[1].value) == "日本語")
        #expect(elements(all[3].value)[0].location == at(1, 38))
    }

    @Test func escapesCountAsTheCharactersWritten() throws {
        let root = try parse(#"["\u00e9\n", 2]"#)
        let list = elements(root)
        #expect(string(list[0]) == "é\n")
        #expect(list[1].location == at(1, 14))
    }

    @Test func crlfIsOneLineBreakAndALoneCRIsNone() throws {
        let root = try parse("[\r\n  1,\r\n  \"x\"\r\n]")
        let list = elements(root)
        #expect(list.map(\.location) == [at(2, 3), at(3, 3)])
        let carriage = try parse("[1,\r2]")
        #expect(elements(carriage)[1].location == at(1, 5))
        expectError("[1,\r\n 2,\r\n x]", "unexpected 'x', expected a JSON value", line: 3, column: 2)
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let root = try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array(#"{"a": 1}"#.utf8), file: "t.json")
        #expect(root.location == at(1, 1))
        #expect(entries(root)[0].keyLocation == at(1, 2))
        expectError([0xEF, 0xBB, 0xBF], "empty file, expected a JSON value", line: 1, column: 1)
        // Only a leading one: elsewhere it is a character like any other.
        expectError([0x5B, 0xEF, 0xBB, 0xBF, 0x5D], "unexpected character '\u{FEFF}' (U+FEFF), expected a JSON value", line: 1, column: 2)
    }

    @Test func duplicateKeysAreKeptInOrder() throws {
        let root = try parse(#"{"a": 1, "b": 2, "a": 3}"#)
        let all = entries(root)
        #expect(all.map(\.key) == ["a", "b", "a"])
        #expect(all.map { number($0.value) } == ["1", "2", "3"])
        #expect(all.map(\.keyLocation) == [at(1, 2), at(1, 10), at(1, 18)])
    }

    @Test func numbersAreKeptAsWritten() throws {
        let root = try parse("[1.50e+3, -0, 0.0, 1E-7, 123456789012345678901234567890, -12.5e10]")
        #expect(elements(root).map(number) == ["1.50e+3", "-0", "0.0", "1E-7", "123456789012345678901234567890", "-12.5e10"])
        #expect(number(try parse(" 42 ")) == "42")
    }

    @Test func stringEscapesAreDecoded() throws {
        let root = try parse(#""a\"b\\c\/d\b\f\n\r\t\u00e9\uD83D\uDE00\u0000""#)
        #expect(string(root) == "a\"b\\c/d\u{8}\u{C}\n\r\té😀\u{0}")
        #expect(string(try parse(#""\uD834\uDD1E and \u20AC""#)) == "𝄞 and €")
    }

    @Test func scalarsAndEmptyContainers() throws {
        let root = try parse(#"[true, false, null, "", {}, []]"#)
        let list = elements(root)
        if case .bool(true) = list[0].value {} else { Issue.record("expected true") }
        if case .bool(false) = list[1].value {} else { Issue.record("expected false") }
        if case .null = list[2].value {} else { Issue.record("expected null") }
        #expect(string(list[3]) == "")
        #expect(entries(list[4]).isEmpty)
        #expect(elements(list[5]).isEmpty)
        #expect(list.map(\.location) == [at(1, 2), at(1, 8), at(1, 15), at(1, 21), at(1, 25), at(1, 29)])
    }

    @Test func matchesFoundationOnARealisticDocument() throws {
        var text = "[\n"
        for index in 0 ..< 300 {
            text += #"{"id": "h\#(index)", "name": "Zoë \#(index) \"Q\"", "tags": ["a\tb", "日本"], "n": \#(index).5, "ok": true},"#
            text += "\n"
        }
        text += "null]"
        let ours = try parse(text)
        let theirs = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        #expect(isEqual(ours, theirs))
    }

    /// Structural equality with JSONSerialization's reading (numbers compared as doubles).
    private func isEqual(_ node: SourceNode, _ object: Any) -> Bool {
        switch node.value {
        case .mapping(let entries):
            guard let dictionary = object as? [String: Any], dictionary.count == entries.count else { return false }
            return entries.allSatisfy { entry in dictionary[entry.key].map { isEqual(entry.value, $0) } ?? false }
        case .sequence(let elements):
            guard let array = object as? [Any], array.count == elements.count else { return false }
            return zip(elements, array).allSatisfy { isEqual($0, $1) }
        case .string(let text):
            return (object as? String) == text
        case .number(let literal):
            return (object as? NSNumber)?.doubleValue == Double(literal)
        case .bool(let flag):
            return (object as? NSNumber)?.boolValue == flag && !(object is String)
        case .null:
            return object is NSNull
        }
    }

    // MARK: Errors

    @Test func structuralErrors() {
        expectError("[1, 2", "unexpected end of file inside the list opened at line 1, column 1", line: 1, column: 6)
        expectError("{\"a\": [1,\n  {\"b\": 2", "unexpected end of file inside the mapping opened at line 2, column 3", line: 2, column: 10)
        expectError("[1 2]", "expected ',' or ']' after list element", line: 1, column: 4)
        expectError(#"{"a": 1 "b": 2}"#, "expected ',' or '}' after mapping entry", line: 1, column: 9)
        expectError(#"{"a": 1,}"#, "trailing comma before '}'", line: 1, column: 8)
        expectError("[1,\n]", "trailing comma before ']'", line: 1, column: 3)
        expectError(#"{"a" 1}"#, "expected ':' after mapping key", line: 1, column: 6)
        expectError("{1: 2}", "expected a quoted key or '}'", line: 1, column: 2)
        expectError(#"{"a": 1, b: 2}"#, "expected a quoted key after ','", line: 1, column: 10)
        expectError(#"{"a": }"#, "unexpected character '}', expected a JSON value", line: 1, column: 7)
        expectError(#"{"a": 1} x"#, "unexpected content after the top-level value", line: 1, column: 10)
        expectError("[1] [2]", "unexpected content after the top-level value", line: 1, column: 5)
    }

    @Test func emptyInput() {
        expectError("", "empty file, expected a JSON value", line: 1, column: 1)
        expectError(" \n\t ", "empty file, expected a JSON value", line: 2, column: 3)
    }

    @Test func valueErrors() {
        expectError("-01", "invalid number '-01'", line: 1, column: 1)
        expectError("[1.]", "invalid number '1.'", line: 1, column: 2)
        expectError("[0x1F]", "invalid number '0x1F'", line: 1, column: 2)
        expectError("[1e+]", "invalid number '1e+'", line: 1, column: 2)
        expectError("[-]", "invalid number '-'", line: 1, column: 2)
        expectError("[.5]", "unexpected character '.', expected a JSON value", line: 1, column: 2)
        expectError("[tru]", "unexpected 'tru', expected a JSON value", line: 1, column: 2)
        expectError("[True]", "unexpected 'True', expected a JSON value", line: 1, column: 2)
        expectError("[nullx]", "unexpected 'nullx', expected a JSON value", line: 1, column: 2)
        expectError("['a']", "unexpected character \"'\", expected a JSON value (strings take double quotes)", line: 1, column: 2)
        expectError("[\u{C}]", "unexpected character U+000C, expected a JSON value", line: 1, column: 2)
        expectError(#"{"é": x}"#, "unexpected 'x', expected a JSON value", line: 1, column: 7)
    }

    @Test func stringErrors() {
        expectError(#""abc"#, "unexpected end of file inside a string", line: 1, column: 5)
        expectError("[\"a\nb\"]", "control character U+000A must be escaped in a string", line: 1, column: 4)
        expectError("\"é\t\"", "control character U+0009 must be escaped in a string", line: 1, column: 3)
        expectError(#"["\x"]"#, #"invalid escape '\x' in a string"#, line: 1, column: 3)
        expectError(#"["\u12G4"]"#, #"invalid \u escape: expected 4 hex digits"#, line: 1, column: 3)
        expectError(#""\uD800""#, #"unpaired surrogate \uD800"#, line: 1, column: 2)
        expectError(#""ab\uDC00\uD800""#, #"unpaired surrogate \uDC00"#, line: 1, column: 4)
        expectError(#""\uD800\u0041""#, #"unpaired surrogate \uD800"#, line: 1, column: 2)
        expectError(#""\ud800x""#, #"unpaired surrogate \uD800"#, line: 1, column: 2)
        expectError(#""\u00"#, "unexpected end of file inside a string", line: 1, column: 6)
    }

    @Test func invalidUTF8IsRejectedWhereItStands() {
        let quote: UInt8 = 0x22
        expectError([0x5B, quote, 0xFF, quote, 0x5D], "invalid UTF-8 byte 0xFF", line: 1, column: 3)
        expectError([quote, 0x61, 0x80, quote], "invalid UTF-8 byte 0x80", line: 1, column: 3)
        expectError([quote, 0xC0, 0xAF, quote], "invalid UTF-8 byte 0xC0", line: 1, column: 2)
        expectError([quote, 0xE0, 0x80, 0xAF, quote], "invalid UTF-8: overlong encoding 0xE0 0x80", line: 1, column: 2)
        expectError([quote, 0xF0, 0x80, 0x80, 0xAF, quote], "invalid UTF-8: overlong encoding 0xF0 0x80", line: 1, column: 2)
        expectError([quote, 0xED, 0xA0, 0x80, quote], "invalid UTF-8: encoded surrogate 0xED 0xA0", line: 1, column: 2)
        expectError([quote, 0xF4, 0x90, 0x80, 0x80, quote], "invalid UTF-8: code point beyond U+10FFFF 0xF4 0x90", line: 1, column: 2)
        expectError([quote, 0xE2, 0x82, quote], "invalid UTF-8: incomplete sequence starting with byte 0xE2", line: 1, column: 2)
        expectError([quote, 0xC3], "invalid UTF-8: incomplete sequence starting with byte 0xC3", line: 1, column: 2)
        // After a valid two-byte character the column has advanced by one.
        expectError([quote, 0xC3, 0xA9, 0xFE, quote], "invalid UTF-8 byte 0xFE", line: 1, column: 3)
        // Outside strings too, and a UTF-16 file is not taken for UTF-8.
        expectError([0xFF, 0xFE, 0x5B, 0x00, 0x5D, 0x00], "invalid UTF-8 byte 0xFF", line: 1, column: 1)
        expectError([0x5B, 0xC3, 0xA9, 0x5D], "unexpected character 'é' (U+00E9), expected a JSON value", line: 1, column: 2)
    }

    @Test func diagnosticReadsLikeACompilerMessage() {
        #expect(failure(Array("[1,]".utf8))?.description == "t.json:1:3: error: trailing comma before ']'")
    }

    // MARK: Limits

    @Test func nestingIsLimitedEvenOnASmallStack() throws {
        let limit = ParseLimits.maxDepth
        let deepest = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        let accepted = JSONTestSuiteTests.parseOnSmallStack(Array(deepest.utf8), file: "t.json")
        guard case .success(var node) = accepted else {
            Issue.record("\(limit) levels must parse: \(String(describing: accepted))")
            return
        }
        var depth = 1
        while case .sequence(let children) = node.value, let child = children.first {
            node = child
            depth += 1
        }
        #expect(depth == limit)

        let tooDeep = Array(repeating: UInt8(ascii: "["), count: 100_000)
        let rejected = JSONTestSuiteTests.parseOnSmallStack(tooDeep, file: "t.json")
        guard case .failure(let diagnostic) = rejected else {
            Issue.record("expected the depth limit, got \(String(describing: rejected))")
            return
        }
        #expect(diagnostic.message == "nesting deeper than 200 levels")
        #expect(diagnostic.location == at(1, limit + 1))

        let mixed = String(repeating: #"{"a":["#, count: 150)
        expectError(mixed, "nesting deeper than 200 levels", line: 1, column: 6 * 100 + 1)
    }

    @Test func columnsStayRightOnAVeryLongLine() throws {
        // A minified file is one line: 200,000 entries, every one with multi-byte characters.
        var text = "["
        for index in 0 ..< 200_000 { text += #""é\#(index % 10)日","# }
        text += "true]"
        let list = elements(try parse(text))
        #expect(list.count == 200_001)
        // Each element `"éN日",` is 6 scalars wide.
        #expect(list[199_999].location == at(1, 2 + 6 * 199_999))
        #expect(list[200_000].location == at(1, 2 + 6 * 200_000))
    }
}
