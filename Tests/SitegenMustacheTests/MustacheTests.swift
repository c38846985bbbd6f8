import Foundation
import SitegenMustache
import SitegenSource
import Testing

/// Swift Testing has a SourceLocation of its own.
private typealias Location = SitegenSource.SourceLocation

private let file = "Themes/test/page.mustache"

private func library(_ sources: [String: String]) throws -> TemplateLibrary {
    var templates: [String: Template] = [:]
    for (name, source) in sources {
        templates[name] = try Template(source: source, file: "Themes/test/\(name).mustache")
    }
    return TemplateLibrary(templates: templates)
}

private func render(_ sources: [String: String], _ name: String = "page", _ data: TemplateValue = [:]) throws -> String {
    String(decoding: try library(sources).render(name, data), as: UTF8.self)
}

private func render(_ source: String, _ data: TemplateValue = [:]) throws -> String {
    try render(["page": source], "page", data)
}

/// The diagnostic compiling `source` throws, or nil when it compiles.
private func compileError(_ source: String) -> Diagnostic? {
    do {
        _ = try Template(source: source, file: file)
        return nil
    } catch {
        return error
    }
}

private func at(_ line: Int, _ column: Int) -> Location {
    Location(file: file, line: line, column: column)
}

@Suite struct TemplateErrorTests {
    @Test func unclosedTag() {
        #expect(compileError("<p>\n  {{name</p>") == .error("unclosed tag", at: at(2, 3)))
        #expect(compileError("{{{name}}") == .error("unclosed tag", at: at(1, 1)))
    }

    @Test func unclosedSectionPointsAtTheEndAndNamesTheOpening() {
        let source = "<ul>\n  {{#items}}\n    <li>{{name}}</li>\n</ul>\n"
        #expect(compileError(source) == .error("unclosed section 'items' (opened at line 2, column 3)", at: at(5, 1)))
    }

    @Test func unclosedParentAndBlock() {
        #expect(compileError("{{<layout}}\n{{$title}}x{{/title}}")
            == .error("unclosed parent 'layout' (opened at line 1, column 1)", at: at(2, 22)))
        #expect(compileError("a {{$title}}x") == .error("unclosed block 'title' (opened at line 1, column 3)", at: at(1, 14)))
    }

    @Test func mismatchedClosingTag() {
        #expect(compileError("{{#bar}}\n  {{/foo}}\n{{/bar}}")
            == .error("unexpected closing tag 'foo', expected 'bar'", at: at(2, 3)))
        #expect(compileError("text {{/foo}}") == .error("unexpected closing tag 'foo'", at: at(1, 6)))
    }

    @Test func invalidSetDelimiterTags() {
        #expect(compileError("{{=<% %>}}") == .error("invalid set-delimiter tag", at: at(1, 1)))
        #expect(compileError("x\n{{=<%=}}") == .error("invalid set-delimiter tag", at: at(2, 1)))
        #expect(compileError("{{= =}}") == .error("invalid set-delimiter tag", at: at(1, 1)))
        #expect(compileError("{{=<% %> x=}}") == .error("invalid set-delimiter tag", at: at(1, 1)))
    }

    @Test func emptyAndInvalidNames() {
        #expect(compileError("a{{}}") == .error("empty tag name", at: at(1, 2)))
        #expect(compileError("{{ }}") == .error("empty tag name", at: at(1, 1)))
        #expect(compileError("{{#}}{{/}}") == .error("empty tag name", at: at(1, 1)))
        #expect(compileError("{{>}}") == .error("empty tag name", at: at(1, 1)))
        #expect(compileError("{{first name}}") == .error("invalid tag name 'first name'", at: at(1, 1)))
        #expect(compileError("{{a..b}}") == .error("invalid tag name 'a..b'", at: at(1, 1)))
        #expect(compileError("{{#.a}}{{/.a}}") == .error("invalid tag name '.a'", at: at(1, 1)))
    }

    @Test func columnsCountUnicodeScalars() {
        // "é" is two bytes and "🎖" four, but each is one column.
        #expect(compileError("é🎖 {{#x}}") == .error("unclosed section 'x' (opened at line 1, column 4)", at: at(1, 10)))
    }

    @Test func blockGivenTwiceToOneParent() {
        #expect(compileError("{{<layout}}\n{{$title}}a{{/title}}\n{{$title}}b{{/title}}\n{{/layout}}")
            == .error("block 'title' is given twice to parent 'layout'", at: at(3, 1)))
    }

    @Test func nestingIsCapped() {
        let deep = String(repeating: "{{#a}}", count: 100) + String(repeating: "{{/a}}", count: 100)
        #expect(compileError(deep) == nil)
        let tooDeep = String(repeating: "{{#a}}", count: 101) + String(repeating: "{{/a}}", count: 101)
        #expect(compileError(tooDeep) == .error("sections nested more than 100 levels deep", at: at(1, 601)))
    }

    @Test func longSingleLineTemplateCompilesInLinearTime() throws {
        // Minified HTML: one 600 KB line with 60,000 tags. A rescan of the line per tag would
        // take minutes; linear, it takes a fraction of a second. The thread's own CPU time is
        // what counts: a wall-clock limit failed when the rest of the suite held both cores.
        let source = String(repeating: "<b>{{#s}}{{v}}{{/s}}</b>", count: 20_000)
        func threadSeconds() -> Double {
            var now = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
            return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
        }
        let start = threadSeconds()
        let page = try render(source, ["s": true, "v": "&"])
        let seconds = threadSeconds() - start
        #expect(page == String(repeating: "<b>&amp;</b>", count: 20_000))
        #expect(seconds < 20, "\(seconds) s of CPU")
    }

    @Test func unknownTopLevelTemplate() throws {
        #expect(throws: Diagnostic.error("unknown template 'award'", at: nil)) {
            try library(["page": "x"]).render("award", [:])
        }
    }
}

