import Foundation
import SitegenCompress
import SitegenDigest
import Testing
@testable import SitegenPNG
import SitegenRandom

/// Broken files are thrown errors that say where, never a crash or a hang: PngSuite's corrupt
/// images, libpng's crashers, and every truncation and many in-place corruptions of good files.
@Suite struct CorruptFileTests {
    @Test func pngSuiteCorruptImagesAreLocatedErrors() throws {
        let located: [String: (offsets: ClosedRange<Int>, says: String)] = [
            "xs1n0g01.png": (0...7, "signature"), "xs2n0g01.png": (0...7, "signature"),
            "xs4n0g01.png": (0...7, "signature"), "xs7n0g01.png": (0...7, "signature"),
            // Line-ending conversions damage the signature's CR LF bytes.
            "xcrn0g04.png": (0...7, "signature"), "xlfn0g04.png": (0...7, "signature"),
            "xhdn0g08.png": (8...8, "CRC"), "xc1n0g08.png": (25...25, "colour type"),
            "xc9n2c08.png": (25...25, "colour type"), "xd0n2c08.png": (24...24, "bit depth"),
            "xd3n2c08.png": (24...24, "bit depth"), "xd9n2c08.png": (24...24, "bit depth"),
            "xdtn0g01.png": (0...Int.max, "IDAT"), "xcsn0g01.png": (33...Int.max, "CRC"),
        ]
        let files = try FixtureFolder.pngFiles().filter { $0.hasPrefix("PngSuite/x") }
        #expect(files.count == 14)
        for file in files {
            let name = String(file.dropFirst("PngSuite/".count))
            guard let want = located[name] else { Issue.record("\(file): no expectation"); continue }
            switch TimeBound.decode(try FixtureFolder.bytes(file), within: 2) {
            case .refused(let error):
                #expect(want.offsets.contains(error.offset), "\(file): \(error)")
                #expect(error.message.contains(want.says), "\(file): \(error)")
            case .decoded: Issue.record("\(file) decoded, but it is corrupt")
            case .timedOut: Issue.record("\(file): no answer within 2 s")
            }
        }
    }

    /// libpng's crashers: a clean error, or pixels equal to Pillow's where Pillow decodes the file.
    @Test func libpngCrashersAreCleanErrorsOrCorrectDecodes() throws {
        let expected = try FixtureFolder.expected().filter { $0.path.hasPrefix("libpng-crashers/") }
        #expect(expected.count == 23)
        for entry in expected {
            let png = try FixtureFolder.bytes(entry.path)
            let started = ContinuousClock.now
            let outcome = TimeBound.decode(png, within: 2)
            let elapsed = ContinuousClock.now - started
            switch (outcome, entry.expectation) {
            case (.timedOut, _):
                Issue.record("\(entry.path): no answer within 2 s")
            case (.refused(let error), _):
                #expect(error.offset >= 0 && error.offset <= png.count, "\(entry.path): \(error)")
                #expect(!error.message.isEmpty)
            case (.decoded(let image), .pixels(let width, let height, let sha256)):
                #expect(image.width == width && image.height == height, "\(entry.path)")
                #expect(PillowAgreementTests.hex(SHA256.hash(image.pixels)) == sha256, "\(entry.path): pixels differ from Pillow's")
            case (.decoded(let image), .error(let pillow)) where entry.path.hasSuffix("/empty_ancillary_chunks.png"):
                // Pillow stops at its empty cHRM; every ancillary chunk in it is empty, and its
                // 1×1 pixel is palette entry 0 of its one-entry PLTE, 80 00 80.
                #expect(image.pixels == [0x80, 0x00, 0x80, 0xFF], "\(entry.path) (Pillow: \(pillow))")
            case (.decoded, .error(let pillow)):
                Issue.record("\(entry.path): Pillow refuses it (\(pillow)) but we decode it: which is right?")
            }
            #expect(elapsed < .seconds(2), "\(entry.path) took \(elapsed)")
        }
    }

