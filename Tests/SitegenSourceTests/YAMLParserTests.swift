import Foundation
import Testing

import SitegenSource

/// The parsed tree as one line, every node and key with its `@line:column`: strings quoted,
/// numbers bare, so a test states exact values, types and positions at once.
private func dump(_ node: SourceNode) -> String {
    let at = "@\(node.location.line):\(node.location.column)"
    switch node.value {
    case .mapping(let entries):
        let body = entries.map { "\($0.key)@\($0.keyLocation.line):\($0.keyLocation.column): \(dump($0.value))" }
        return "{" + body.joined(separator: ", ") + "}" + at
    case .sequence(let items):
        return "[" + items.map(dump).joined(separator: ", ") + "]" + at
    case .string(let s):
        return quoted(s) + at
    case .number(let text):
        return text + at
    case .bool(let b):
        return "\(b)" + at
    case .null:
        return "null" + at
    }
}

private func quoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        case "\0": out += "\\0"
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}

/// The dump of the parsed text, or the diagnostic as the user sees it.
private func yaml(_ text: String) -> String {
    yaml(Array(text.utf8))
}

private func yaml(_ bytes: [UInt8]) -> String {
    do {
        return dump(try YAMLParser.parse(bytes, file: "t.yaml"))
    } catch {
        return error.description
    }
}

// MARK: Documents

@Suite struct YAMLDocumentTests {
    @Test(arguments: [
        ("", "null@1:1"),
        ("# only a comment\n\n   \n", "null@1:1"),
        ("\u{FEFF}", "null@1:1"),
        ("\u{FEFF}# c\r\n", "null@1:1"),
        ("---\n", "null@1:4"),
        ("# c\n---   # c\n\n", "null@2:4"),
    ])
    func emptyDocumentIsNull(text: String, expected: String) {
        #expect(yaml(text) == expected)
    }

    @Test func leadingDocumentMarkerAfterComments() {
        #expect(yaml("# header\n\n---\nname: x\n") == #"{name@4:1: "x"@4:7}@4:1"#)
        #expect(yaml("---\n- a\n") == #"[a@2:3]@2:1"#.replacingOccurrences(of: "a@", with: "\"a\"@"))
    }

    @Test func topLevelScalarsAndFlow() {
        #expect(yaml("hello world\n") == #""hello world"@1:1"#)
        #expect(yaml("  42") == "42@1:3")
        #expect(yaml("[1, two]") == #"[1@1:2, "two"@1:5]@1:1"#)
        #expect(yaml("'quoted'\n# trailing comment\n") == #""quoted"@1:1"#)
    }

    @Test func locationsNameTheFile() throws {
        let node = try YAMLParser.parse(Array("a: 1".utf8), file: "content/site.yaml")
        #expect(node.location == SourceLocation(file: "content/site.yaml", line: 1, column: 1))
        guard case .mapping(let entries) = node.value else {
            Issue.record("expected a mapping")
            return
        }
        #expect(entries[0].value.location == SourceLocation(file: "content/site.yaml", line: 1, column: 4))
    }

    @Test func bomAndCRLF() {
        let text = "\u{FEFF}# site\r\ntitle: Badges\r\nlocales: [en, ja]\r\nnote: |\r\n  line one\r\n  line two\r\nitems:\r\n- a\r\n- \"b\"\r\n"
        #expect(
            yaml(text)
                == #"{title@2:1: "Badges"@2:8, locales@3:1: ["en"@3:11, "ja"@3:15]@3:10, note@4:1: "line one\nline two\n"@4:7, items@7:1: ["a"@8:3, "b"@9:3]@8:1}@2:1"#
        )
    }

    @Test func crlfInsideQuotedAndPlainContinuation() {
        #expect(yaml("a: \"x\r\n  y\"\r\nb: p\r\n  q\r\n") == #"{a@1:1: "x y"@1:4, b@3:1: "p q"@3:4}@1:1"#)
    }
}

// MARK: Block structure