@Suite struct TextBufferTests {
    /// Short runs are copied word by word or in overlapping 16-byte moves, long ones by memcpy:
    /// every length from 0 to 100 arrives whole, after what was there, and the buffer grows.
    @Test func everyLengthIsCopiedWhole() {
        let source = (0..<100).map { UInt8(33 + $0 % 90) }
        var out = TextBuffer(capacity: 16)
        var expected: [UInt8] = []
        for length in 0...100 {
            source.withUnsafeBufferPointer { out.append(UnsafeBufferPointer(rebasing: $0[..<length])) }
            expected += source[..<length]
            out.append(UInt8(ascii: "|"))
            expected.append(UInt8(ascii: "|"))
        }
        #expect(Array(out.bytes) == expected)
    }
}

@Suite struct EscapingTests {
    @Test func hostileValuesAreEscapedInTextAndAttributes() throws {
        let data: TemplateValue = ["name": "<script>alert(\"x\" & 'y')</script>", "url": "\" onmouseover=\"steal()"]
        #expect(try render("<p title=\"{{name}}\"><a href=\"{{url}}\">{{name}}</a></p>", data)
            == "<p title=\"&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;\">"
            + "<a href=\"&quot; onmouseover=&quot;steal()\">"
            + "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;</a></p>")
    }

    @Test func rawTagsWriteValuesAsGiven() throws {
        let data: TemplateValue = ["html": "<em>a & b</em>"]
        #expect(try render("{{{html}}}|{{&html}}|{{html}}", data) == "<em>a & b</em>|<em>a & b</em>|&lt;em&gt;a &amp; b&lt;/em&gt;")
    }

    /// A document's short texts are checked for special bytes when written, and copied as they
    /// are when they have none: each length, special byte and position renders as a plain value.
    @Test func documentTextsRenderAsPlainValuesDo() throws {
        for length in [1, 2, 3, 4, 5, 7, 8, 9, 12, 15, 16, 17, 40, 95, 96, 97, 130] {
            for special in ["&", "<", ">", "\"", "'", "é", nil] {
                for position in Set([0, 1, length / 2, length - 2, length - 1]) where (0..<length).contains(position) {
                    var characters = Array(repeating: "a", count: length)
                    if let special { characters[position] = special }
                    let text = characters.joined()
                    let page = TemplateDocument.Writer()
                    page.field("v", text)
                    let document = TemplateValue.document(page.finish())
                    let template = "{{v}}|{{{v}}}|{{v}}"
                    #expect(try render(template, document) == render(template, ["v": .string(text)]), "\(text)")
                }
            }
        }
    }

    @Test func specialBytesAtEveryPositionOfLongValues() throws {
        // Runs are scanned eight bytes at a time: put a special byte on each side of each word edge.
        for special in ["&", "<", ">", "\"", "'"] {
            let entity = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"][special] ?? ""
            for position in [0, 1, 6, 7, 8, 9, 15, 16, 17, 23, 29] {
                var characters = Array(repeating: "a", count: 30)
                characters[position] = special
                var expected = Array(repeating: "a", count: 30)
                expected[position] = entity
                #expect(try render("{{v}}", ["v": .string(characters.joined())]) == expected.joined())
            }
        }
    }

    @Test func bytesNearSpecialOnesAreLeftAlone() throws {
        // Neighbours of the special bytes in the byte table: ! # $ % ( ) ; = ? and multi-byte text.
        let text = "!#$%()*+,-./0123456789:;=?@ é 🎖 \u{0}\u{7F}"
        #expect(try render("{{v}}", ["v": .string(text)]) == text)
    }

    @Test func nonStringValues() throws {
        let data: TemplateValue = ["yes": true, "no": false, "nothing": nil, "list": ["a"], "object": ["k": "v"]]
        #expect(try render("[{{yes}}][{{no}}][{{nothing}}][{{list}}][{{object}}][{{missing}}]", data) == "[true][false][][][][]")
    }

    @Test func emptyStringIsFalsy() throws {
        let template = "{{#description}}<p>{{description}}</p>{{/description}}{{^description}}none{{/description}}"
        #expect(try render(template, ["description": ""]) == "none")
        #expect(try render(template, ["description": "Hi"]) == "<p>Hi</p>")
    }

    @Test func renderingAppendsToTheBuffer() throws {
        var out = Array("<!-- head -->".utf8)
        try library(["page": "{{a}}"]).render("page", ["a": "<b>"], into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "<!-- head -->&lt;b&gt;")
    }
}

