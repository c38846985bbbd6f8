import Foundation
import Testing
@testable import Sitegen

/// Link-preview cards as `check` and `build` see them: what an SVG badge uses that cards cannot
/// draw is one warning per badge at its `image`; a name no theme font can set is one warning;
/// the build writes the cards where the pages point.
struct SocialCardBuildTests {
    static let animated = CheckCommandTests.svg(##"<circle cx="32" cy="32" r="30" fill="#246"><animate attributeName="r" to="20"/></circle><rect width="4" height="4"><set attributeName="x" to="2"/></rect>"##)

    @Test func checkWarnsOnceAtTheBadgeImageForWhatCardsLeaveOut() {
        let diagnostics = FixtureSite.check(["Content/images/b1.svg": Self.animated])
        let warnings = diagnostics.filter { $0.contains("link-preview card") }
        #expect(warnings == ["Content/badges/b1.yaml:3:8: warning: badge 'b1': images/b1.svg uses what its link-preview card cannot draw and leaves out: animation"],
                "\(diagnostics)")
    }

    @Test func buildWarnsOnceAndWritesTheCardsThePagesName() throws {
        let folder = TemporaryFolder()
        var options = FixtureSite.options(FixtureSite.fileSystem([
            "Content/images/b1.svg": Self.animated,
            "Content/site.yaml": "title: Test Site\nbase_url: https://badges.example.org/\ndefault_locale: en\nlocales: [en, ja]\nissuer: acme\n",
            "Content/badges/b1.yaml": "name: {en: Badge One, ja: バッジ一}\ndescription: A first badge.\nimage: images/b1.svg\ncriteria:\n  narrative: Do the thing.\n",
            "Content/badges/b2.yaml": "name: Runes ᚠᚢ\ndescription: Another.\nimage: images/b1.svg\ncriteria:\n  narrative: Do it.\n",
        ]))
        options.outputDirectory = folder.sub("out")
        let report = SiteBuild.run(options)
        #expect(report.succeeded, "\(report.diagnostics.sorted)")
        let messages = report.diagnostics.sorted.map(\.description)
        #expect(messages.filter { $0.contains("cannot draw") }.count == 2, "\(messages)") // b1 and b2 share the image
        #expect(messages.filter { $0.contains("no glyph") } == [
            "Content/badges/b2.yaml:1:1: warning: badge 'b2': the theme's fonts have no glyph for en: 'ᚠ' (U+16A0), 'ᚢ' (U+16A2); its link-preview card for en carries no text",
        ], "\(messages)")
        let output = readTree(folder.sub("out"))
        let cards = output.keys.filter { $0.hasPrefix("social/") }.sorted()
        #expect(cards == ["social/b1.ja.png", "social/b1.png", "social/b2.png"])
        for card in cards {
            let bytes = output[card]!
            // PNG signature, then IHDR: 1200 × 630, 8-bit RGB.
            #expect(Array(bytes[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            #expect(Array(bytes[16..<26]) == [0, 0, 0x04, 0xB0, 0, 0, 0x02, 0x76, 8, 2])
        }
        let english = String(decoding: output["badges/b1/index.html"]!, as: UTF8.self)
        let japanese = String(decoding: output["ja/badges/b1/index.html"]!, as: UTF8.self)
        #expect(english.contains(#"<meta property="og:image" content="https://badges.example.org/social/b1.png">"#))
        #expect(japanese.contains(#"<meta property="og:image" content="https://badges.example.org/social/b1.ja.png">"#))
        #expect(english.contains(#"<meta name="twitter:card" content="summary_large_image">"#))
        for page in ["index.html", "issuers/acme/index.html", "holders/h1/index.html"] {
            #expect(String(decoding: output[page] ?? [], as: UTF8.self).contains(#"content="https://badges.example.org/social/b"#), "\(page)")
        }
    }
}
