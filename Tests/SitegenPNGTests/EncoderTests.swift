import Foundation
import SitegenCompress
import SitegenDigest
import Testing
@testable import SitegenPNG
import SitegenRandom

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
    /// failure. On a card our files stay within 10% of Pillow's own (zlib level 6, adaptive
    /// filters). And for the smaller images, Python recomputes libpng's heuristic from the pixels
    /// Pillow decoded: every row's filter must be one of least Σ|signed byte| (Pillow's own
    /// encoder picks differently on some rows, so its choices are no reference).
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
            import struct, zlib
            folder = sys.argv[1]
            def heuristic(path, mode, w, h):
                data = open(path, "rb").read()
                offset, stream = 8, b""
                while offset < len(data):
                    length, kind = struct.unpack(">I4s", data[offset:offset + 8])
                    if kind == b"IDAT": stream += data[offset + 8:offset + 8 + length]
                    offset += 12 + length
                rows = zlib.decompress(stream)
                with Image.open(path) as im: raw = im.tobytes()
                bpp = {"L": 1, "LA": 2, "RGB": 3, "RGBA": 4}[mode]
                n = w * bpp
                prior = bytes(n)
                for y in range(h):
                    row = raw[y * n:(y + 1) * n]
                    costs = []
                    for f in range(5):
                        total = 0
                        for i in range(n):
                            a = row[i - bpp] if i >= bpp else 0
                            b = prior[i]
                            c = prior[i - bpp] if i >= bpp else 0
                            if f == 0: p = 0
                            elif f == 1: p = a
                            elif f == 2: p = b
                            elif f == 3: p = (a + b) // 2
                            else:
                                e = a + b - c
                                pa, pb, pc = abs(e - a), abs(e - b), abs(e - c)
                                p = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                            v = (row[i] - p) & 255
                            total += v if v < 128 else 256 - v
                        costs.append(total)
                    chosen = rows[y * (n + 1)]
                    if costs[chosen] != min(costs):
                        return "row%d:filter%d:costs%s" % (y, chosen, ",".join(map(str, costs)))
                    prior = row
                return "least-sum"
            for name in sorted(os.listdir(folder)):
                if not name.endswith(".png"): continue
                path = os.path.join(folder, name)
                with Image.open(path) as im:
                    pixels = im.convert("RGBA").tobytes()
                    w, h = im.size
                raw = open(path[:-4] + ".rgba", "rb").read()
                pillow = io.BytesIO()
                Image.frombytes("RGBA", (w, h), raw).convert(im.mode).save(pillow, "PNG")
                verdict = "unchecked" if name.endswith("card.png") else heuristic(path, im.mode, w, h)
                print(name[:-4], hashlib.sha256(pixels).hexdigest(), os.path.getsize(path), len(pillow.getvalue()), verdict)
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
            guard fields.count == 5, let want = expected[fields[0]] else { Issue.record("python3: \(line)"); continue }
            #expect(fields[1] == want, "\(fields[0]): Pillow reads other pixels")
            #expect(fields[4] == (fields[0].hasSuffix("card") ? "unchecked" : "least-sum"), "\(fields[0]): \(fields[4])")
            if fields[0].hasSuffix("card"), let ours = Double(fields[2]), let pillow = Double(fields[3]) {
                #expect(ours <= 1.1 * pillow, "\(fields[0]): ours \(Int(ours)) bytes, Pillow's \(Int(pillow))")
                print("size \(fields[0]): ours \(Int(ours)) bytes, Pillow \(Int(pillow))")
            }
            seen += 1
        }
        #expect(seen == images.count)
    }
}

/// Paeth filtering, whose loop skips flat 32-byte chunks, against the PNG specification's
/// predictor written out byte by byte, on rows with flat stretches, noise and edges between.
@Suite struct PaethFilterTests {
    @Test func filteredRowsAreTheSpecificationsPaeth() {
        var generator = SplitMix(seed: 5)
        let rowBytes = 3 * 150, rows = 12
        var pixels = [UInt8](repeating: 0x80, count: rowBytes * rows)
        for y in 0..<rows {
            for x in 0..<rowBytes {
                switch (y / 3 + x / 100) % 4 {
                case 0: pixels[y * rowBytes + x] = UInt8.random(in: 0...255, using: &generator)
                case 1: pixels[y * rowBytes + x] = UInt8(truncatingIfNeeded: x / 7)
                default: break  // flat
                }
            }
        }
        let filtered = pixels.withUnsafeBufferPointer { PNGPieces.filterRows($0, rowBytes: rowBytes, distance: 3) }
        func predictor(_ a: Int, _ b: Int, _ c: Int) -> Int {
            let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
            return pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
        }
        for y in 1..<rows {
            #expect(filtered[y * (rowBytes + 1)] == 4)
            for x in 0..<rowBytes {
                let a = x >= 3 ? Int(pixels[y * rowBytes + x - 3]) : 0, b = Int(pixels[(y - 1) * rowBytes + x])
                let c = x >= 3 ? Int(pixels[(y - 1) * rowBytes + x - 3]) : 0
                let expected = UInt8(truncatingIfNeeded: Int(pixels[y * rowBytes + x]) - predictor(a, b, c))
                #expect(filtered[y * (rowBytes + 1) + 1 + x] == expected, "row \(y), byte \(x)")
            }
        }
    }
}
