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

    /// `filterRows` of `rows` of `pixels` (a whole picture), made from `original`: the whole
    /// picture as `filterRows` filtered it when only `changedBytes` of `changedRows` held other
    /// values. The original's filtered rows are copied and only what can read a changed byte is
    /// filtered again: the changed bytes and the `distance` after them (Paeth reads the left
    /// neighbour), in the changed rows and the row below them (it reads the row above), and the
    /// piece's first row whole (Sub instead of the original's Paeth). Same bytes as filtering the
    /// piece in full; a link-preview card's text changes under half of each row it touches.
    public static func filterRows(_ pixels: UnsafeBufferPointer<UInt8>, rowBytes: Int, distance: Int, rows: Range<Int>,
                                  reusing original: UnsafeBufferPointer<UInt8>,
                                  changedRows: Range<Int>, changedBytes: Range<Int>) -> [UInt8] {
        guard rowBytes > 0, !rows.isEmpty, let base = pixels.baseAddress, let filtered = original.baseAddress else { return [] }
        precondition(rows.upperBound * rowBytes <= pixels.count && rows.upperBound * (1 + rowBytes) <= original.count)
        let stride = 1 + rowBytes
        return [UInt8](unsafeUninitializedCapacity: rows.count * stride) { output, initialized in
            let out = output.baseAddress!
            out.initialize(from: filtered + rows.lowerBound * stride, count: rows.count * stride)
            let first = base + rows.lowerBound * rowBytes
            out[0] = ScanlineFilter.sub.rawValue
            ScanlineFilter.sub.apply(first, prior: first, count: rowBytes, distance: distance, into: out + 1)
            refilter(pixels, rowBytes: rowBytes, distance: distance, rows: rows, in: out,
                     changedRows: changedRows, changedBytes: changedBytes)
            initialized = rows.count * stride
        }
    }

    /// Filters again, in place, what reads a changed byte: `output` holds `rows` of `pixels`
    /// filtered as this type's `filterRows(…rows:…)` filters them (Sub for the first, Paeth for
    /// the rest) as they were before `changedBytes` of `changedRows` took other values. Returns
    /// the rows and the bytes of each row (filter type not counted) it wrote, for a caller that
    /// puts the originals back.
    @discardableResult
    public static func refilter(_ pixels: UnsafeBufferPointer<UInt8>, rowBytes: Int, distance: Int, rows: Range<Int>,
                                in output: UnsafeMutablePointer<UInt8>,
                                changedRows: Range<Int>, changedBytes: Range<Int>) -> (rows: Range<Int>, bytes: Range<Int>) {
        guard let base = pixels.baseAddress, !changedBytes.isEmpty else { return (0..<0, 0..<0) }
        precondition(rows.upperBound * rowBytes <= pixels.count)
        let refiltered = changedBytes.lowerBound..<min(rowBytes, changedBytes.upperBound + distance)
        let touched = max(rows.lowerBound, changedRows.lowerBound)..<min(rows.upperBound, changedRows.upperBound + 1)
        guard !touched.isEmpty else { return (0..<0, 0..<0) }
        for y in touched {
            let row = base + y * rowBytes
            let into = output + (y - rows.lowerBound) * (1 + rowBytes) + 1
            if y == rows.lowerBound {
                ScanlineFilter.sub.apply(row, prior: row, bytes: refiltered, distance: distance, into: into)
            } else {
                ScanlineFilter.paeth.apply(row, prior: row - rowBytes, bytes: refiltered, distance: distance, into: into)
            }
        }
        return (touched, refiltered)
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
