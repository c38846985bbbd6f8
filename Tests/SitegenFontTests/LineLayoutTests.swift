import Testing
@testable import SitegenFont

@Suite struct LineLayoutTests {
    @Test func anUnmappedCharacterIsNamedWithItsPlace() throws {
        let font = try FontFixtures.font(FontFixtures.regular)
        #expect(throws: MissingGlyph(scalar: "é", index: 3)) { try font.layout("Café au lait", size: 12) }
        #expect(throws: MissingGlyph(scalar: "日", index: 0)) { try font.glyphs(for: "日本") }
        #expect("\(MissingGlyph(scalar: "日", index: 0))" == "no glyph for U+65E5 at character 1")
    }

    @Test func linesBreakAtSpacesToFitTheWidth() throws {
        let font = try FontFixtures.font(FontFixtures.regular)
        let text = "Open Badges for the community garden volunteers of 2026"
        let size = 20.0
        let maxWidth = 200.0
        let lines = try font.breakLines(text, size: size, maxWidth: maxWidth)
        #expect(lines.count > 1)
        // Nothing lost or reordered; no line starts or ends with a space.
        #expect(lines.joined(separator: " ") == text)
        #expect(lines.allSatisfy { !$0.hasPrefix(" ") && !$0.hasSuffix(" ") })
        for (i, line) in lines.enumerated() {
            #expect(try font.layout(line, size: size).width <= maxWidth, "\(line)")
            // Greedy: the next line's first word would not have fitted.
            if i + 1 < lines.count, let next = lines[i + 1].split(separator: " ").first {
                #expect(try font.layout(line + " " + next, size: size).width > maxWidth)
            }
        }
    }

    @Test func kernedWidthsDecideTheBreakExactly() throws {
        let font = try FontFixtures.font(FontFixtures.variant)
        // "AV" kerns by -150 units, so "AV AV" is narrower than its advances add up to.
        let exact = try font.layout("AV AV", size: 20).width
        let unkerned = try ["A", "V", " ", "A", "V"].reduce(0.0) { $0 + (try font.layout($1, size: 20)).width }
        #expect(exact < unkerned)
        #expect(try font.breakLines("AV AV AVATAR", size: 20, maxWidth: exact) == ["AV AV", "AVATAR"])
        #expect(try font.breakLines("AV AV AVATAR", size: 20, maxWidth: exact - 0.01) == ["AV", "AV", "AVATAR"])
        // A break after several spaces drops them all.
        #expect(try font.breakLines("AV    AV", size: 20, maxWidth: exact - 0.01) == ["AV", "AV"])
    }

    @Test func aWordWiderThanTheLineStaysWhole() throws {
        let font = try FontFixtures.font(FontFixtures.regular)
        #expect(try font.breakLines("a Supercalifragilistic b", size: 20, maxWidth: 60) == ["a", "Supercalifragilistic", "b"])
        #expect(try font.breakLines("", size: 20, maxWidth: 60) == [""])
        #expect(try font.breakLines("fits", size: 20, maxWidth: 600) == ["fits"])
    }

    @Test(arguments: ["地域の庭園ボランティア", "社區花園志工證明書", "커뮤니티 정원 봉사자"])
    func cjkTextBreaksBetweenCharactersToFit(text: String) throws {
        let font = try FontFixtures.font(FontFixtures.cjk)
        let size = 32.0, maxWidth = 100.0 // about three CJK characters
        let lines = try font.breakLines(text, size: size, maxWidth: maxWidth)
        #expect(lines.count >= 3)
        #expect(lines.joined().filter { $0 != " " } == text.filter { $0 != " " })
        for (i, line) in lines.enumerated() {
            #expect(try font.layout(line, size: size).width <= maxWidth, "\(line)")
            if i + 1 < lines.count, let next = lines[i + 1].first, !text.contains(line + " " + String(next)) {
                #expect(try font.layout(line + String(next), size: size).width > maxWidth, "\(line) + \(next)")
            }
        }
    }

    @Test func breakOpportunitiesFallBetweenCJKCharactersAndAfterSpaces() {
        #expect(LineBreaks.chunks("地域の庭") == ["地", "域", "の", "庭"])
        #expect(LineBreaks.chunks("커뮤니티 정원") == ["커", "뮤", "니", "티 ", "정", "원"])
        #expect(LineBreaks.chunks("社區花園 Open Badge") == ["社", "區", "花", "園 ", "Open ", "Badge"])
        #expect(LineBreaks.chunks("3.0バッジ") == ["3.0", "バ", "ッ", "ジ"])
        // A combining mark stays with its base.
        #expect(LineBreaks.chunks("か\u{3099}き") == ["か\u{3099}", "き"])
        #expect(LineBreaks.chunks("U+20000 𠀀𠀁") == ["U+20000 ", "𠀀", "𠀁"])
    }
}
