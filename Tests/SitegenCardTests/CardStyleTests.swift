import Testing
import SitegenSource
@testable import SitegenCard

struct CardStyleTests {
    @Test func readsEveryKeyAndReportsBadValuesWhereTheyAre() throws {
        let yaml = """
        background: "#fff"
        accent: "#102030"
        accent_height: 0
        badge_box: [10, 20, 300, 200]
        name_size: 50
        name_min_size: 60
        name_fonts: [A.ttf, B.ttf]
        colour: "#000"
        text_box: [900, 0, 400, 100]

        """
        let node = try YAMLParser.parse(Array(yaml.utf8), file: "card.yaml")
        var diagnostics = Diagnostics()
        let style = CardStyle.read(node, diagnostics: &diagnostics)
        #expect(style.background == CardColor(red: 255, green: 255, blue: 255))
        #expect(style.accent == CardColor(red: 0x10, green: 0x20, blue: 0x30))
        #expect(style.accentHeight == 0)
        #expect(style.badgeBox == CardBox(x: 10, y: 20, width: 300, height: 200))
        #expect(style.nameFonts == ["A.ttf", "B.ttf"])
        let messages = diagnostics.sorted.map { "\($0.location?.line ?? 0): \($0.message)" }
        #expect(messages.count == 3, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("8:") && $0.contains("unknown card style key 'colour'") })
        #expect(messages.contains { $0.hasPrefix("9:") && $0.contains("'text_box'") })
        #expect(messages.contains { $0.contains("'name_min_size' 60 is larger than 'name_size' 50") })
    }

    @Test func colorsInHexOnly() {
        #expect(CardColor(hex: "#0a0B0c") == CardColor(red: 10, green: 11, blue: 12))
        #expect(CardColor(hex: "#abc")?.hex == "#aabbcc")
        #expect(CardColor(hex: "red") == nil)
        #expect(CardColor(hex: "#12345") == nil)
        #expect(CardColor(hex: "#ggg") == nil)
    }
}
