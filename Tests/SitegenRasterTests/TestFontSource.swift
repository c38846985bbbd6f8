import Foundation
import SitegenFont
@testable import SitegenRaster

/// The fixture DejaVu Sans faces as an `SVGFontSource`, through SitegenFont's reader: regular at
/// 400 and bold at 700, so weights of 600 and up are set bold.
enum TestFontSource {
    static func fixtures() throws -> FontList {
        let folder = Corpus.fixtures.deletingLastPathComponent().appendingPathComponent("fonts")
        return FontList([
            .init(font: try TrueTypeFont(bytes: Corpus.bytes(folder.appendingPathComponent("DejaVuSans-ASCII.ttf"))), family: "DejaVu Sans", weight: 400),
            .init(font: try TrueTypeFont(bytes: Corpus.bytes(folder.appendingPathComponent("DejaVuSans-Bold-ASCII.ttf"))), family: "DejaVu Sans", weight: 700),
        ])
    }
}
