import SitegenMustache
import Testing
@testable import SitegenRender

/// SPEC's URL layout for an award's files, as Strings and as bytes written into a page.
@Suite struct RoutesTests {
    let routes = Routes(baseURL: "https://badges.example.org/credentials", defaultLocale: "en")

    @Test func awardFilesFollowTheLayout() {
        #expect(routes.assertion("a1") == "awards/a1.json")
        #expect(routes.bakedImage("a1", "svg") == "awards/a1/badge.svg")
        #expect(routes.embed("a1") == "awards/a1/embed.html")
        #expect(routes.oEmbed("a1") == "awards/a1/oembed.json")
        #expect(routes.awardPage("a1", "ja") == "ja/awards/a1/")
        #expect(routes.url(routes.assertion("a1")) == "https://badges.example.org/credentials/awards/a1.json")
    }

    @Test func writtenPathsAreTheStrings() {
        let files: [Routes.AwardFile] = [.assertion, .embed, .oEmbed, .bakedImage("png"), .bakedImage("svg")]
        for file in files {
            for prefix in ["", "../../", routes.baseURL] {
                var out = TextBuffer()
                out.append("<")
                routes.appendAward("x-1.b", file, after: prefix, to: &out)
                #expect(out.string == "<" + prefix + routes.award("x-1.b", file))
            }
        }
    }
}