@Suite struct InheritanceTests {
    static let layout = """
        <!DOCTYPE html>
        <html lang="{{locale}}">
        <head>
          <title>{{$title}}{{site}}{{/title}}</title>
        </head>
        <body>
          {{>header}}
          <main>
            {{$content}}
            <p>No content.</p>
            {{/content}}
          </main>
        </body>
        </html>

        """

    static let header = """
        <header>
          <a href="/">{{site}}</a>
        </header>

        """

    static let award = """
        {{<layout}}
        {{$title}}{{badge}} — {{site}}{{/title}}
        {{$content}}
        <h1>{{badge}}</h1>
        <ul>
          {{#evidence}}
          <li>{{.}}</li>
          {{/evidence}}
        </ul>
        {{/content}}
        {{/layout}}

        """

    @Test func pageWithLayoutHeaderAndReindentedContent() throws {
        let data: TemplateValue = ["locale": "en", "site": "Badges & Co", "badge": "Rust <1>", "evidence": ["a", "b"]]
        let page = try render(["layout": Self.layout, "header": Self.header, "award": Self.award], "award", data)
        #expect(page == """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <title>Rust &lt;1&gt; — Badges &amp; Co</title>
            </head>
            <body>
              <header>
                <a href="/">Badges &amp; Co</a>
              </header>
              <main>
                <h1>Rust &lt;1&gt;</h1>
                <ul>
                  <li>a</li>
                  <li>b</li>
                </ul>
              </main>
            </body>
            </html>

            """)
    }

    @Test func layoutDefaultsWhenNothingOverrides() throws {
        let page = try render(["layout": Self.layout, "header": Self.header, "plain": "{{<layout}}{{/layout}}\n"], "plain",
                              ["locale": "fr", "site": "S"])
        #expect(page.contains("<title>S</title>"))
        #expect(page.contains("  <main>\n    <p>No content.</p>\n  </main>\n"))
    }

    @Test func outermostChildWinsOverIntermediateParents() throws {
        let sources = [
            "base": "[{{$a}}base{{/a}}|{{$b}}base{{/b}}]",
            "middle": "{{<base}}{{$a}}middle{{/a}}{{$b}}middle{{/b}}{{/base}}",
            "page": "{{<middle}}{{$b}}page{{/b}}{{/middle}}",
        ]
        #expect(try render(sources, "page") == "[middle|page]")
    }

    @Test func blocksFillPartialsOfTheLayout() throws {
        // A block in a partial of the layout takes the child's argument too.
        let sources = ["layout": "<h1>{{>heading}}</h1>", "heading": "{{$title}}Untitled{{/title}}",
                       "page": "{{<layout}}{{$title}}Mine{{/title}}{{/layout}}"]
        #expect(try render(sources, "page") == "<h1>Mine</h1>")
    }
}

@Suite struct RecursionTests {
    @Test func partialIncludingItselfForeverIsStoppedWithALocatedError() throws {
        let library = try library(["page": "<ul>\n  {{>node}}\n</ul>", "node": "<li>{{>node}}</li>"])
        #expect(throws: Diagnostic.error(
            "partial 'node' nested more than 100 levels deep (does it include itself without end?)",
            at: Location(file: "Themes/test/node.mustache", line: 1, column: 5))) {
            try library.render("page", [:])
        }
    }

    @Test func recursionEndingWithTheDataRenders() throws {
        func tree(_ depth: Int) -> TemplateValue {
            depth == 0 ? ["name": "leaf", "children": []] : ["name": .string("n\(depth)"), "children": [tree(depth - 1)]]
        }
        let sources = ["page": "{{>node}}", "node": "{{name}}({{#children}}{{>node}}{{/children}})"]
        #expect(try render(sources, "page", tree(3)) == "n3(n2(n1(leaf())))")
        // Just within the cap: page plus 99 levels of node.
        let deep = try render(sources, "page", tree(98))
        #expect(deep.hasPrefix("n98(n97(") && deep.hasSuffix("leaf()" + String(repeating: ")", count: 98)))
    }

    @Test func blockFillingItselfIsStopped() throws {
        let sources = ["layout": "{{$a}}{{/a}}", "page": "{{<layout}}{{$a}}x{{$a}}{{/a}}{{/a}}{{/layout}}"]
        #expect(throws: Diagnostic.error(
            "templates nested more than 200 levels deep (does a block fill itself?)",
            at: Location(file: "Themes/test/page.mustache", line: 1, column: 1))) {
            try library(sources).render("page", [:])
        }
    }

    @Test func runawayRecursionStaysWithinASmallThreadStack() throws {
        // Worker threads may have small stacks: hit both caps on a 1 MiB one. (Release builds need
        // under 256 KiB for this; debug builds, with their larger frames, about four times that.)
        let library = try library([
            "self": "{{>self}}",
            "layout": "{{$a}}{{/a}}", "page": "{{<layout}}{{$a}}x{{#t}}{{$a}}{{/a}}{{/t}}{{/a}}{{/layout}}",
        ])
        final class Messages: @unchecked Sendable {
            var list: [String] = []
        }
        let done = DispatchSemaphore(value: 0)
        let messages = Messages()
        let thread = Thread {
            for name in ["self", "page"] {
                do {
                    _ = try library.render(name, ["t": true])
                } catch let error as Diagnostic {
                    messages.list.append(error.message)
                } catch {
                    messages.list.append("unexpected \(error)")
                }
            }
            done.signal()
        }
        thread.stackSize = 1024 * 1024
        thread.start()
        done.wait()
        #expect(messages.list == [
            "partial 'self' nested more than 100 levels deep (does it include itself without end?)",
            "templates nested more than 200 levels deep (does a block fill itself?)",
        ])
    }
}

@Suite struct ValidationTests {
    @Test func reportsUnknownPartialsAndParents() throws {
        let library = try library([
            "page": "{{<layuot}}{{/layuot}}\n{{#x}}\n  {{>missing}}\n{{/x}}",
            "layout": "{{>header}}",
            "header": "ok",
        ])
        #expect(library.validate() == [
            .error("unknown parent template 'layuot'", at: Location(file: "Themes/test/page.mustache", line: 1, column: 1)),
            .error("unknown partial 'missing'", at: Location(file: "Themes/test/page.mustache", line: 3, column: 3)),
        ])
        // As the spec asks, rendering goes on without them.
        #expect(try library.render("page", ["x": true]).isEmpty)
    }

    @Test func reportsTemplatesThatAlwaysIncludeThemselves() throws {
        let library = try library([
            "a": "A {{>b}}",
            "b": "B\n{{<a}}{{/a}}",
            "tree": "{{#children}}{{>tree}}{{/children}}",
            "loop": "{{$x}}{{>loop}}{{/x}}",
        ])
        #expect(library.validate() == [
            .error("'a' includes itself on every rendering (a → b → a), so it can never finish",
                   at: Location(file: "Themes/test/b.mustache", line: 2, column: 1)),
        ])
    }

    @Test func cleanLibraryHasNoProblems() throws {
        let library = try library(["layout": InheritanceTests.layout, "header": InheritanceTests.header,
                                   "award": InheritanceTests.award])
        #expect(library.validate().isEmpty)
    }
}

@Suite struct ConcurrencyTests {
    @Test func oneLibraryRendersOnManyThreadsAtOnce() async throws {
        let library = try library(["layout": InheritanceTests.layout, "header": InheritanceTests.header,
                                   "award": InheritanceTests.award])
        let expected = try library.render("award", ["site": "S", "badge": "B", "evidence": ["e"]])
        let pages = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<16 {
                group.addTask {
                    try library.render("award", ["site": "S", "badge": "B", "evidence": ["e"]])
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(pages.count == 16 && pages.allSatisfy { $0 == expected })
    }
}

@Suite struct HostileTemplateTests {
    /// Random templates built from the syntax's own pieces must compile or fail with a located
    /// error, and render without trapping.
    @Test func randomTemplatesNeverTrap() throws {
        let pieces = ["{{", "}}", "{{{", "}}}", "#", "^", "/", "!", "&", ">", "<", "$", "=", "{{=<% %>=}}", "<%", "%>",
                      "a", "b", ".", " ", "\n", "\r\n", "\t", "{{#a}}", "{{/a}}", "{{<p}}", "{{/p}}", "{{$b}}", "{{/b}}",
                      "{{>p}}", "{{a.b}}", "{{.}}", "x", "é"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let data: TemplateValue = ["a": ["b": "<x>", "a": [["b": "1"], ["b": "2"]]], "b": true]
        var compiled = 0
        for _ in 0..<3000 {
            var source = ""
            for _ in 0..<(next() % 24) { source += pieces[next() % pieces.count] }
            do {
                let template = try Template(source: source, file: file)
                compiled += 1
                _ = try? TemplateLibrary(templates: ["page": template, "p": template]).render("page", data)
            } catch {
                let location = try #require(error.location)
                #expect(location.file == file && location.line >= 1 && location.column >= 1)
            }
        }
        #expect(compiled > 300)
    }
}
