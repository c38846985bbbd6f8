import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import SitegenRender

/// Reads a baked SVG back with a real XML parser; nil when it is not well-formed.
private final class AssertionReader: NSObject, XMLParserDelegate {
    var elements: [String] = []
    var verify: String?
    var text = Data()
    var rootAttributes: [String: String] = [:]
    private var inAssertion = false

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        if elements.isEmpty { rootAttributes = attributes }
        elements.append(name)
        if name == "openbadges:assertion" {
            inAssertion = true
            verify = attributes["verify"]
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "openbadges:assertion" { inAssertion = false }
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        if inAssertion { text.append(block) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inAssertion { text.append(contentsOf: Array(string.utf8)) }
    }

    static func read(_ svg: [UInt8]) -> AssertionReader? {
        let reader = AssertionReader()
        let parser = XMLParser(data: Data(svg))
        parser.delegate = reader
        // parse() can return true after a recoverable well-formedness error, so check both.
        return parser.parse() && parser.parserError == nil ? reader : nil
    }
}

@Suite struct SVGBakerTests {
    let hostileJSON = Array(#"{"name":"]]> and ]]]]> \"quoted\" </svg> <b>&amp;</b>","who":"Zoë 🎖","x":"]]"}"#.utf8)
    let url = #"https://example.org/awards/a?x=1&y="2"<>"#
    let escapedURL = "https://example.org/awards/a?x=1&amp;y=&quot;2&quot;&lt;&gt;"
    let namespace = #" xmlns:openbadges="http://openbadges.org""#

    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    private func bake(_ svg: String, _ json: [UInt8]? = nil, verify: String? = nil) throws -> String {
        text(try SVGBaker.bake(Array(svg.utf8), assertion: json ?? hostileJSON, verify: verify ?? url))
    }

    private func element(_ json: String, verify: String) -> String {
        #"<openbadges:assertion verify=""# + verify + #""><![CDATA["# + json + "]]></openbadges:assertion>"
    }

    @Test func bakeWellFormedAndReadableByXMLParser() throws {
        let svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>

            """
        let baked = try bake(svg)
        let splitJSON = #"{"name":"]]]]><![CDATA[> and ]]]]]]><![CDATA[> \"quoted\" </svg> <b>&amp;</b>","who":"Zoë 🎖","x":"]]"}"#
        #expect(baked == """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"\(namespace)>\
            \(element(splitJSON, verify: escapedURL))<rect width="10" height="10"/></svg>

            """)
        let reader = try #require(AssertionReader.read(Array(baked.utf8)))
        #expect(reader.elements == ["svg", "openbadges:assertion", "rect"])
        #expect(Array(reader.text) == hostileJSON)
        #expect(reader.verify == url)
        #expect(reader.rootAttributes["xmlns:openbadges"] == "http://openbadges.org")
        #expect(SVGBaker.assertion(in: Array(baked.utf8)) == hostileJSON)
    }

    @Test func everythingElseIsUntouched() throws {
        let svg = "<svg\n  xmlns=\"http://www.w3.org/2000/svg\"\n  viewBox='0 0 1 1'\n>\n<!-- <svg> -->\n<g><text>a &amp; b</text></g>\n</svg>"
        let baked = try bake(svg)
        let expected = "<svg\n  xmlns=\"http://www.w3.org/2000/svg\"\n  viewBox='0 0 1 1'\(namespace)\n>"
            + element(#"{"name":"]]]]><![CDATA[> and ]]]]]]><![CDATA[> \"quoted\" </svg> <b>&amp;</b>","who":"Zoë 🎖","x":"]]"}"#, verify: escapedURL)
            + "\n<!-- <svg> -->\n<g><text>a &amp; b</text></g>\n</svg>"
        #expect(baked == expected)
        #expect(AssertionReader.read(Array(baked.utf8)) != nil)
    }

    @Test func rebakeReplacesTheAssertion() throws {
        let svg = #"<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg>"#
        let once = try bake(svg, Array(#"{"first":true}"#.utf8), verify: "https://a.example/1")
        let twice = try bake(once, Array(#"{"second":true}"#.utf8), verify: "https://a.example/2")
        #expect(twice == (try bake(svg, Array(#"{"second":true}"#.utf8), verify: "https://a.example/2")))
        #expect(twice.components(separatedBy: "openbadges:assertion verify").count == 2)
        #expect(twice.components(separatedBy: "xmlns:openbadges").count == 2)
        #expect(SVGBaker.assertion(in: Array(twice.utf8)) == Array(#"{"second":true}"#.utf8))
    }

    @Test func existingNamespaceDeclarationNotDuplicated() throws {
        let svg = #"<svg xmlns:openbadges="http://openbadges.org" xmlns="http://www.w3.org/2000/svg"></svg>"#
        let baked = try bake(svg, Array("{}".utf8), verify: "https://e.example/a")
        #expect(baked == #"<svg xmlns:openbadges="http://openbadges.org" xmlns="http://www.w3.org/2000/svg">"#
            + element("{}", verify: "https://e.example/a") + "</svg>")
        #expect(AssertionReader.read(Array(baked.utf8))?.text == Data("{}".utf8))
    }

    @Test func selfClosingRootIsOpened() throws {
        let baked = try bake(#"<svg xmlns="http://www.w3.org/2000/svg" />"#, Array("{}".utf8), verify: "https://e.example/a")
        #expect(baked == #"<svg xmlns="http://www.w3.org/2000/svg""# + namespace + ">"
            + element("{}", verify: "https://e.example/a") + "</svg>")
        #expect(AssertionReader.read(Array(baked.utf8))?.elements == ["svg", "openbadges:assertion"])
        #expect(try bake("<svg/>\n", Array("{}".utf8), verify: "u")
            == "<svg" + namespace + ">" + element("{}", verify: "u") + "</svg>\n")
    }

    @Test func shortPrologKeptAsIs() throws {
        let prolog = "\u{FEFF}<?xml version=\"1.0\"?>\n<!-- Generator: test -->\n<?xml-stylesheet href=\"a.css\"?>\n"
            + "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
        let baked = try bake(prolog + "<svg>\n</svg>", Array("{}".utf8), verify: "u")
        #expect(baked == prolog + "<svg" + namespace + ">" + element("{}", verify: "u") + "\n</svg>")
        #expect(Array(baked.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
    }

    @Test func longCommentPrologDroppedSoSVGStartsWithin256Bytes() throws {
        let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="no"?>"#
        let doctype = #"<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">"#
        let comment = "<!-- " + String(repeating: "licence text <svg> ", count: 20) + "-->"
        let svg = declaration + "\n" + comment + "\n" + doctype + "\n<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>"
        let baked = try bake(svg, Array("{}".utf8), verify: "u")
        #expect(baked == declaration + "\n" + doctype + "\n<svg xmlns=\"http://www.w3.org/2000/svg\"" + namespace + ">"
            + element("{}", verify: "u") + "</svg>")
        #expect(baked.utf8.count > 256)
        let svgStart = try #require(baked.utf8.firstRange(of: "<svg".utf8))
        #expect(baked.utf8.distance(from: baked.utf8.startIndex, to: svgStart.lowerBound) == declaration.utf8.count + 1 + doctype.utf8.count + 1)
        #expect(AssertionReader.read(Array(baked.utf8)) != nil)

        // When the comment alone is not enough, a DOCTYPE without entities goes too.
        let longDoctype = "<!DOCTYPE svg [ <!-- " + String(repeating: "x", count: 250) + " --> ]>"
        let dropped = try bake(declaration + "\n" + comment + longDoctype + "<svg/>", Array("{}".utf8), verify: "u")
        #expect(dropped.hasPrefix(declaration + "\n<svg" + namespace + ">"))
    }

    @Test func doctypeDeclaringEntitiesIsKeptOrTheBakeRefused() throws {
        let entities = #"<!DOCTYPE svg [ <!ENTITY ns_svg "http://www.w3.org/2000/svg"> ]>"#
        let comment = "<!--" + String(repeating: "-x", count: 200) + "-->"
        let baked = try bake(comment + entities + "<svg xmlns=\"&ns_svg;\"/>", Array("{}".utf8), verify: "u")
        #expect(baked == entities + "\n<svg xmlns=\"&ns_svg;\"" + namespace + ">" + element("{}", verify: "u") + "</svg>")
        let reader = try #require(AssertionReader.read(Array(baked.utf8)))
        #expect(reader.rootAttributes["xmlns"] == "http://www.w3.org/2000/svg")

        let hugeEntities = "<!DOCTYPE svg [ <!ENTITY big \"" + String(repeating: "y", count: 300) + "\"> ]>"
        #expect(throws: BakingError("SVG prolog is too long: <svg must start within the first 256 bytes, but the XML "
            + "declaration and the DOCTYPE's entity declarations alone take 336 bytes")) {
            try bake(hugeEntities + "<svg/>")
        }
    }

    @Test func rootTagWithQuotedGreaterThanAndNestedAssertionsLeftAlone() throws {
        let inner = #"<g><openbadges:assertion verify="x">keep</openbadges:assertion></g>"#
        let svg = #"<svg data-x="a>b" data-y='"/>'>"# + inner + "<![CDATA[<openbadges:assertion>]]></svg>"
        let baked = try bake(svg, Array("{}".utf8), verify: "u")
        #expect(baked == #"<svg data-x="a>b" data-y='"/>'"# + namespace + ">" + element("{}", verify: "u") + inner
            + "<![CDATA[<openbadges:assertion>]]></svg>")
        #expect(SVGBaker.assertion(in: Array(svg.utf8)) == nil)
    }

    @Test func assertionReadBackDecodesReferencesAndJoinsCDATA() {
        let svg = #"<svg><openbadges:assertion verify="u">{"a":&quot;&#x3C;&#60;&amp;&lt;&gt;&apos;&bogus;&#xFFFFFFFFF;"<!-- c --><![CDATA[]]]]><![CDATA[>]]>}</openbadges:assertion></svg>"#
        #expect(SVGBaker.assertion(in: Array(svg.utf8)).map(text) == #"{"a":"<<&<>'&bogus;&#xFFFFFFFFF;"]]>}"#)
        #expect(SVGBaker.assertion(in: Array("<svg><openbadges:assertion verify='u'/></svg>".utf8)) == [])
        #expect(SVGBaker.assertion(in: Array("<svg></svg>".utf8)) == nil)
        #expect(SVGBaker.assertion(in: Array("not svg".utf8)) == nil)
    }

    @Test func urlEscapingAndControlCharacters() throws {
        let baked = try bake("<svg/>", Array("{}".utf8), verify: "a\tb\nc\rd")
        #expect(baked.contains(#"verify="a&#9;b&#10;c&#13;d""#))
        #expect(AssertionReader.read(Array(baked.utf8))?.verify == "a\tb\nc\rd")
        #expect(throws: BakingError("verify URL contains control character U+0001")) { try bake("<svg/>", verify: "a\u{1}") }
        #expect(throws: BakingError("assertion contains control character U+001f, which XML cannot carry")) {
            try bake("<svg/>", [0x7B, 0x1F, 0x7D])
        }
        // Pretty-printed JSON's line breaks and tabs are fine.
        #expect(SVGBaker.assertion(in: Array(try bake("<svg/>", Array("{\n\t}\r\n".utf8)).utf8)) == Array("{\n\t}\r\n".utf8))
    }

    @Test func cdataCloseAndControlsFoundAtEveryWordOffset() throws {
        for offset in 0..<20 {
            let padding = String(repeating: "x", count: offset)
            let json = Array((padding + "]]>" + String(repeating: "y", count: 10)).utf8)
            let baked = try bake("<svg/>", json, verify: "u")
            #expect(baked.contains(padding + "]]]]><![CDATA[>yyyy"), "offset \(offset)")
            #expect(SVGBaker.assertion(in: Array(baked.utf8)) == json, "offset \(offset)")
            #expect(throws: BakingError("assertion contains control character U+0000, which XML cannot carry")) {
                try bake("<svg/>", Array(padding.utf8) + [0] + Array("yyyyyyyyyy".utf8))
            }
        }
    }

    @Test(arguments: [
        "", "   ", "<html><svg/></html>", "<svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\"/>", "<svgx/>",
        "text<svg/>", "<!-- <svg> -->", "<?xml version=\"1.0\"?>",
    ])
    func noSVGRootRejected(_ svg: String) {
        #expect(throws: BakingError("no <svg> root element")) { try bake(svg) }
        #expect(SVGBaker.assertion(in: Array(svg.utf8)) == nil)
    }

    @Test func malformedPrologAndRootTagRejected() {
        #expect(throws: BakingError("unterminated comment at offset 0 of SVG")) { try bake("<!-- <svg/>") }
        #expect(throws: BakingError("unterminated XML declaration in SVG")) { try bake("<?xml version=\"1.0\" <svg/>") }
        #expect(throws: BakingError("unterminated DOCTYPE at offset 0 of SVG")) { try bake("<!DOCTYPE svg [ <svg/>") }
        #expect(throws: BakingError("unterminated <svg> start tag at offset 1")) { try bake("\n<svg a=\"1\"") }
        #expect(throws: BakingError("unterminated <svg> start tag at offset 0")) { try bake("<svg a=\"1>") }
        #expect(throws: BakingError("malformed <svg> start tag at offset 0")) { try bake("<svg a>") }
        #expect(throws: BakingError("malformed <svg> start tag at offset 0")) { try bake("<svg a=1>") }
        #expect(throws: BakingError("malformed <svg> start tag at offset 0")) { try bake("<svg / >") }
    }

    @Test func templateBakesTheSameBytes() throws {
        let svg = Array(#"<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>"#.utf8)
        let template = try SVGBakingTemplate(svg)
        #expect(try template.bake(hostileJSON, verify: url) == (try SVGBaker.bake(svg, assertion: hostileJSON, verify: url)))
    }
}
