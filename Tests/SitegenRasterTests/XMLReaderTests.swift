import Testing
@testable import SitegenRaster

/// The XML reader: what it accepts, and a located error for everything it must refuse.
@Suite struct XMLReaderTests {
    func error(_ text: String) -> SVGError? {
        do {
            _ = try SVGDocument(parsing: Array(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    func offset(of needle: String, in text: String) -> Int {
        text.utf8.count - text[text.range(of: needle)!.lowerBound...].utf8.count
    }

    @Test func entitiesCharacterReferencesAndCDATAAreDecoded() throws {
        let text = "<?xml version=\"1.0\"?><!DOCTYPE svg [ <!ENTITY x \"]>\"> ]><!-- c --><svg id=\"a&amp;b&#x41;&#66;&lt;\"><style><![CDATA[<&>]]>&gt;</style></svg>"
        let root = try XMLReader.parse(Array(text.utf8))
        #expect(root.attribute("id") == "a&bAB<")
        #expect(root.children.first?.text == "<&>>")
    }

    @Test func malformedDocumentsAreLocatedErrors() {
        let cases: [(String, String)] = [
            ("<svg><g></svg>", "</svg>"),
            ("<svg><rect x=1/></svg>", "1/>"),
            ("<svg a=\"1\" a=\"2\"/>", "a=\"2\""),
            ("<svg>&nope;</svg>", "&nope;"),
            ("<svg><![CDATA[ never closed </svg>", "<![CDATA["),
            ("<svg/><svg id=\"2\"/>", "<svg id"),
            ("<svg><!-- open", "<!--"),
        ]
        for (text, needle) in cases {
            let e = error(text)
            #expect(e != nil, "\(text) was accepted")
            #expect(e?.offset == offset(of: needle, in: text), "\(text): \(String(describing: e))")
        }
    }

    @Test func unclosedAndForeignRootsAreErrors() {
        #expect(error("<svg><g>") != nil)
        #expect(error("") != nil)
        #expect(error("<html/>")?.message.contains("not <svg>") == true)
        #expect(error("text<svg/>") != nil)
    }

    @Test func nestingBeyondTheLimitIsAnErrorNotACrash() {
        let deep = "<svg>" + String(repeating: "<g>", count: 100_000) + String(repeating: "</g>", count: 100_000) + "</svg>"
        #expect(error(deep)?.message.contains("nested too deeply") == true)
    }
}
