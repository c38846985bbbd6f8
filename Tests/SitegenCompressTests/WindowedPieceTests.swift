import Testing
@testable import SitegenCompress
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
            // Codes made for a sample version, as a card's are for sample text.
            let sample = Self.version(of: rows, window: window, seed: 2)
            let frequencies = sample.withUnsafeBufferPointer { WindowedPiece.windowFrequencies(of: $0, rowLength: Self.rowLength, columns: window) }
            let piece = rows.withUnsafeBufferPointer { WindowedPiece($0, rowLength: Self.rowLength, columns: window, windowFrequencies: frequencies) }
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

    /// Codes made for the shared bytes and for a sample's windows still write any other
    /// version (every symbol has a code): the sample near codes made for itself, versions
    /// unlike it larger but whole.
    @Test func codesMadeForASampleWriteOtherVersions() throws {
        let rows = SampleData.cardScanlines(width: Self.width, height: Self.height)
        let window = (1 + 200 * 3)..<(1 + 380 * 3 + 3)
        let sample = Self.version(of: rows, window: window, seed: 3)
        let frequencies = sample.withUnsafeBufferPointer { WindowedPiece.windowFrequencies(of: $0, rowLength: Self.rowLength, columns: window) }
        #expect(frequencies.tokenCount > 1_000)
        let piece = rows.withUnsafeBufferPointer { WindowedPiece($0, rowLength: Self.rowLength, columns: window, windowFrequencies: frequencies) }
        // Other noise, every byte value, and runs at long distances in the windows.
        var unlike = Self.version(of: rows, window: window, seed: 5)
        for row in stride(from: 1, to: Self.height, by: 7) {
            for (offset, column) in window.enumerated() { unlike[row * Self.rowLength + column] = UInt8(truncatingIfNeeded: offset &* 37 &+ row) }
        }
        for version in [sample, unlike, rows] {
            let deflated = version.withUnsafeBufferPointer { piece.compress($0) }
            #expect(try Inflate.decompress(deflated + Deflate.finalEmptyBlock) == version)
        }
        let deflated = sample.withUnsafeBufferPointer { piece.compress($0) }
        let whole = Deflate.compressPiece(sample, level: .fastest)
        #expect(Double(deflated.count) < Double(whole.count) * 1.15, "\(deflated.count) against \(whole.count)")
    }

    /// A version that leaves flat windows as the piece had them, named by `changedRows`, gets
    /// those windows' runs as written once, and inflates to its bytes.
    @Test func unchangedFlatWindowsAreWrittenAsMade() throws {
        let width = 64, rowLength = 1 + width * 3, height = 40
        let window = (1 + 20 * 3)..<(1 + 60 * 3)
        var rows = [UInt8](repeating: 0, count: rowLength * height)
        for row in 0..<height {
            rows[row * rowLength] = 4
            for column in 1..<rowLength { rows[row * rowLength + column] = row % 3 == 0 ? 9 : 0 }
        }
        // Not flat: row 10's window, row 11's byte before its window, row 12's last byte.
        rows[10 * rowLength + window.lowerBound + 7] = 1
        rows[11 * rowLength + window.lowerBound - 1] = 1
        rows[12 * rowLength + window.upperBound - 1] = 1
        let piece = rows.withUnsafeBufferPointer { WindowedPiece($0, rowLength: rowLength, columns: window) }
        let flat = (0..<height).filter { row in piece.blocks.contains { $0.rows.contains(row) && $0.flatWindows[row - $0.rows.lowerBound] != nil } }
        #expect(flat == (0..<height).filter { !(10...12).contains($0) })
        var version = rows
        for row in 20..<25 { for column in window where column % 5 == 0 { version[row * rowLength + column] = UInt8(column % 251) } }
        for changedRows in [20..<25, 0..<height, 15..<30] {
            let deflated = version.withUnsafeBufferPointer { piece.compress($0, changedRows: changedRows) }
            #expect(try Inflate.decompress(deflated + Deflate.finalEmptyBlock) == version, "\(changedRows)")
        }
    }

    @Test func noRowsIsAnEmptyPiece() throws {
        let piece = [UInt8]().withUnsafeBufferPointer { WindowedPiece($0, rowLength: 7, columns: 2..<4) }
        let deflated = [UInt8]().withUnsafeBufferPointer { piece.compress($0) }
        #expect(try Inflate.decompress(deflated + Deflate.finalEmptyBlock) == [])
    }
}
