import SitegenCompress
import SitegenDigest

/// Writes an `RGBAImage` as a PNG: the smallest 8-bit colour type that holds it exactly, each row
/// filtered with the filter whose output has the smallest sum of absolute values (read as signed
/// bytes), libpng's heuristic, then one zlib stream. No time or text chunk: the bytes depend only
/// on the pixels and the level.
struct PNGEncoder {
    private let image: RGBAImage
    private let level: Deflate.Level

    init(_ image: RGBAImage, level: Deflate.Level) {
        self.image = image
        self.level = level
    }

    /// IDAT data is split into chunks of this size, as encoders commonly do, so no chunk nears
    /// the 2^31 - 1 length cap whatever the image size.
    static let imageDataChunkSize = 1 << 20

    func encode() -> [UInt8] {
        let colorType = smallestColorType()
        let channels = colorType.channels
        let rowBytes = image.width * channels
        let rows = packedRows(channels: channels)
        let filtered = filterRows(rows, rowBytes: rowBytes, distance: channels)
        let stream = ZlibStream.compress(filtered, level: level)

        var png = ChunkReader.signature
        var header: [UInt8] = []
        header += bigEndian(UInt32(image.width))
        header += bigEndian(UInt32(image.height))
        header += [8, colorType.rawValue, 0, 0, 0]
        appendChunk("IHDR", header, to: &png)
        var start = 0
        repeat {
            let end = min(stream.count, start + Self.imageDataChunkSize)
            appendChunk("IDAT", stream[start..<end], to: &png)
            start = end
        } while start < stream.count
        appendChunk("IEND", [], to: &png)
        return png
    }

    private func smallestColorType() -> ColorType {
        var opaque = true, grey = true
        image.pixels.withUnsafeBufferPointer { pixels in
            var index = 0
            while index < pixels.count && (opaque || grey) {
                if pixels[index + 3] != 255 { opaque = false }
                if pixels[index] != pixels[index + 1] || pixels[index] != pixels[index + 2] { grey = false }
                index += 4
            }
        }
        switch (grey, opaque) {
        case (true, true): return .grey
        case (true, false): return .greyAlpha
        case (false, true): return .rgb
        case (false, false): return .rgba
        }
    }

    /// The pixels with only the channels the colour type keeps.
    private func packedRows(channels: Int) -> [UInt8] {
        if channels == 4 { return image.pixels }
        let keep: [Int] = channels == 1 ? [0] : channels == 2 ? [0, 3] : [0, 1, 2]
        var packed = [UInt8](repeating: 0, count: image.width * image.height * channels)
        packed.withUnsafeMutableBufferPointer { packed in
            image.pixels.withUnsafeBufferPointer { pixels in
                var out = 0
                for pixel in stride(from: 0, to: pixels.count, by: 4) {
                    for channel in keep {
                        packed[out] = pixels[pixel + channel]
                        out += 1
                    }
                }
            }
        }
        return packed
    }

    /// Each row preceded by its filter type byte, filtered with the heuristic's choice.
    private func filterRows(_ rows: [UInt8], rowBytes: Int, distance: Int) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: image.height * (1 + rowBytes))
        var candidate = [UInt8](repeating: 0, count: rowBytes)
        rows.withUnsafeBufferPointer { rows in
            output.withUnsafeMutableBufferPointer { output in
                candidate.withUnsafeMutableBufferPointer { candidate in
                    guard rowBytes > 0, let rows = rows.baseAddress else { return }
                    let candidate = candidate.baseAddress!
                    for y in 0..<image.height {
                        let row = rows + y * rowBytes
                        let prior = y == 0 ? nil : row - rowBytes
                        let destination = output.baseAddress! + y * (1 + rowBytes)
                        var best = UInt64.max
                        for filter in ScanlineFilter.allCases {
                            filter.apply(row, count: rowBytes, prior: prior, distance: distance, into: candidate)
                            let cost = Self.signedSum(candidate, count: rowBytes, giveUpAbove: best)
                            if cost < best {
                                best = cost
                                destination[0] = filter.rawValue
                                (destination + 1).update(from: candidate, count: rowBytes)
                            }
                        }
                    }
                }
            }
        }
        return output
    }

    /// Σ|b| with each byte read as signed: small differences, positive or negative, score low.
    private static func signedSum(_ bytes: UnsafePointer<UInt8>, count: Int, giveUpAbove limit: UInt64) -> UInt64 {
        var sum: UInt64 = 0
        for i in 0..<count {
            let value = Int8(bitPattern: bytes[i])
            sum += UInt64(value.magnitude)
            // Checked every 256 bytes so the common case stays a tight loop.
            if i & 255 == 255 && sum >= limit { return sum }
        }
        return sum
    }

    private func appendChunk<Data: Collection>(_ type: StaticString, _ data: Data, to png: inout [UInt8])
        where Data.Element == UInt8 {
        png += bigEndian(UInt32(data.count))
        let typeStart = png.count
        type.withUTF8Buffer { png += $0 }
        png += data
        png += bigEndian(CRC32.checksum(png[typeStart...]))
    }

    private func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
