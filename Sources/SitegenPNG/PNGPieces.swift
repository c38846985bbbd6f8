import SitegenDigest

/// For writers that keep compressed pieces of a picture and join them (the link-preview card
/// reuses the rows its text does not touch): rows filtered without reference to the rows above
/// the piece, and the file put together around a zlib stream made elsewhere.
public enum PNGPieces {
    /// `pixels`, rows of `rowBytes` bytes, each preceded by its filter type: Sub for the first,
    /// which must not read the row above (so the filtered piece is the same whatever comes before
    /// it), Paeth for the others. No per-row choice: on a card's flat colour, anti-aliased text
    /// and artwork, Paeth is what the heuristic picks for most rows anyway, and trying all five
    /// filters on every row was a fifth of a card's time.
    public static func filterRows(_ pixels: UnsafeBufferPointer<UInt8>, rowBytes: Int, distance: Int) -> [UInt8] {
        guard rowBytes > 0, let base = pixels.baseAddress else { return [] }
        let rows = pixels.count / rowBytes
        return [UInt8](unsafeUninitializedCapacity: rows * (1 + rowBytes)) { output, initialized in
            for y in 0..<rows {
                let row = base + y * rowBytes
                let filter: ScanlineFilter = y == 0 ? .sub : .paeth
                let destination = output.baseAddress! + y * (1 + rowBytes)
                destination[0] = filter.rawValue
                filter.apply(row, prior: y == 0 ? row : row - rowBytes, count: rowBytes, distance: distance, into: destination + 1)
            }
            initialized = rows * (1 + rowBytes)
        }
    }

    /// An 8-bit RGB PNG (colour type 2, no interlace) whose image data is `zlibStream`.
    public static func rgbFile(width: Int, height: Int, zlibStream: [UInt8]) -> [UInt8] {
        var png = ChunkReader.signature
        var header: [UInt8] = []
        header += bigEndian(UInt32(width))
        header += bigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0]
        appendChunk("IHDR", header[...], to: &png)
        var start = 0
        repeat {
            let end = min(zlibStream.count, start + PNGEncoder.imageDataChunkSize)
            appendChunk("IDAT", zlibStream[start..<end], to: &png)
            start = end
        } while start < zlibStream.count
        appendChunk("IEND", [][...], to: &png)
        return png
    }

    private static func appendChunk(_ type: String, _ data: ArraySlice<UInt8>, to png: inout [UInt8]) {
        png += bigEndian(UInt32(data.count))
        let typeStart = png.count
        png += Array(type.utf8)
        png += data
        png += bigEndian(CRC32.checksum(png[typeStart...]))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
