/// Greedy LZ77 parsing with the fastest level's parameters (`MatchFinder`'s `fillGreedily`),
/// of chosen ranges of an input rather than all of it: `WindowedPiece` parses the bytes outside
/// a window of columns once and the window's bytes once per version. Only positions of the
/// parsed ranges are chained, and a match never runs past the end of its range, so the tokens
/// of a range stand for that range's bytes alone.
///
/// With `sourceWindow`, a match must also copy from bytes outside the window only (its source
/// ends where the next window starts): those are the bytes every version shares, so the tokens
/// stay right for every version. Without it a match may copy from anything before it.
struct RangeMatchFinder: ~Copyable {
    /// Bytes per row and the columns of each row that differ between versions.
    struct Window {
        let rowLength: Int
        let columns: Range<Int>
    }

    private static let niceLength = Deflate.Level.fastest.matchParameters.niceLength
    private static let maxChain = Deflate.Level.fastest.matchParameters.maxChain
    private static let lazyLength = Deflate.Level.fastest.matchParameters.lazyLength

    private let input: UnsafePointer<UInt8>
    private let count: Int
    private let sourceWindow: Window?
    private let chains: HashChains

    init(_ input: UnsafeBufferPointer<UInt8>, sourceWindow: Window?) {
        self.input = input.baseAddress ?? UnsafePointer(bitPattern: 1)!
        count = input.count
        self.sourceWindow = sourceWindow
        chains = HashChains(self.input)
    }

    /// Where the bytes outside the window that `position` (outside it) belongs to end: at the
    /// next row's window, or this row's when `position` is left of it.
    @inline(__always)
    private static func sharedEnd(of position: Int, in window: Window) -> Int {
        let column = position % window.rowLength
        let rowStart = position - column
        return column < window.columns.lowerBound ? rowStart + window.columns.lowerBound
            : rowStart + window.rowLength + window.columns.lowerBound
    }

    /// Parses `range` into `block`, chaining its positions for later ranges' matches.
    mutating func parse(_ range: Range<Int>, into block: inout BlockTokens) {
        let minMatch = DeflateAlphabet.minMatch
        var position = range.lowerBound
        let end = range.upperBound
        let lastHashable = count - minMatch
        while position < end {
            let limit = min(DeflateAlphabet.maxMatch, end - position)
            // Shared bytes copy only shared bytes: the run's byte before must be in the range.
            if position > (sourceWindow == nil ? 0 : range.lowerBound), let run = run(at: position, limit: limit) {
                block.appendMatch(length: run, distance: 1)
                let runEnd = position + run
                chains.insertAll(from: max(position + 1, runEnd - 8), to: min(runEnd, lastHashable + 1))
                position = runEnd
                continue
            }
            let candidate = position <= lastHashable ? chains.insert(position) : -1
            var length = 0
            var start = 0
            if candidate >= 0 && limit >= minMatch && position - candidate <= DeflateAlphabet.windowSize {
                (length, start) = longestMatch(at: position, candidate: candidate, limit: limit)
            }
            guard length >= minMatch else {
                block.appendLiteral(input[position])
                position += 1
                continue
            }
            block.appendMatch(length: length, distance: position - start)
            // As `fillGreedily`: every position inside a short match, the last 8 of a long one.
            let matchEnd = position + length
            chains.insertAll(from: length <= Self.lazyLength ? position + 1 : max(position + 1, matchEnd - 8),
                             to: min(matchEnd, lastHashable + 1))
            position = matchEnd
        }
    }

    /// The length of the run of `position`'s byte from there (at most `limit`) when the byte
    /// before it is the same and the run is at least `niceLength` long: a match at distance 1,
    /// found without hashing or walking a chain. Flat background between a card's glyphs is
    /// such runs of zeros after filtering: cards --badges 20 went from 4.391 G to 4.308 G
    /// instructions (callgrind), and the cards came out 1.7% smaller (distance 1 costs no extra bits).
    @inline(__always)
    private func run(at position: Int, limit: Int) -> Int? {
        guard limit >= Self.niceLength else { return nil }
        let byte = input[position]
        guard input[position - 1] == byte else { return nil }
        let pattern = UInt64(byte) &* 0x0101_0101_0101_0101
        var length = 0
        while length + 8 <= limit {
            let difference = UnsafeRawPointer(input + position + length).loadUnaligned(as: UInt64.self) ^ pattern
            if difference != 0 {
                length += UInt64(littleEndian: difference).trailingZeroBitCount >> 3
                return length >= Self.niceLength ? length : nil
            }
            length += 8
        }
        while length < limit && input[position + length] == byte { length += 1 }
        return length >= Self.niceLength ? length : nil
    }

    /// The longest match of at most `limit` (at least 3) bytes for `position` along the chain
    /// from `candidate`, or a length under 3 when there is none.
    private func longestMatch(at position: Int, candidate: Int, limit: Int) -> (length: Int, start: Int) {
        let nice = min(Self.niceLength, limit)
        var chain = Self.maxChain
        let lowest = position - DeflateAlphabet.windowSize
        var best = DeflateAlphabet.minMatch - 1
        var bestStart = 0
        let here = input + position
        let firstTwo = MatchFinder.load16(here)
        var endTwo = MatchFinder.load16(here + best - 1)
        var candidate = candidate
        while candidate >= 0 && candidate >= lowest && chain > 0 {
            var reach = limit
            if let sourceWindow { reach = min(reach, Self.sharedEnd(of: candidate, in: sourceWindow) - candidate) }
            let there = input + candidate
            if reach > best && MatchFinder.load16(there + best - 1) == endTwo && MatchFinder.load16(there) == firstTwo {
                let length = MatchFinder.commonPrefix(here, there, limit: reach)
                if length > best {
                    best = length
                    bestStart = candidate
                    if length >= nice { break }
                    endTwo = MatchFinder.load16(here + best - 1)
                }
            }
            candidate = chains.earlier(than: candidate)
            chain -= 1
        }
        return (best, bestStart)
    }
}
