import SitegenCompress

/// Reads a PNG file's chunks in order, inflates its image data and rebuilds the pixels.
///
/// Ancillary chunks other than `tRNS` (gAMA, cHRM, sRGB, iCCP, sBIT, bKGD, text, time…) are
/// CRC-checked and then disregarded: pixels come out as stored, without gamma or colour-profile
/// correction, as Pillow gives them. A malformed `tRNS` (wrong length for the colour type, after
/// IDAT, longer than the palette) is disregarded as libpng does; a malformed critical chunk is an error.
struct PNGDecoder {
    private let png: [UInt8]
    private let maxPixels: Int

    init(_ png: [UInt8], maxPixels: Int) {
        self.png = png
        self.maxPixels = maxPixels
    }

    private static let ihdr = ChunkReader.code("IHDR")
    private static let plte = ChunkReader.code("PLTE")
    private static let trns = ChunkReader.code("tRNS")
    private static let idat = ChunkReader.code("IDAT")
    private static let iend = ChunkReader.code("IEND")

    func decode() throws(PNGError) -> RGBAImage {
        var reader = try ChunkReader(png)
        let first = try reader.next()
        guard first.type == Self.ihdr else {
            throw PNGError("first chunk is '\(first.name)', not IHDR", at: first.offset)
        }
        let header = try PNGHeader(png[first.dataRange], at: first.offset, maxPixels: maxPixels)

        var palette: [UInt8]?
        var transparency: [UInt8]?
        var imageData: [ChunkSpan] = []
        var imageDataEnded = false
        while true {
            let chunk = try reader.next()
            if !imageData.isEmpty && chunk.type != Self.idat { imageDataEnded = true }
            switch chunk.type {
            case Self.iend:
                guard !imageData.isEmpty else { throw PNGError("IEND before any IDAT chunk", at: chunk.offset) }
                return try pixels(header, palette: palette ?? [], transparency: transparency, imageData: imageData)
            case Self.idat:
                guard !imageDataEnded else {
                    throw PNGError("IDAT chunk after another chunk ended the image data: IDATs must be consecutive", at: chunk.offset)
                }
                if header.colorType == .palette && palette == nil {
                    throw PNGError("palette image has no PLTE chunk before its image data", at: chunk.offset)
                }
                imageData.append(chunk)
            case Self.plte:
                // A suggested palette for truecolour images, meaningless for grey ones: only
                // palette images need it, but a malformed one is an error whatever the type.
                guard palette == nil else { throw PNGError("second PLTE chunk", at: chunk.offset) }
                guard imageData.isEmpty else { throw PNGError("PLTE chunk after the image data", at: chunk.offset) }
                let count = chunk.dataRange.count
                guard count % 3 == 0, count >= 3, count <= 768 else {
                    throw PNGError("PLTE chunk is \(count) bytes: not 1 to 256 entries of 3 bytes", at: chunk.offset)
                }
                if header.colorType == .palette {
                    // Entries past what the bit depth can index are harmless; libpng accepts them too.
                    palette = Array(png[chunk.dataRange])
                } else if header.colorType == .rgb || header.colorType == .rgba {
                    palette = []
                }
            case Self.trns:
                if imageData.isEmpty && transparency == nil && fits(transparency: chunk, header: header, palette: palette) {
                    transparency = Array(png[chunk.dataRange])
                }
            case Self.ihdr:
                throw PNGError("second IHDR chunk", at: chunk.offset)
            default:
                guard !chunk.isCritical else {
                    throw PNGError("unknown critical chunk '\(chunk.name)'", at: chunk.offset)
                }
            }
        }
    }

    private func fits(transparency chunk: ChunkSpan, header: PNGHeader, palette: [UInt8]?) -> Bool {
        switch header.colorType {
        case .grey: return chunk.dataRange.count == 2
        case .rgb: return chunk.dataRange.count == 6
        case .palette:
            guard let palette else { return false }
            return chunk.dataRange.count <= palette.count / 3
        case .greyAlpha, .rgba: return false
        }
    }

    private func pixels(_ header: PNGHeader, palette: [UInt8], transparency: [UInt8]?,
                        imageData: [ChunkSpan]) throws(PNGError) -> RGBAImage {
        let expected = header.imageDataCount
        var stream: [UInt8] = []
        stream.reserveCapacity(imageData.reduce(0) { $0 + $1.dataRange.count })
        for chunk in imageData { stream += png[chunk.dataRange] }

        var filtered: [UInt8]
        do {
            // The header fixes the exact size: inflating stops at it, so a bomb costs nothing.
            // Bytes after the zlib stream's end are disregarded, as libpng does.
            filtered = try ZlibStream.decompress(stream, limit: expected, trailingData: .ignore)
        } catch {
            let at = fileOffset(ofStreamByte: error.offset, in: imageData)
            if case .outputLimitExceeded = error.reason {
                throw PNGError("image data holds more than the \(expected) bytes a \(header.width)×\(header.height) image needs", at: at)
            }
            throw PNGError("image data: \(error.message)", at: at)
        }
        guard filtered.count == expected else {
            throw PNGError("image data is \(filtered.count) bytes, but a \(header.width)×\(header.height) image needs \(expected)",
                           at: imageData.last!.offset)
        }

        let converter = PixelConverter(header: header, palette: palette, transparency: transparency)
        var image = [UInt8](repeating: 0, count: header.width * header.height * 4)
        let distance = header.filterDistance
        let badFilter: (position: Int, type: UInt8)? = filtered.withUnsafeMutableBufferPointer { data in
            image.withUnsafeMutableBufferPointer { image in
                let data = data.baseAddress!, image = image.baseAddress!
                var position = 0
                for pass in header.passes where !pass.isEmpty {
                    let rowBytes = header.rowBytes(width: pass.width)
                    for y in 0..<pass.height {
                        guard let filter = ScanlineFilter(rawValue: data[position]) else { return (position, data[position]) }
                        let row = data + position + 1
                        filter.reconstruct(row, count: rowBytes, prior: y == 0 ? nil : UnsafePointer(row - rowBytes - 1),
                                           distance: distance)
                        converter.convert(row, pass: pass, y: y, into: image)
                        position += 1 + rowBytes
                    }
                }
                return nil
            }
        }
        if let badFilter {
            throw PNGError("image data byte \(badFilter.position) (after inflating) is filter type \(badFilter.type), not 0 to 4",
                           at: imageData[0].offset)
        }
        return RGBAImage(width: header.width, height: header.height, pixels: image)
    }

    /// The file offset of byte `index` of the IDAT chunks' joined data.
    private func fileOffset(ofStreamByte index: Int, in chunks: [ChunkSpan]) -> Int {
        var remaining = index
        for chunk in chunks {
            if remaining < chunk.dataRange.count { return chunk.dataRange.lowerBound + remaining }
            remaining -= chunk.dataRange.count
        }
        return chunks.last!.dataRange.upperBound
    }
}
