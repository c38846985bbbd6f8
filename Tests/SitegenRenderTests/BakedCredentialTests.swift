import Testing
@testable import SitegenRender

/// Open Badges 3.0 baking: the signed credential beside the 2.0 assertion, in an
/// `openbadgecredential` iTXt chunk or an `<openbadges:credential>` element, read back exactly,
/// and replaced (never doubled) when an image is baked again.
struct BakedCredentialTests {
    let assertion = Array(#"{"type":"Assertion","name":"]]> <b>&amp;</b>"}"#.utf8)
    let credential = Array("{\n  \"type\": [\"VerifiableCredential\", \"OpenBadgeCredential\"],\n  \"name\": \"]]> Zoë 🎖\"\n}\n".utf8)

    @Test func aPNGCarriesBothAndABakedOneIsRebakedClean() throws {
        let baked = try PNGBakingTemplate(PNGFixture.png()).bake(assertion, credential: credential)
        #expect(try PNGBaker.assertion(in: baked) == assertion)
        #expect(try PNGBaker.credential(in: baked) == credential)
        let other = Array("{\"other\": true}".utf8)
        let again = try PNGBakingTemplate(baked).bake(assertion, credential: other)
        #expect(try PNGBaker.credential(in: again) == other)
        #expect(again.count == baked.count - credential.count + other.count, "the old credential chunk is gone")
        #expect(try PNGBaker.credential(in: PNGBakingTemplate(baked).bake(assertion)) == nil)
    }

    @Test func anSVGCarriesBothAndABakedOneIsRebakedClean() throws {
        let svg = Array(#"<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg>"#.utf8)
        let baked = try SVGBakingTemplate(svg).bake(assertion, verify: "https://x.example/a.json", credential: credential)
        #expect(SVGBaker.assertion(in: baked) == assertion)
        #expect(SVGBaker.credential(in: baked) == credential)
        let other = Array("{\"other\": true}".utf8)
        let again = try SVGBakingTemplate(baked).bake(assertion, verify: "https://x.example/a.json", credential: other)
        #expect(SVGBaker.credential(in: again) == other)
        #expect(String(decoding: again, as: UTF8.self).components(separatedBy: "<openbadges:credential>").count == 2)
        #expect(SVGBaker.credential(in: try SVGBakingTemplate(baked).bake(assertion, verify: "https://x.example/a.json")) == nil)
    }
}
