import Foundation
import Testing
@testable import SitegenRender
import SitegenMustache

@Suite struct JSONWriterTests {
    static let hostileStrings: [String] = [
        "",
        "plain ascii",
        "\"quoted\" and \\back\\slashed\\",
        String(String.UnicodeScalarView((0..<0x20).compactMap { Unicode.Scalar($0) })),
        "\u{7F}\u{80}\u{85}\u{9F}\u{A0}\u{FF}",
        "line\u{2028}separator\u{2029}paragraph",
        "</script><script>alert(1)</script>",
        "<!-- ]]> --> ]]]]> &amp; &#0;",
        "emoji 🎖️👩🏽‍🎓 and flags 🇳🇱",
        "\u{301}\u{308} lone combining marks \u{20DD}",
        "\u{2027}\u{202A}\u{E000}\u{FFFD}\u{10FFFF}", // neighbours of the escaped ranges stay raw
        "Ünïcödé ïn the mïddle, at the end: é",
    ]

    @Test(arguments: hostileStrings)
    func hostileStringRoundTripsThroughJSONSerialization(_ s: String) throws {
        var writer = JSONWriter(pretty: false)
        writer.beginArray()
        writer.string(s)
        writer.endArray()
        let parsed = try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String]
        #expect(parsed.map { $0.map { Array($0.utf8) } } == [Array(s.utf8)])
    }

    @Test(arguments: hostileStrings)
    func escapedFormIsInertInScriptAndCDATA(_ s: String) {
        let escaped = JSONWriter.escapedString(s)
        #expect(escaped.first == UInt8(ascii: "\"") && escaped.last == UInt8(ascii: "\""))
        #expect(!escaped.contains { $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "&") })
        let text = String(decoding: escaped, as: UTF8.self)
        #expect(!text.unicodeScalars.contains { (0x80...0x9F).contains($0.value) || $0 == "\u{2028}" || $0 == "\u{2029}" })
    }

    @Test func exactEscapes() {
        let escaped = JSONWriter.escapedString(
            "a\"b\\c\u{8}\u{C}\n\r\t\u{0}\u{1F}\u{7F}\u{80}\u{9F}\u{A0}<>&\u{2028}\u{2029}é🎖/")
        let expected = #""a\"b\\c\b\f\n\r\t\u0000\u001f\u007f\u0080\u009f"# + "\u{A0}"
            + #"\u003c\u003e\u0026\u2028\u2029"# + "é🎖/\""
        #expect(String(decoding: escaped, as: UTF8.self) == expected)
        #expect(escaped == Array(expected.utf8))
    }

    @Test func everyControlCharacterHasItsEscape() {
        let short: [UInt32: String] = [8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r"]
        for value in UInt32(0)..<0x20 {
            let s = String(Character(Unicode.Scalar(value)!))
            let hex = String(value, radix: 16)
            let expected = "\"" + (short[value] ?? "\\u00" + (hex.count == 1 ? "0" + hex : hex)) + "\""
            #expect(String(decoding: JSONWriter.escapedString(s), as: UTF8.self) == expected)
        }
    }

    private func sampleDocument(pretty: Bool) -> [UInt8] {
        var w = JSONWriter(pretty: pretty)
        w.beginObject()
        w.field("name", "Ada <Lovelace>")
        w.field("count", -42)
        w.key("tags")
        w.beginArray()
        w.string("a")
        w.number(0)
        w.bool(false)
        w.null()
        w.endArray()
        w.key("empty")
        w.beginObject()
        w.endObject()
        w.key("none")
        w.beginArray()
        w.endArray()
        w.key("nested")
        w.beginObject()
        w.field("ok", true)
        w.field("raw", raw: Array(#"{"x":1}"#.utf8))
        w.field("absent", ifPresent: nil)
        w.field("present", ifPresent: "yes")
        w.endObject()
        w.endObject()
        return w.bytes
    }

    @Test func compactDocumentBytes() {
        let expected = #"{"name":"Ada \u003cLovelace\u003e","count":-42,"tags":["a",0,false,null],"empty":{},"none":[],"#
            + #""nested":{"ok":true,"raw":{"x":1},"present":"yes"}}"#
        #expect(String(decoding: sampleDocument(pretty: false), as: UTF8.self) == expected)
    }

    @Test func prettyDocumentBytes() {
        let expected = """
            {
              "name": "Ada \\u003cLovelace\\u003e",
              "count": -42,
              "tags": [
                "a",
                0,
                false,
                null
              ],
              "empty": {},
              "none": [],
              "nested": {
                "ok": true,
                "raw": {"x":1},
                "present": "yes"
              }
            }

            """
        #expect(String(decoding: sampleDocument(pretty: true), as: UTF8.self) == expected)
    }

    @Test func bothModesParseToTheSameValue() throws {
        let compact = try JSONSerialization.jsonObject(with: Data(sampleDocument(pretty: false))) as? NSDictionary
        let pretty = try JSONSerialization.jsonObject(with: Data(sampleDocument(pretty: true))) as? NSDictionary
        #expect(compact != nil)
        #expect(compact == pretty)
        #expect(compact?["count"] as? Int == -42)
    }

    @Test func deterministicAndInWrittenKeyOrder() {
        #expect(sampleDocument(pretty: true) == sampleDocument(pretty: true))
        #expect(sampleDocument(pretty: false) == sampleDocument(pretty: false))
        var w = JSONWriter(pretty: false)
        w.beginObject()
        for key in ["z", "a", "m", "b"] {
            w.key(named: key)
            w.string(key)
        }
        w.endObject()
        #expect(String(decoding: w.bytes, as: UTF8.self) == #"{"z":"z","a":"a","m":"m","b":"b"}"#)
    }

    /// Keys from data are escaped like any string; literal keys are written as they are.
    @Test func keysFromDataAreEscaped() {
        var w = JSONWriter(pretty: true)
        w.beginObject()
        w.key(named: "</script>\"\n")
        w.number(1)
        w.key("plain")
        w.beginArray()
        w.beginObject()
        w.endObject()
        w.endArray()
        w.endObject()
        #expect(String(decoding: w.bytes, as: UTF8.self) == "{\n  \"\\u003c/script\\u003e\\\"\\n\": 1,\n  \"plain\": [\n    {}\n  ]\n}\n")
    }

    /// A document written onto the end of a buffer leaves what was there before it.
    @Test func writesOntoTheEndOfABuffer() {
        var out = TextBuffer()
        out.append("<script>")
        JSONWriter.write(into: &out, pretty: false) { json in
            json.beginObject()
            json.field("a", "<b>")
            json.endObject()
        }
        out.append("</script>")
        #expect(out.string == #"<script>{"a":"\u003cb\u003e"}</script>"#)
    }

    @Test func extremeNumbers() {
        var w = JSONWriter(pretty: false)
        w.beginArray()
        for n in [Int.min, -1, 0, 7, 10, Int.max] { w.number(n) }
        w.endArray()
        #expect(String(decoding: w.bytes, as: UTF8.self) == "[-9223372036854775808,-1,0,7,10,9223372036854775807]")
    }

    @Test func topLevelScalarsAndNewlineAtEndOfPrettyDocument() {
        var pretty = JSONWriter(pretty: true)
        pretty.string("x")
        #expect(String(decoding: pretty.bytes, as: UTF8.self) == "\"x\"\n")
        var compact = JSONWriter(pretty: false)
        compact.beginArray()
        compact.endArray()
        #expect(String(decoding: compact.bytes, as: UTF8.self) == "[]")
        var nested = JSONWriter(pretty: true)
        nested.beginArray()
        nested.beginArray()
        nested.number(1)
        nested.endArray()
        nested.beginObject()
        nested.endObject()
        nested.endArray()
        #expect(String(decoding: nested.bytes, as: UTF8.self) == "[\n  [\n    1\n  ],\n  {}\n]\n")
    }

    @Test(arguments: [
        ("\"", #"\""#), ("\\", #"\\"#), ("<", #"\u003c"#), (">", #"\u003e"#), ("&", #"\u0026"#),
        ("\u{0}", #"\u0000"#), ("\n", #"\n"#), ("\u{1F}", #"\u001f"#), ("\u{7F}", #"\u007f"#),
        ("\u{80}", #"\u0080"#), ("\u{9F}", #"\u009f"#), ("\u{2028}", #"\u2028"#), ("\u{2029}", #"\u2029"#),
        ("\u{A0}", "\u{A0}"), ("\u{2027}", "\u{2027}"), ("—", "—"), ("'", "'"), ("/", "/"), ("~", "~"),
    ])
    func escapeFoundAtEveryPositionOfAWord(character: String, escape: String) {
        // The scan skips eight bytes at a time; put the character at every offset within and across words.
        for before in 0..<17 {
            let prefix = String(repeating: "a", count: before)
            let suffix = String(repeating: "z", count: 17 - before)
            let escaped = JSONWriter.escapedString(prefix + character + suffix)
            #expect(String(decoding: escaped, as: UTF8.self) == "\"" + prefix + escape + suffix + "\"", "offset \(before)")
        }
    }

    @Test func reservedCapacityChangesNothing() {
        var w = JSONWriter(pretty: false)
        w.reserveCapacity(4096)
        w.beginArray()
        w.endArray()
        #expect(w.bytes == Array("[]".utf8))
    }

    @Test func longStringCopiedInRuns() {
        let long = String(repeating: "abcdefgh é ", count: 500) + "<" + String(repeating: "z", count: 1000)
        let escaped = JSONWriter.escapedString(long)
        #expect(escaped.count == long.utf8.count + 2 + 5) // quotes, and "<" grows by five bytes
        #expect(String(decoding: escaped, as: UTF8.self).hasSuffix("\\u003c" + String(repeating: "z", count: 1000) + "\""))
    }
}
