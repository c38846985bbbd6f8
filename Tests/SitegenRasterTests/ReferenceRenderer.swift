import Foundation
import SitegenCompress
import SitegenRaster

/// librsvg's `rsvg-convert` (Debian `librsvg2-bin`, installed by `.ci/run`), the reference the
/// corpus is compared with. Missing, it is a thrown error: the comparison tests fail.
enum ReferenceRenderer {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static let candidates = ["/usr/bin/rsvg-convert", "/usr/local/bin/rsvg-convert", "/opt/homebrew/bin/rsvg-convert"]

    static func executable() throws -> String {
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Failure(description: "rsvg-convert not found (apt-get install librsvg2-bin); looked in \(candidates)")
        }
        return path
    }

    /// The PNG rsvg-convert writes for `svg` at exactly `width × height`, decoded.
    static func render(_ svg: [UInt8], width: Int, height: Int) throws -> (width: Int, height: Int, rgba: [UInt8]) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try executable())
        process.arguments = ["-w", "\(width)", "-h", "\(height)", "-f", "png"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Write and read concurrently so that neither pipe can fill up and stall the other side.
        let writer = Thread {
            input.fileHandleForWriting.write(Data(svg))
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let png = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "rsvg-convert failed: \(String(decoding: message, as: UTF8.self))")
        }
        return try TestPNGReader.decode([UInt8](png))
    }
}

/// Just enough PNG decoding for rsvg-convert's output: 8-bit RGBA or RGB (it writes RGB when
/// the picture is opaque), not interlaced, every row filter. Test-only; the project's own decoder lives in SitegenPNG.
enum TestPNGReader {
    struct Failure: Error, CustomStringConvertible { let description: String }

    static func decode(_ bytes: [UInt8]) throws -> (width: Int, height: Int, rgba: [UInt8]) {
        guard bytes.count > 8, bytes[0..<8].elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else {
            throw Failure(description: "not a PNG")
        }
        func u32(_ i: Int) -> Int { Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3]) }
        var i = 8
        var width = 0, height = 0, channels = 4
        var idat: [UInt8] = []
        while i + 8 <= bytes.count {
            let length = u32(i)
            let type = String(decoding: bytes[(i + 4)..<(i + 8)], as: UTF8.self)
            let data = i + 8
            guard data + length + 4 <= bytes.count else { throw Failure(description: "truncated chunk \(type)") }
            switch type {
            case "IHDR":
                width = u32(data); height = u32(data + 4)
                guard bytes[data + 8] == 8, bytes[data + 9] == 6 || bytes[data + 9] == 2, bytes[data + 12] == 0 else {
                    throw Failure(description: "expected 8-bit RGB(A) non-interlaced, got depth \(bytes[data + 8]) type \(bytes[data + 9])")
                }
                channels = bytes[data + 9] == 6 ? 4 : 3
            case "IDAT": idat += bytes[data..<(data + length)]
            default: break
            }
            i = data + length + 4
        }
        let raw = try ZlibStream.decompress(idat)
        let stride = width * channels
        guard raw.count == height * (stride + 1) else { throw Failure(description: "IDAT holds \(raw.count) bytes") }
        var out = [UInt8](repeating: 0, count: height * stride)
        for y in 0..<height {
            let filter = raw[y * (stride + 1)]
            let src = y * (stride + 1) + 1
            for x in 0..<stride {
                let a = x >= channels ? Int(out[y * stride + x - channels]) : 0
                let b = y > 0 ? Int(out[(y - 1) * stride + x]) : 0
                let c = x >= channels && y > 0 ? Int(out[(y - 1) * stride + x - channels]) : 0
                let value = Int(raw[src + x])
                let predicted: Int
                switch filter {
                case 0: predicted = 0
                case 1: predicted = a
                case 2: predicted = b
                case 3: predicted = (a + b) / 2
                case 4:
                    let p = a + b - c
                    let pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predicted = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
                default: throw Failure(description: "filter \(filter)")
                }
                out[y * stride + x] = UInt8((value + predicted) & 0xFF)
            }
        }
        guard channels == 3 else { return (width, height, out) }
        var rgba = [UInt8](repeating: 255, count: width * height * 4)
        for p in 0..<(width * height) {
            rgba[p * 4] = out[p * 3]; rgba[p * 4 + 1] = out[p * 3 + 1]; rgba[p * 4 + 2] = out[p * 3 + 2]
        }
        return (width, height, rgba)
    }
}

/// Peak signal-to-noise ratio between two straight-RGBA pictures, compared premultiplied (so
/// that the colour of fully transparent pixels, which means nothing, does not count), over all
/// four channels: 10·log10(255² / mean squared error). Identical pictures give +infinity.
enum PSNR {
    static func of(_ a: [UInt8], _ b: [UInt8]) -> Double {
        precondition(a.count == b.count)
        var sum = 0.0
        var i = 0
        while i < a.count {
            let alphaA = Double(a[i + 3]) / 255, alphaB = Double(b[i + 3]) / 255
            for c in 0..<3 {
                let d = Double(a[i + c]) * alphaA - Double(b[i + c]) * alphaB
                sum += d * d
            }
            let d = Double(a[i + 3]) - Double(b[i + 3])
            sum += d * d
            i += 4
        }
        let mse = sum / Double(a.count)
        return mse == 0 ? .infinity : 10 * log10(255 * 255 / mse)
    }
}

/// `TestPNGReader` as an `SVGImageDecoder`, for the corpus files with embedded PNGs.
struct TestImageDecoder: SVGImageDecoder {
    func decode(_ bytes: [UInt8], mediaType: String) -> RasterImage? {
        guard mediaType == "image/png", let png = try? TestPNGReader.decode(bytes) else { return nil }
        return RasterImage(width: png.width, height: png.height, pixels: png.rgba)
    }
}