@Suite struct YAMLBlockTests {
    @Test func mappingWithPositions() {
        #expect(yaml("name: Alice\nage: 30\n") == #"{name@1:1: "Alice"@1:7, age@2:1: 30@2:6}@1:1"#)
    }

    @Test func nestedMappings() {
        let text = """
            site:
              title: Badges
              owner:
                name: Ann
            count: 2
            """
        #expect(
            yaml(text)
                == #"{site@1:1: {title@2:3: "Badges"@2:10, owner@3:3: {name@4:5: "Ann"@4:11}@4:5}@2:3, count@5:1: 2@5:8}@1:1"#
        )
    }

    @Test func sequenceIndentedUnderKey() {
        #expect(yaml("skills:\n  - a\n  - b\nx: 1") == #"{skills@1:1: ["a"@2:5, "b"@3:5]@2:3, x@4:1: 1@4:4}@1:1"#)
    }

    @Test func sequenceAtItsKeysIndentation() {
        let text = """
            id: h1
            awards:
            - badge: b1
              issued_on: 2024-05-01
            - badge: b2
            name: Ann
            """
        #expect(
            yaml(text)
                == #"{id@1:1: "h1"@1:5, awards@2:1: [{badge@3:3: "b1"@3:10, issued_on@4:3: "2024-05-01"@4:14}@3:3, {badge@5:3: "b2"@5:10}@5:3]@3:1, name@6:1: "Ann"@6:7}@1:1"#
        )
    }

    @Test func compactMappingsWithNestedValues() {
        let text = """
            - badge: b1
              evidence:
              - url: https://x.org/a
                narrative: Done
              revoked:
                reason: fraud
            -   wide: 1
                spaced: 2
            """
        #expect(
            yaml(text)
                == #"[{badge@1:3: "b1"@1:10, evidence@2:3: [{url@3:5: "https://x.org/a"@3:10, narrative@4:5: "Done"@4:16}@3:5]@3:3, revoked@5:3: {reason@6:5: "fraud"@6:13}@6:5}@1:3, {wide@7:5: 1@7:11, spaced@8:5: 2@8:13}@7:5]@1:1"#
        )
    }

    @Test func itemOnTheLineAfterTheDash() {
        #expect(yaml("-\n  a: 1\n  b: 2\n- x") == #"[{a@2:3: 1@2:6, b@3:3: 2@3:6}@2:3, "x"@4:3]@1:1"#)
    }

    @Test func nestedSequences() {
        #expect(yaml("- - a\n  - b\n- c") == #"[["a"@1:5, "b"@2:5]@1:3, "c"@3:3]@1:1"#)
        #expect(yaml("-\n  - a\n  -\n    - b") == #"[["a"@2:5, [b@4:7]@4:5]@2:3]@1:1"#.replacingOccurrences(of: "b@", with: "\"b\"@"))
    }

    @Test func emptyValuesAreNullRightAfterTheIndicator() {
        #expect(yaml("a:\nb: 1") == #"{a@1:1: null@1:3, b@2:1: 1@2:4}@1:1"#)
        #expect(yaml("a:   # nothing\n") == #"{a@1:1: null@1:3}@1:1"#)
        #expect(yaml("a:\n  b:\nc:") == #"{a@1:1: {b@2:3: null@2:5}@2:3, c@3:1: null@3:3}@1:1"#)
        #expect(yaml("-\n- x\n-") == #"[null@1:2, "x"@2:3, null@3:2]@1:1"#)
        #expect(yaml("- a:\n- b") == #"[{a@1:3: null@1:5}@1:3, "b"@2:3]@1:1"#)
    }

    @Test func commentsAndBlankLinesBetweenEntries() {
        let text = """
            # head
            a: 1   # one

              # indented comment
            b:     # a mapping follows
                # inside
              c: x#y
            # tail
            """
        #expect(yaml(text) == #"{a@2:1: 1@2:4, b@5:1: {c@7:3: "x#y"@7:6}@7:3}@2:1"#)
    }

    @Test func quotedKeys() {
        #expect(
            yaml(#""a b": 1\n'c''d' : 2\n"x\u0041": 3"#.replacingOccurrences(of: "\\n", with: "\n"))
                == #"{a b@1:1: 1@1:8, c'd@2:1: 2@2:10, xA@3:1: 3@3:12}@1:1"#
        )
        #expect(yaml("- \"k\": v") == #"[{k@1:3: "v"@1:8}@1:3]@1:1"#)
    }

    @Test func plainKeysMayHoldColonsAndHashes() {
        #expect(yaml("a:b: 1\nC#: 2\nhttp://x: 3") == #"{a:b@1:1: 1@1:6, C#@2:1: 2@2:5, http://x@3:1: 3@3:11}@1:1"#)
    }

    @Test func columnsCountScalarsAfterNonASCII() {
        #expect(yaml("名前: 値\n- x") == "t.yaml:2:1: error: expected a mapping key, found a list item ('- ')")
        #expect(yaml("名前: 値 # c\nkey: é") == #"{名前@1:1: "値"@1:5, key@2:1: "é"@2:6}@1:1"#)
        #expect(yaml("- 名前: [値, x]") == #"[{名前@1:3: ["値"@1:8, "x"@1:11]@1:7}@1:3]@1:1"#)
    }

    @Test func tabsAfterIndentationSeparate() {
        #expect(yaml("a:\t1\nb: \"x\"\t# c") == #"{a@1:1: 1@1:4, b@2:1: "x"@2:4}@1:1"#)
    }

    @Test func deepButAllowedNesting() {
        var text = ""
        for level in 0..<(ParseLimits.maxDepth - 1) {
            text += String(repeating: " ", count: level) + "k:\n"
        }
        text += String(repeating: " ", count: ParseLimits.maxDepth - 1) + "k: end\n"
        guard case .mapping = (try? YAMLParser.parse(Array(text.utf8), file: "t.yaml"))?.value else {
            Issue.record("expected \(ParseLimits.maxDepth) nested mappings to parse")
            return
        }
    }
}

