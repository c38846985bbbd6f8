import Foundation
import SitegenDigest
import Testing
@testable import SitegenPNG

/// Every PngSuite image (Willem van Schaik's full suite and libpng's copy) that Pillow decodes,
/// we decode to the same RGBA pixels: compared through the SHA-256 of the RGBA bytes that
/// make_expected.py recorded from Pillow.
@Suite struct PillowAgreementTests {
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    @Test func expectedTextCoversEveryFixture() throws {
        let listed = Set(try FixtureFolder.expected().map(\.path))
        let files = try FixtureFolder.pngFiles()
        #expect(files.count >= 250, "only \(files.count) PNG fixtures found")
        for file in files { #expect(listed.contains(file), "\(file) has no line in expected.txt: rerun make_expected.py") }
        #expect(listed.count == files.count)
    }

    @Test func everyImagePillowDecodesGivesPillowsPixels() throws {
        var compared = 0
        for entry in try FixtureFolder.expected() where !entry.path.hasPrefix("libpng-crashers/") {
            guard case let .pixels(width, height, sha256) = entry.expectation else { continue }
            let png = try FixtureFolder.bytes(entry.path)
            do {
                let image = try PNGImage.decode(png)
                #expect(image.width == width && image.height == height, "\(entry.path): \(image.width)×\(image.height)")
                #expect(Self.hex(SHA256.hash(image.pixels)) == sha256, "\(entry.path): pixels differ from Pillow's")
                compared += 1
            } catch {
                // xcsn0g01 (a bad IDAT CRC) is the one Pillow reads and must not: it skips IDAT CRCs.
                #expect(entry.path.hasSuffix("/xcsn0g01.png"), "\(entry.path): \(error)")
            }
        }
        // 162 in the full suite + 60 in libpng's copy, all but the corrupt file above.
        #expect(compared >= 220, "compared only \(compared) images")
    }

    /// One image of each colour type and depth, checked pixel by pixel where the spec fixes the
    /// answer, independent of Pillow: basn0g02 is a 2-bit grey ramp, basn3p04 a 4-bit palette.
    @Test func lowBitDepthsScaleAndIndexAsTheSpecificationSays() throws {
        let grey = try PNGImage.decode(try FixtureFolder.bytes("PngSuite/basn0g02.png"))
        let levels = Set(stride(from: 0, to: grey.pixels.count, by: 4).map { grey.pixels[$0] })
        #expect(levels == [0, 85, 170, 255])
        let fifteen = try PNGImage.decode(try FixtureFolder.bytes("PngSuite/basn0g04.png"))
        #expect(Set(stride(from: 0, to: fifteen.pixels.count, by: 4).map { fifteen.pixels[$0] % 17 }) == [0])
    }

    /// The interlaced and non-interlaced copies of each image decode to the same pixels.
    @Test func adam7GivesTheSamePixelsAsSequentialRows() throws {
        var pairs = 0
        for file in try FixtureFolder.pngFiles() where file.hasPrefix("PngSuite/basi") {
            let sequential = file.replacingOccurrences(of: "/basi", with: "/basn")
            let a = try PNGImage.decode(try FixtureFolder.bytes(file))
            let b = try PNGImage.decode(try FixtureFolder.bytes(sequential))
            #expect(a == b, "\(file) vs \(sequential)")
            pairs += 1
        }
        #expect(pairs == 15)
    }
}
