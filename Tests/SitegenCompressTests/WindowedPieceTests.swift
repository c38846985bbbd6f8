import Testing
import SitegenCompress
import SitegenDigest

/// A piece whose bytes outside a window of columns were parsed once: each version inflates to
/// exactly its own bytes, joins other pieces like `compressPiece`'s, and stays near the size
/// of compressing the version whole.
struct WindowedPieceTests {
    static let width = 400, height = 96
    static let rowLength = 1 + width * 3

    /// `rows` with the window's bytes of every row from `seed`: a different text per version,
    /// some rows flat and some noisy, as a card's text columns are.
    static func version(of rows: [UInt8], window: Range<Int>, seed: UInt64) -> [UInt8] {
        var bytes = rows
        let noise = SampleData.random(rows.count, seed: seed)
        for row in 0..<height where row % 5 != 0 {
            for column in window where noise[row * rowLength + column] % 3 != 0 {
                bytes[row * rowLength + column] = noise[row * rowLength + column] % 7
            }
        }
        return bytes
    }

    @Test func everyVersionInflatesToItsOwnBytes() throws {
        let rows = SampleData.cardScanlines(width: Self.width, height: Self.height)
        for window in [(1 + 200 * 3)..<(1 + 380 * 3 + 3), 0..<Self.rowLength, 5..<5, 1..<(1 + 30 * 3), (Self.rowLength - 9)..<Self.rowLength] {
            let piece = rows.withUnsafeBufferPointer { WindowedPiece($0, rowLength: Self.rowLength, columns: window) }
            for seed in [3, 4] as [UInt64] {
                let version = Self.version(of: rows, window: window, seed: seed)
                let deflated = version.withUnsafeBufferPointer { piece.compress($0) }
                #expect(try Inflate.decompress(deflated + Deflate.finalEmptyBlock) == version, "window \(window), seed \(seed)")
                // Joined after another piece, as a card joins it after the strips above.
                let before = Deflate.compressPiece(SampleData.text(5_000), level: .fastest)
                #expect(try Inflate.decompress(before + deflated + Deflate.finalEmptyBlock) == SampleData.text(5_000) + version)
                let whole = Deflate.compressPiece(version, level: .fastest)
                #expect(Double(deflated.count) < Double(whole.count) * 1.15, "window \(window): \(deflated.count) against \(whole.count)")
            }
        }
    }

    @Test func theSameVersionGivesTheSameBytes() throws {
        let rows = SampleData.cardScanlines(width: Self.width, height: Self.height)
        let window = (1 + 200 * 3)..<(1 + 380 * 3 + 3)
        let piece = rows.withUnsafeBufferPointer { WindowedPiece($0, rowLength: Self.rowLength, columns: window) }
        let version = Self.version(of: rows, window: window, seed: 9)
        let first = version.withUnsafeBufferPointer { piece.compress($0) }
        _ = rows.withUnsafeBufferPointer { piece.compress($0) }
        #expect(version.withUnsafeBufferPointer { piece.compress($0) } == first)
        let again = rows.withUnsafeBufferPointer { WindowedPiece($0, rowLength: Self.rowLength, columns: window) }
        #expect(version.withUnsafeBufferPointer { again.compress($0) } == first)
    }

    @Test func noRowsIsAnEmptyPiece() throws {
        let piece = [UInt8]().withUnsafeBufferPointer { WindowedPiece($0, rowLength: 7, columns: 2..<4) }
        let deflated = [UInt8]().withUnsafeBufferPointer { piece.compress($0) }
        #expect(try Inflate.decompress(deflated + Deflate.finalEmptyBlock) == [])
    }
}