    /// Every prefix of a good file (none has its IEND) is an error, found in bounded time.
    @Test func everyTruncationIsAnError() throws {
        for file in ["PngSuite/basn3p04.png", "PngSuite/basi6a16.png", "PngSuite/oi9n2c16.png"] {
            let png = try FixtureFolder.bytes(file)
            for length in 0..<png.count {
                switch TimeBound.decode(Array(png[..<length]), within: 2) {
                case .refused(let error): #expect(error.offset <= length, "\(file) cut at \(length): \(error)")
                case .decoded: Issue.record("\(file) cut at \(length) decoded")
                case .timedOut: Issue.record("\(file) cut at \(length): no answer within 2 s")
                }
            }
        }
    }

    /// Corruptions past the CRC check: random bytes of good files changed and every CRC then
    /// recomputed, so the damage reaches IHDR checks, inflate, unfiltering and pixel conversion.
    /// Each must decode or be refused, promptly.
    @Test func corruptionBehindValidCRCsNeverCrashesOrHangs() throws {
        var generator = SplitMix(seed: 0x5EED_0F_C0FFEE)
        var refused = 0, decoded = 0
        for file in ["PngSuite/basn3p02.png", "PngSuite/basi2c08.png", "PngSuite/basn6a16.png", "PngSuite/tbrn2c08.png",
                     "PngSuite/s35i3p04.png", "PngSuite/f04n2c08.png", "PngSuite/z09n2c08.png"] {
            let original = try FixtureFolder.bytes(file)
            for _ in 0..<150 {
                var png = original
                for _ in 0..<Int.random(in: 1...3, using: &generator) {
                    let index = Int.random(in: 8..<png.count, using: &generator)
                    png[index] = UInt8.random(in: 0...255, using: &generator)
                }
                PNGBytes.fixCRCs(&png)
                switch TimeBound.decode(png, within: 2) {
                case .refused(let error):
                    #expect(error.offset >= 0 && error.offset <= png.count, "\(file): \(error)")
                    refused += 1
                case .decoded(let image):
                    #expect(image.pixels.count == image.width * image.height * 4)
                    decoded += 1
                case .timedOut: Issue.record("\(file) corrupted: no answer within 2 s")
                }
            }
        }
        // Both paths were exercised: the corruptions are not all caught at one check.
        #expect(refused > 100 && decoded > 20, "refused \(refused), decoded \(decoded)")
    }

    /// Damage inside the image data itself (filter-type bytes, samples, palette indices past the
    /// palette), behind a valid zlib stream: out-of-range filter types are located errors, the
    /// rest decode.
    @Test func corruptImageDataBehindValidZlibIsHandled() throws {
        var generator = SplitMix(seed: 42)
        var badFilters = 0, decoded = 0
        for file in ["PngSuite/basn3p01.png", "PngSuite/basi0g04.png", "PngSuite/basn4a16.png", "PngSuite/s07i3p02.png",
                     "PngSuite/basn6a08.png", "PngSuite/tbgn3p08.png"] {
            let original = try FixtureFolder.bytes(file)
            let (before, rows) = try PNGBytes.splitImageData(original)
            for _ in 0..<100 {
                var damaged = rows
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    damaged[Int.random(in: 0..<damaged.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
                }
                let png = before + PNGBytes.chunk("IDAT", ZlibStream.compress(damaged)) + PNGBytes.chunk("IEND", [])
                switch TimeBound.decode(png, within: 2) {
                case .refused(let error):
                    #expect(error.message.contains("filter type"), "\(file): \(error)")
                    #expect(error.offset == before.count, "\(file): \(error)")
                    badFilters += 1
                case .decoded: decoded += 1
                case .timedOut: Issue.record("\(file) damaged rows: no answer within 2 s")
                }
            }
        }
        #expect(badFilters > 20 && decoded > 200, "bad filters \(badFilters), decoded \(decoded)")
    }
}
