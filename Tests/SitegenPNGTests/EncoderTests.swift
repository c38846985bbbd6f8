import Foundation
import SitegenCompress
import SitegenDigest
import Testing
@testable import SitegenPNG

/// The encoder: our decoder and Pillow read back exactly the pixels written, in the smallest
/// colour type, with libpng's filter heuristic, in bytes that never change.
@Suite struct EncoderTests {
    @Test func roundTripsThroughOurDecoderInTheSmallestColourType() throws {
        for (name, image, colorType) in SampleImages.all {
            let png = PNGImage.encode(image)
            #expect(try PNGImage.decode(png) == image, "\(name)")
            #expect(png[24] == 8 && png[25] == colorType, "\(name): depth \(png[24]), colour type \(png[25])")
            for level in [Deflate.Level.fastest, .smallest] {
                #expect(try PNGImage.decode(PNGImage.encode(image, level: level)) == image, "\(name) at \(level)")
            }
        }
    }

    @Test func everyPngSuiteImageRoundTrips() throws {
        for file in try FixtureFolder.pngFiles() where file.hasPrefix("PngSuite/") && !file.hasPrefix("PngSuite/x") {
            let image = try PNGImage.decode(try FixtureFolder.bytes(file))
            #expect(try PNGImage.decode(PNGImage.encode(image)) == image, "\(file)")
        }
    }

    @Test func bytesAreDeterministicWithNoTimeOrTextChunk() throws {
        let image = SampleImages.card(width: 200, height: 105)
        let png = PNGImage.encode(image)
        #expect(png == PNGImage.encode(image))
        let text = String(decoding: png, as: UTF8.self)
        #expect(!text.contains("tIME") && !text.contains("tEXt"))
    }

    /// Rows equal to the row above score zero with Up; a horizontal ramp scores lowest with Sub;
    /// the first row of a flat image with None or Sub (tie: the lower type, None).
    @Test func filterChoiceFollowsTheMinimumSumHeuristic() throws {
        let ramp = SampleImages.make(64, 4) { x, _ in (UInt8(x * 3), UInt8(x * 2), UInt8(x), 255) }
        let rows = try PNGBytes.splitImageData(PNGImage.encode(ramp)).rows
        let stride = 1 + 64 * 3
        #expect((0..<4).map { rows[$0 * stride] } == [1, 2, 2, 2])
        let flat = try PNGBytes.splitImageData(PNGImage.encode(RGBAImage(width: 8, height: 2, red: 0, green: 0, blue: 0, alpha: 255))).rows
        #expect(flat[0] == 0 && flat[9] == 0)
    }

    /// Pillow (PyPI) opens what we write and gives the same RGBA; python3 or Pillow missing is a
    /// failure. And on a card our files stay within 10% of Pillow's own (zlib level 6, adaptive filters).
    @Test func pillowReadsOurFilesBackToTheSamePixels() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("sitegen-png-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var expected: [String: String] = [:]
        var images = SampleImages.all.map { ($0.name, $0.image) }
        images.append(("card", SampleImages.card()))
        images.append(("social-card", try PNGImage.decode(try FixtureFolder.bytes("cards/social-card-1200x630.png"))))
        for (name, image) in images {
            try Data(PNGImage.encode(image)).write(to: folder.appendingPathComponent("\(name).png"))
            try Data(image.pixels).write(to: folder.appendingPathComponent("\(name).rgba"))
            expected[name] = PillowAgreementTests.hex(SHA256.hash(image.pixels))
        }
        let script = """
            import hashlib, io, os, sys
            from PIL import Image
            folder = sys.argv[1]
            for name in sorted(os.listdir(folder)):
                if not name.endswith(".png"): continue
                path = os.path.join(folder, name)
                with Image.open(path) as im:
                    pixels = im.convert("RGBA").tobytes()
                    w, h = im.size
                raw = open(path[:-4] + ".rgba", "rb").read()
                pillow = io.BytesIO()
                Image.frombytes("RGBA", (w, h), raw).convert(im.mode).save(pillow, "PNG")
                print(name[:-4], hashlib.sha256(pixels).hexdigest(), os.path.getsize(path), len(pillow.getvalue()))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, folder.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python3 with Pillow: \(output)")
        var seen = 0
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count == 4, let want = expected[fields[0]] else { Issue.record("python3: \(line)"); continue }
            #expect(fields[1] == want, "\(fields[0]): Pillow reads other pixels")
            if fields[0].hasSuffix("card"), let ours = Double(fields[2]), let pillow = Double(fields[3]) {
                #expect(ours <= 1.1 * pillow, "\(fields[0]): ours \(Int(ours)) bytes, Pillow's \(Int(pillow))")
                print("size \(fields[0]): ours \(Int(ours)) bytes, Pillow \(Int(pillow))")
            }
            seen += 1
        }
        #expect(seen == images.count)
    }
}