// MARK: Scalars

@Suite struct YAMLScalarTests {
    @Test(arguments: [
        ("true", "true"), ("false", "false"),
        ("null", "null"), ("~", "null"),
        ("0", "0"), ("-0", "-0"), ("12", "12"), ("-3.25", "-3.25"), ("1e10", "1e10"), ("2.5E-3", "2.5E-3"),
        ("6.02e+23", "6.02e+23"),
        ("yes", #""yes""#), ("no", #""no""#), ("on", #""on""#), ("off", #""off""#), ("NO", #""NO""#),
        ("True", #""True""#), ("FALSE", #""FALSE""#), ("Null", #""Null""#), ("0o17", #""0o17""#),
        ("0x1F", #""0x1F""#), (".inf", #"".inf""#), ("-.inf", #""-.inf""#), (".nan", #"".nan""#),
        ("+1", #""+1""#), ("007", #""007""#), ("1.", #""1.""#), (".5", #"".5""#), ("1e", #""1e""#),
        ("1_000", #""1_000""#), ("--1", #""--1""#), ("-x", #""-x""#),
        ("2024-05-01", #""2024-05-01""#), ("12:30", #""12:30""#), ("C#", #""C#""#), ("O'Brien", #""O'Brien""#),
        ("https://x.org/a?b=c#frag", #""https://x.org/a?b=c#frag""#), ("a#b", #""a#b""#),
        ("-1x", #""-1x""#), ("?x", #""?x""#), (":x", #"":x""#), ("x: ", "null"),
    ])
    func plainScalarTyping(plain: String, expected: String) {
        if plain == "x: " {
            #expect(yaml("v: x: ") == "t.yaml:1:5: error: unexpected ': ' in a plain value; quote the value, or start a nested mapping on a line of its own")
            return
        }
        #expect(yaml("v: \(plain)") == "{v@1:1: \(expected)@1:4}@1:1")
        #expect(yaml("[\(plain)]") == "[\(expected)@1:2]@1:1")
    }

    @Test func specExamples() {
        let text = """
            lang: C#
            name: O'Brien
            url: https://example.org/badges/a?x=1
            issued_on: 2024-05-01
            at: 12:30
            answers: [yes, no, on, off, NO]
            gone: ~
            """
        #expect(
            yaml(text)
                == #"{lang@1:1: "C#"@1:7, name@2:1: "O'Brien"@2:7, url@3:1: "https://example.org/badges/a?x=1"@3:6, issued_on@4:1: "2024-05-01"@4:12, at@5:1: "12:30"@5:5, answers@6:1: ["yes"@6:11, "no"@6:16, "on"@6:20, "off"@6:24, "NO"@6:29]@6:10, gone@7:1: null@7:7}@1:1"#
        )
    }

    @Test func quotedScalarsAreStrings() {
        #expect(yaml(#"[ "true", '1', "", '', "~", 'null' ]"#) == #"["true"@1:3, "1"@1:11, ""@1:16, ""@1:20, "~"@1:24, "null"@1:29]@1:1"#)
    }

    @Test func singleQuoted() {
        #expect(yaml("a: 'It''s a \\n # not a comment'") == #"{a@1:1: "It's a \\n # not a comment"@1:4}@1:1"#)
    }

    @Test func doubleQuotedEscapes() {
        #expect(
            yaml(#"a: "\n\t\"\\\/\r\0 \u00e9\u3042 \uD83D\uDE00 x""#)
                == "{a@1:1: \"\\n\\t\\\"\\\\/\\r\\0 é\u{3042} \u{1F600} x\"@1:4}@1:1"
        )
        #expect(yaml(##"a: "#not comment" # comment"##) == ##"{a@1:1: "#not comment"@1:4}@1:1"##)
    }

    @Test func multiLinePlainFolds() {
        let text = """
            a: first
              second   
              third

              after blank
            b: x
            - not a list item
            """
        #expect(yaml(text) == "t.yaml:7:1: error: expected a mapping key, found a list item ('- ')")
        let ok = """
            a: first
              second
              third

              after blank
            b: one
               two # comment
            c: - dash
            """
        #expect(yaml(ok) == "t.yaml:8:4: error: a list cannot start on its key's line; put each '- ' item on a line of its own")
        #expect(
            yaml(String(ok.dropLast(10)))
                == #"{a@1:1: "first second third\nafter blank"@1:4, b@6:1: "one two"@6:4}@1:1"#
        )
        #expect(yaml("- a\n  - b\n- 1\n  2") == #"["a - b"@1:3, "1 2"@3:3]@1:1"#)
    }

    @Test func multiLinePlainEndsAtAComment() {
        #expect(yaml("a: x\n  # note\nb: y") == #"{a@1:1: "x"@1:4, b@3:1: "y"@3:4}@1:1"#)
        #expect(yaml("a: x\n  # note\n  y") == "t.yaml:3:3: error: inconsistent indentation")
    }

    @Test func multiLineQuotedFolds() {
        #expect(yaml("a: \"one  \n   two\n\n   three\\\n   four\\t\n  five\"") == #"{a@1:1: "one two\nthreefour\t five"@1:4}@1:1"#)
        #expect(yaml("- 'it''s\n  folded'\n- z") == #"["it's folded"@1:3, "z"@3:3]@1:1"#)
    }

    @Test func literalBlockScalarChomping() {
        let body = "  line 1\n\n    indented\n  line 3\n\n\nnext: x"
        #expect(yaml("t: |\n" + body) == #"{t@1:1: "line 1\n\n  indented\nline 3\n"@1:4, next@8:1: "x"@8:7}@1:1"#)
        #expect(yaml("t: |-\n" + body) == #"{t@1:1: "line 1\n\n  indented\nline 3"@1:4, next@8:1: "x"@8:7}@1:1"#)
        #expect(yaml("t: |+\n" + body) == #"{t@1:1: "line 1\n\n  indented\nline 3\n\n\n"@1:4, next@8:1: "x"@8:7}@1:1"#)
    }

    @Test func foldedBlockScalarChomping() {
        let body = "  one\n  two\n\n  three\n    more\n  four\n\n"
        #expect(yaml("t: >\n" + body) == #"{t@1:1: "one two\nthree\n  more\nfour\n"@1:4}@1:1"#)
        #expect(yaml("t: >-\n" + body) == #"{t@1:1: "one two\nthree\n  more\nfour"@1:4}@1:1"#)
        #expect(yaml("t: >+\n" + body) == #"{t@1:1: "one two\nthree\n  more\nfour\n\n"@1:4}@1:1"#)
    }

    @Test func blockScalarHeaderVariants() {
        #expect(yaml("t: |2\n   lead\n  x\n") == #"{t@1:1: " lead\nx\n"@1:4}@1:1"#)
        #expect(yaml("t: >-2 # c\n   lead\n  x\n") == #"{t@1:1: " lead\nx"@1:4}@1:1"#)
        #expect(yaml("t: |+1\n x\n") == #"{t@1:1: "x\n"@1:4}@1:1"#)
        #expect(yaml("t: |\nu: 1") == #"{t@1:1: ""@1:4, u@2:1: 1@2:4}@1:1"#)
        #expect(yaml("t: |+\n\nu: 1") == #"{t@1:1: "\n"@1:4, u@3:1: 1@3:4}@1:1"#)
        #expect(yaml("- |\n  # not a comment\n  b\n- >\n  c") == ##"["# not a comment\nb\n"@1:3, "c\n"@4:3]@1:1"##)
        #expect(yaml("|\nsome text\n  kept\n") == #""some text\n  kept\n"@1:1"#)
    }

    @Test func localeMapsCountColumnsInScalars() {
        #expect(
            yaml(#"name: {en: "Hi", ja: "こんにちは", fr: Salut}"#)
                == #"{name@1:1: {en@1:8: "Hi"@1:12, ja@1:18: "こんにちは"@1:22, fr@1:31: "Salut"@1:35}@1:7}@1:1"#
        )
        #expect(
            yaml("description:\n  ja: 日本語の説明\n  en: English # c")
                == #"{description@1:1: {ja@2:3: "日本語の説明"@2:7, en@3:3: "English"@3:7}@2:3}@1:1"#
        )
    }
}

// MARK: Flow collections

@Suite struct YAMLFlowTests {
    @Test func flowCollections() {
        #expect(yaml("a: [b, c]") == #"{a@1:1: ["b"@1:5, "c"@1:8]@1:4}@1:1"#)
        #expect(
            yaml("a: {x: 1, y: [c, d], z: {}}")
                == #"{a@1:1: {x@1:5: 1@1:8, y@1:11: ["c"@1:15, "d"@1:18]@1:14, z@1:22: {}@1:25}@1:4}@1:1"#
        )
        #expect(yaml("a: []\nb: {}") == #"{a@1:1: []@1:4, b@2:1: {}@2:4}@1:1"#)
        #expect(yaml("a: [ [ ], [[1]] , ]  # trailing comma") == #"{a@1:1: [[]@1:6, [[1@1:13]@1:12]@1:11]@1:4}@1:1"#)
    }

    @Test func flowScalars() {
        #expect(
            yaml(#"- [hello world, "a, b", 'c]', https://x.org/a:b, a:1, true, ~]"#)
                == #"[["hello world"@1:4, "a, b"@1:17, "c]"@1:25, "https://x.org/a:b"@1:31, "a:1"@1:50, true@1:55, null@1:61]@1:3]@1:1"#
        )
        #expect(yaml(#"{"a":1, b: , c:}"#) == #"{a@1:2: 1@1:6, b@1:9: null@1:11, c@1:14: null@1:16}@1:1"#)
    }
}

// MARK: Rejections

@Suite struct YAMLRejectionTests {
    @Test(arguments: [
        ("a: &base 1", "1:4: error: anchors are not supported ('&base')"),
        ("- &x\n", "1:3: error: anchors are not supported ('&x')"),
        ("a: *base", "1:4: error: aliases are not supported ('*base')"),
        ("a: [*x, 1]", "1:5: error: aliases are not supported ('*x')"),
        ("a: !!str 1", "1:4: error: tags are not supported ('!!str')"),
        ("a: !local x", "1:4: error: tags are not supported ('!local')"),
        ("%YAML 1.2\n---\na: 1", "1:1: error: directives are not supported ('%YAML')"),
        ("# c\n%TAG ! x\n", "2:1: error: directives are not supported ('%TAG')"),
        ("? a\n: b", "1:1: error: complex keys ('? ') are not supported"),
        ("a:\n  ? b", "2:3: error: complex keys ('? ') are not supported"),
        ("a: 1\n---\nb: 2", "2:1: error: a second document ('---') is not supported; use one document per file"),
        ("---\na: 1\n--- # again", "3:1: error: a second document ('---') is not supported; use one document per file"),
        ("a: 1\n...\n", "2:1: error: the document end marker '...' is not supported; use one document per file"),
        ("--- a: 1", "1:5: error: content on the '---' line is not supported; start it on the next line"),
        ("a:\n\tb: 1", "2:1: error: tab in indentation; use spaces"),
        ("a:\n  \tb: 1", "2:3: error: tab in indentation; use spaces"),
        ("- a\n\t- b", "2:1: error: tab in indentation; use spaces"),
        ("name: a\nx: 1\nname: b", "3:1: error: duplicate key 'name' (first at line 1, column 1)"),
        ("- id: 1\n  'id': 2", "2:3: error: duplicate key 'id' (first at line 1, column 3)"),
        ("a: {x: 1, y: 2, x: 3}", "1:17: error: duplicate key 'x' (first at line 1, column 5)"),
        ("[a]: 1", "1:1: error: a mapping key must be a scalar, not a flow collection"),
        ("a: 1\n{b: 1}: 2", "2:1: error: a mapping key must be a scalar, not a flow collection"),
        ("a: 1\n[b]", "2:1: error: expected a mapping key, found a flow collection"),
        ("a: {[b]: 1}", "1:5: error: a mapping key must be a scalar, not a flow collection"),
        ("a:\n    b: 1\n  c: 2", "3:3: error: inconsistent indentation"),
        ("a: 1\n  b: 2", "2:3: error: inconsistent indentation (this line would continue the value at line 1, column 4)"),
        ("title:Badges\nbase_url: x", "2:1: error: inconsistent indentation (this line would continue the value at line 1, column 1)"),
        ("- a: 1\n - b", "2:2: error: inconsistent indentation"),
        ("- a: 1\n   b: 2", "2:4: error: inconsistent indentation (this line would continue the value at line 1, column 6)"),
        ("- a: [1]\n   b: 2", "2:4: error: inconsistent indentation"),
        ("  a: 1\nb: 2", "2:1: error: inconsistent indentation"),
        ("a: 1\n- b", "2:1: error: expected a mapping key, found a list item ('- ')"),
        ("a: 1\nb", "2:1: error: expected a mapping key ('name: value')"),
        ("a: 1\nb # c: d", "2:1: error: expected a mapping key ('name: value')"),
        ("- a\nb: 1", "2:1: error: expected a list item ('- ')"),
        ("a: 1\n: 2", "2:1: error: expected a mapping key before ':'"),
        ("a: 1\n|\n x", "2:1: error: expected a mapping key, found a block scalar"),
        ("\"a\"\nb", "2:1: error: unexpected content after the top-level value"),
        ("a: b: c", "1:5: error: unexpected ': ' in a plain value; quote the value, or start a nested mapping on a line of its own"),
        ("a: \"b\": c", "1:7: error: a nested mapping must start on a line of its own"),
        ("a: - b", "1:4: error: a list cannot start on its key's line; put each '- ' item on a line of its own"),
        ("a: \"b\" c", "1:8: error: unexpected text after a quoted string"),
        ("a: \"b\"# c", "1:7: error: unexpected text after a quoted string"),
        ("a: [b] c", "1:8: error: unexpected text after a flow collection"),
        ("a: |x\n  y", "1:5: error: unexpected text after the block scalar indicator '|'; the text starts on the next line"),
        ("a: > text", "1:6: error: unexpected text after the block scalar indicator '>'; the text starts on the next line"),
        ("a: @x", "1:4: error: '@' cannot start a plain value; quote the value"),
        ("a: `x`", "1:4: error: '`' cannot start a plain value; quote the value"),
        ("a: %x", "1:4: error: '%' cannot start a plain value; quote the value"),
        ("a: [b, c", "1:4: error: unclosed '[': a flow collection must close on the line where it starts"),
        ("a: [b, c,\n  d]", "1:4: error: unclosed '[': a flow collection must close on the line where it starts"),
        ("a: {b: 1 # c }", "1:4: error: unclosed '{': a flow collection must close on the line where it starts"),
        ("a: {b: [1, 2}", "1:13: error: expected ',' or ']' in a flow sequence"),
        ("a: [b: 1]", "1:6: error: a 'key: value' pair inside '[ ]' is not supported; use '{ }'"),
        ("a: {b}", "1:6: error: expected ':' after the key 'b' in a flow mapping"),
        ("a: {b: 1 c: 2}", "1:11: error: expected ',' or '}' in a flow mapping"),
        ("a: [b, , c]", "1:8: error: ',' cannot start a plain value; quote the value"),
        ("a: [b,#c]", "1:7: error: '#' cannot start a plain value; quote the value"),
        ("a: [- b]", "1:5: error: a block list item ('- ') cannot appear inside a flow collection"),
        ("a: [|]", "1:5: error: a block scalar cannot appear inside a flow collection"),
        ("a: [\"b]", "1:5: error: unterminated double-quoted string"),
        ("a: \"b\nc: d", "1:4: error: unterminated double-quoted string"),
        ("a: 'b", "1:4: error: unterminated single-quoted string"),
        ("\"a: 1", "1:1: error: unterminated double-quoted string"),
        ("'a': 1\n'b : 2", "2:1: error: unterminated single-quoted string"),
        ("a: \"x\\qy\"", "1:6: error: unknown escape '\\q' in a double-quoted string"),
        ("a: \"x\\é\"", "1:6: error: unknown escape '\\é' in a double-quoted string"),
        ("a: \"x\\ y\"", "1:6: error: unknown escape '\\ ' in a double-quoted string"),
        ("\"a\\\nb\": 1", "2:3: error: unexpected text after a quoted string"),
        ("a: \"\\uD83D\"", "1:5: error: lone surrogate '\\uD83D' in a double-quoted string"),
        ("a: \"\\uD83Dx\\uDE00\"", "1:5: error: lone surrogate '\\uD83D' in a double-quoted string"),
        ("a: \"\\uDE00\"", "1:5: error: lone surrogate '\\uDE00' in a double-quoted string"),
        ("a: \"\\u12G4\"", "1:5: error: invalid escape: '\\u' must be followed by 4 hex digits"),
        ("a: \"\\u12\"", "1:5: error: invalid escape: '\\u' must be followed by 4 hex digits"),
        ("a: 1\r\nb: 2\rc: 3", "2:5: error: carriage return without a line feed; use LF or CRLF line endings"),
    ])
    func rejected(text: String, expected: String) {
        #expect(yaml(text) == "t.yaml:" + expected)
    }

    @Test func duplicateKeysInLargeMappings() {
        let keys = (1...40).map { "key\($0): \($0)" }
        var text = keys.joined(separator: "\n") + "\nkey7: again"
        #expect(yaml(text) == "t.yaml:41:1: error: duplicate key 'key7' (first at line 7, column 1)")
        text = keys.joined(separator: "\n") + "\nkey40: again"
        #expect(yaml(text) == "t.yaml:41:1: error: duplicate key 'key40' (first at line 40, column 1)")
        let flow = "{" + (1...40).map { "k\($0): \($0)" }.joined(separator: ", ") + ", k33: x}"
        #expect(yaml(flow) == "t.yaml:1:\(flow.count - 6): error: duplicate key 'k33' (first at line 1, column 272)")
        #expect(yaml(keys.joined(separator: "\n")).hasSuffix("key40@40:1: 40@40:8}@1:1"))
    }

    @Test func invalidUTF8IsLocated() {
        #expect(yaml([0x61, 0x3A, 0x20, 0xFF]) == "t.yaml:1:4: error: invalid UTF-8 byte 0xFF")
        // An invalid lead byte after a CJK scalar on line 2: the column counts the scalar as one.
        #expect(yaml(Array("a: 1\nb: 日".utf8) + [0xC0, 0x80]) == "t.yaml:2:5: error: invalid UTF-8 byte 0xC0")
        // An encoded surrogate (U+D800) and a truncated sequence at the end.
        #expect(yaml([0x61, 0xED, 0xA0, 0x80]) == "t.yaml:1:2: error: invalid UTF-8: encoded surrogate 0xED 0xA0")
        #expect(yaml(Array("abcdefghij: ".utf8) + [0xE3, 0x81]) == "t.yaml:1:13: error: invalid UTF-8: incomplete sequence starting with byte 0xE3")
        #expect(yaml(Array("k: ".utf8) + [0xE0, 0x80, 0x80]) == "t.yaml:1:4: error: invalid UTF-8: overlong encoding 0xE0 0x80")
    }

    @Test func flowNestingDeeperThanTheLimit() {
        let limit = ParseLimits.maxDepth
        let ok = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        #expect(yaml(ok).hasPrefix("[["))
        let deep = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
        #expect(yaml(deep) == "t.yaml:1:\(limit + 1): error: nesting deeper than \(limit) levels")
    }

    @Test func blockNestingDeeperThanTheLimit() {
        var text = ""
        for level in 0...ParseLimits.maxDepth {
            text += String(repeating: " ", count: level) + "k:\n"
        }
        text += String(repeating: " ", count: ParseLimits.maxDepth + 1) + "k: end\n"
        #expect(
            yaml(text)
                == "t.yaml:\(ParseLimits.maxDepth + 1):\(ParseLimits.maxDepth + 1): error: nesting deeper than \(ParseLimits.maxDepth) levels"
        )
        let dashes = String(repeating: "- ", count: ParseLimits.maxDepth + 1) + "x"
        #expect(yaml(dashes) == "t.yaml:1:\(2 * ParseLimits.maxDepth + 1): error: nesting deeper than \(ParseLimits.maxDepth) levels")
    }

    /// Worker threads get 512 KiB stacks: the deepest input allowed must parse on one (release
    /// builds need under 300 KiB). Unoptimised builds use about four times the stack per level.
    #if DEBUG
    static let workerStack = 2048 * 1024
    #else
    static let workerStack = 512 * 1024
    #endif

    @Test func deepestInputParsesOnASmallStack() async {
        let depth = ParseLimits.maxDepth
        var block = ""
        for level in 0..<(depth / 2) {
            block += String(repeating: "  ", count: level) + "- k:\n"
        }
        let inputs = [
            String(repeating: "[", count: depth) + String(repeating: "]", count: depth),
            String(repeating: "{a: ", count: depth - 1) + "1" + String(repeating: "}", count: depth - 1),
            String(repeating: "- ", count: depth) + "x",
            block,
            String(repeating: "[", count: depth + 50) + "x",
        ]
        let results: [String] = await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: inputs.map { text in
                    let out = yaml(text)
                    return String(out.prefix(30))
                })
            }
            thread.stackSize = Self.workerStack
            thread.start()
        }
        #expect(results.count == inputs.count)
        #expect(results[0].hasPrefix("[[["))
        #expect(results[1].hasPrefix("{a@1:2: {a@1:6:"))
        #expect(results[2] == String(repeating: "[", count: 30))
        #expect(results[3].hasPrefix("[{k@1:3: [{k@2:5: [{k@3:7:"))
        #expect(results[4] == "t.yaml:1:201: error: nesting d")
    }
}
