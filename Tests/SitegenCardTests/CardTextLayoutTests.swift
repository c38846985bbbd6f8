import Testing
@testable import SitegenCard

/// Names set in the default theme's fonts: each character in the first face that has it, lines
/// no wider than the text box, Korean broken at spaces only, sizes shrunk to fit.
struct CardTextLayoutTests {
    @Test func shortLatinNameIsOneLineAtFullSizeThenTheIssuer() throws {
        let design = try ThemeFonts.design()
        let layout = try design.layout(name: "Cloud Basics", issuer: "Contoso Learning")
        #expect(layout.lines.count == 2)
        #expect(layout.lines[0].size == 64 && !layout.lines[0].issuer)
        #expect(layout.lines[0].runs.map(\.face) == [0])
        #expect(layout.lines[1].issuer && layout.lines[1].size == 30)
        #expect(layout.lines[1].baseline > layout.lines[0].baseline + 30)
    }

    @Test func longNamesBreakWithinTheBoxAndShrinkToFitTheLineLimit() throws {
        let design = try ThemeFonts.design()
        let words = "Expert en architecture de solutions infonuagiques Contoso Cloud pour les entreprises"
        let layout = try design.layout(name: words, issuer: nil)
        let nameLines = layout.lines.filter { !$0.issuer }
        #expect(nameLines.count <= 4)
        #expect(nameLines[0].size < 64)
        let faces = FaceRuns(faces: design.nameFaces)
        for line in nameLines {
            let text = line.runs.map(\.text).joined()
            #expect(faces.width(text, size: line.size) <= Double(design.style.textBox.width), "\(text)")
        }
        // Nothing lost: the words come back in order.
        #expect(nameLines.map { $0.runs.map(\.text).joined() }.joined(separator: " ") == words)
    }

    @Test func overlongNameEndsWithAnEllipsisAtTheSmallestSize() throws {
        let design = try ThemeFonts.design { $0.nameMaxLines = 2 }
        let layout = try design.layout(name: String(repeating: "Certification ", count: 12), issuer: nil)
        #expect(layout.lines.count == 2)
        #expect(layout.lines.allSatisfy { $0.size == 40 })
        #expect(layout.lines[1].runs.last?.text.hasSuffix("…") == true)
    }

    @Test func mixedScriptsFallBackFaceByFaceAndKoreanBreaksAtSpaces() throws {
        let design = try ThemeFonts.design()
        let korean = try design.layout(name: "Contoso Cloud 관리자 어소시에이트 프로페셔널 인증 과정", issuer: nil)
        let runs = korean.lines.flatMap(\.runs)
        #expect(runs.contains { $0.face == 0 && $0.text.hasPrefix("Contoso") })
        #expect(runs.contains { $0.face == 2 && $0.text.contains("관리자") })
        for line in korean.lines {
            let text = line.runs.map(\.text).joined()
            for word in ["관리자", "어소시에이트", "프로페셔널"] where text.contains(word.prefix(1)) && !text.contains(word) {
                Issue.record("'\(word)' split across lines: \(korean.lines.map { $0.runs.map(\.text).joined() })")
            }
        }
        let japanese = try design.layout(name: "Contoso Cloud ソリューション アーキテクト", issuer: "コントソ")
        let cjk = japanese.lines.flatMap(\.runs).filter { $0.face == 1 }.map(\.text).joined().filter { $0 != " " }
        #expect(cjk == "ソリューションアーキテクトコントソ")
        #expect(japanese.lines.last?.runs.map(\.face) == [1])
    }

    @Test func japaneseLinesKeepTheBasicKinsokuRules() throws {
        let design = try ThemeFonts.design()
        for name in ["Contoso Cloud ソリューション アーキテクト エキスパート", "クラウド管理「コア サービス」（試験 CL-104A）、上級。"] {
            let lines = try design.layout(name: name, issuer: nil).lines.map { $0.runs.map(\.text).joined() }
            #expect(lines.count > 1)
            for line in lines {
                #expect(!"ーッャュョァィゥェォ、。）」".contains(line.first!), "\(lines)")
                #expect(!"（「".contains(line.last!), "\(lines)")
            }
        }
    }

    @Test func aCharacterNoFontHasIsNamed() throws {
        let design = try ThemeFonts.design()
        let missing = design.missingGlyphs(name: "Runes ᚠᚢ", issuer: "Guild 𓀀")
        #expect(missing?.characters == ["ᚠ", "ᚢ", "𓀀"])
        #expect(missing?.description.contains("U+16A0") == true)
        #expect(design.missingGlyphs(name: "Spécialiste 認定 관리자", issuer: "Contoso") == nil)
    }
}
