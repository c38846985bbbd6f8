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
        let count = image.width * image.height
        return [UInt8](unsafeUninitializedCapacity: count * channels) { packed, initialized in
            image.pixels.withUnsafeBufferPointer { pixels in
                let source = pixels.baseAddress!, target = packed.baseAddress!
                switch channels {
                case 1: for i in 0..<count { target[i] = source[4 * i] }
                case 2:
                    for i in 0..<count {
                        target[2 * i] = source[4 * i]
                        target[2 * i + 1] = source[4 * i + 3]
                    }
                default:
                    for i in 0..<count {
                        target[3 * i] = source[4 * i]
                        target[3 * i + 1] = source[4 * i + 1]
                        target[3 * i + 2] = source[4 * i + 2]
                    }
                }
            }
            initialized = count * channels
        }
    }

    /// Each row preceded by its filter type byte, filtered with the heuristic's choice (ties go
    /// to the lower filter type).
    private func filterRows(_ rows: [UInt8], rowBytes: Int, distance: Int) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: image.height * (1 + rowBytes))
        guard rowBytes > 0 else { return output }
        let zeros = [UInt8](repeating: 0, count: rowBytes)
        rows.withUnsafeBufferPointer { rows in
            output.withUnsafeMutableBufferPointer { output in
                zeros.withUnsafeBufferPointer { zeros in
                    let rows = rows.baseAddress!
                    for y in 0..<image.height {
                        let row = rows + y * rowBytes
                        let prior = y == 0 ? zeros.baseAddress! : row - rowBytes
                        var bestCost = Int.max, bestFilter = ScanlineFilter.none
                        for filter in ScanlineFilter.allCases {
                            let cost = filter.cost(row, prior: prior, count: rowBytes, distance: distance, givingUpAt: bestCost)
                            if cost < bestCost {
                                bestCost = cost
                                bestFilter = filter
                            }
                        }
                        let destination = output.baseAddress! + y * (1 + rowBytes)
                        destination[0] = bestFilter.rawValue
                        bestFilter.apply(row, prior: prior, count: rowBytes, distance: distance, into: destination + 1)
                    }
                }
            }
        }
        return output
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
