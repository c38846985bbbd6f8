import Foundation
import SitegenFont
@testable import SitegenCard

/// The default theme's fonts and style, read from the repository (a missing file fails the test
/// that needs it), and a design made from them as the theme loader makes it.
enum ThemeFonts {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Themes/default/fonts").standardized

    static let names = ["NotoSans-Bold.ttf", "NotoSans-Regular.ttf", "DroidSansFallbackFull.ttf", "NanumSquareB.ttf"]

    static func fonts() throws -> [(name: String, font: TrueTypeFont)] {
        try names.map { name in
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            return (name, try TrueTypeFont(bytes: [UInt8](data)))
        }
    }

    static func design(_ change: (inout CardStyle) -> Void = { _ in }) throws -> CardDesign {
        var style = CardStyle()
        style.nameFonts = ["NotoSans-Bold.ttf", "DroidSansFallbackFull.ttf", "NanumSquareB.ttf"]
        style.issuerFonts = ["NotoSans-Regular.ttf", "DroidSansFallbackFull.ttf", "NanumSquareB.ttf"]
        change(&style)
        return CardDesign(style: style, fonts: try fonts())
    }
}
