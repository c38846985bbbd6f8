/// A piece of deflate data, as `Deflate.compressPiece` makes (no final block, a sync flush at
/// the end), for rows whose bytes outside a fixed window of columns are the same in every
/// version: a link-preview card's background and artwork beside its text, which is all that
/// changes between a badge's languages. The shared bytes are parsed into LZ77 tokens once; a
/// version parses only its window's bytes, and each block is written from both token streams.
///
/// A shared token copies only shared bytes and no token runs across a window's edge, so the
/// shared tokens stand for the same bytes in every version; a window's tokens may copy from
/// anything before them. Fastest-level parsing (greedy, short chains).
public struct WindowedPiece: Sendable {
    let rows: Int
    let window: RangeMatchFinder.Window
    /// The tokens of the shared bytes before row `k`'s window (for k = rows: after the last
    /// window) are `sharedTokens[sharedStarts[k]..<sharedStarts[k + 1]]`.
    let sharedTokens: [UInt32]
    let sharedStarts: [Int]
    /// Each shared stretch's byte count.
    let sharedByteCounts: [Int]

    /// `piece`: `rowLength` bytes a row; `columns`: the bytes of each row that may differ
    /// between versions.
    public init(_ piece: UnsafeBufferPointer<UInt8>, rowLength: Int, columns: Range<Int>) {
        precondition(rowLength > 0 && piece.count % rowLength == 0 && columns.lowerBound >= 0 && columns.upperBound <= rowLength)
        rows = piece.count / rowLength
        window = .init(rowLength: rowLength, columns: columns)
        var finder = RangeMatchFinder(piece, sourceWindow: window)
        var tokens: [UInt32] = []
        var starts = [0]
        var byteCounts: [Int] = []
        var stretch = BlockTokens(capacity: rowLength)
        for row in 0...rows {
            finder.parse(Self.shared(before: row, rows: rows, window: window), into: &stretch)
            tokens += stretch.tokens
            starts.append(tokens.count)
            byteCounts.append(stretch.byteCount)
            stretch.removeAll()
        }
        sharedTokens = tokens
        sharedStarts = starts
        sharedByteCounts = byteCounts
    }

    /// The shared bytes between window `row - 1` and window `row` (the piece's ends for the
    /// first and last).
    static func shared(before row: Int, rows: Int, window: RangeMatchFinder.Window) -> Range<Int> {
        let start = row == 0 ? 0 : (row - 1) * window.rowLength + window.columns.upperBound
        let end = row == rows ? rows * window.rowLength : row * window.rowLength + window.columns.lowerBound
        return start..<end
    }

    /// The piece for `version`: the bytes the shared tokens were parsed from outside the window
    /// (the caller's promise: they are not read), anything inside it.
    public func compress(_ version: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        precondition(version.count == rows * window.rowLength)
        let encoder = DeflateEncoder(version, level: .fastest, endsStream: false)
        var writer = BitWriter(appendingTo: [])
        var block = BlockTokens(capacity: DeflateEncoder.tokensPerBlock + 4096)
        var finder = RangeMatchFinder(version, sourceWindow: nil)
        var blockStart = 0
        sharedTokens.withUnsafeBufferPointer { shared in
            func appendShared(before row: Int) {
                block.append(parsed: UnsafeBufferPointer(rebasing: shared[sharedStarts[row]..<sharedStarts[row + 1]]),
                             byteCount: sharedByteCounts[row])
            }
            for row in 0..<rows {
                appendShared(before: row)
                let rowStart = row * window.rowLength
                finder.parse((rowStart + window.columns.lowerBound)..<(rowStart + window.columns.upperBound), into: &block)
                let isLast = row == rows - 1
                if isLast { appendShared(before: rows) }
                // Blocks end only after a window: a version's blocks are cut by its own tokens.
                if block.count >= DeflateEncoder.tokensPerBlock || isLast {
                    encoder.writeBlock(block, from: blockStart, isFinal: false, to: &writer)
                    blockStart += block.byteCount
                    block.removeAll()
                }
            }
        }
        DeflateEncoder.writeSyncFlush(to: &writer)
        writer.alignToByte()
        return writer.bytes
    }
}
