/// LZ77 parsing with hash chains, as zlib does it: every 3-byte string's position is chained
/// behind earlier positions with the same hash; a search walks at most `maxChain` of them within
/// the 32 KiB window. The default and smallest levels match lazily (a match is kept only if the
/// next position does not start a longer one); the fastest level takes the first match greedily.
///
/// The chains are `HashChains` (`Int32` positions: `DeflateEncoder` hands over inputs in
/// segments well under 2 GiB). The input is a raw pointer: the chain walk in `longestMatch` is
/// over half of all compression time in a profile of compress-bench, and every index in it is
/// bounded by construction, so per-access bounds checks buy nothing there.
struct MatchFinder: ~Copyable {
    struct Parameters {
        /// A previous match this long cuts the chain search to a quarter.
        let goodLength: Int
        /// No lazy search after a match this long (greedy: insert strings only inside matches this short).
        let lazyLength: Int
        /// Stop searching at a match this long.
        let niceLength: Int
        let maxChain: Int
        let isLazy: Bool
    }

    /// zlib's TOO_FAR: a 3-byte match this far back costs more than three literals, usually.
    private static let tooFar = 4096

    private let input: UnsafePointer<UInt8>
    private let count: Int
    private let parameters: Parameters
    private let chains: HashChains

    private var position = 0
    private var matchLength = DeflateAlphabet.minMatch - 1
    private var matchStart = 0
    private var pendingLiteral = false

    init(_ input: UnsafeBufferPointer<UInt8>, parameters: Parameters) {
        self.input = input.baseAddress ?? UnsafePointer(bitPattern: 1)!
        count = input.count
        self.parameters = parameters
        chains = HashChains(self.input)
    }

    var isFinished: Bool { position >= count && !pendingLiteral }

    /// Parses on until `block` holds `limit` tokens or the input ends.
    mutating func fill(_ block: inout BlockTokens, limit: Int) {
        if parameters.isLazy { fillLazily(&block, limit: limit) } else { fillGreedily(&block, limit: limit) }
    }

    /// The longest match for `position` along the chain from `candidate` that beats `atLeast`;
    /// returns `atLeast` when none does.
    private func longestMatch(at position: Int, candidate: Int, atLeast: Int) -> (length: Int, start: Int) {
        let maxLength = min(DeflateAlphabet.maxMatch, count - position)
        let nice = min(parameters.niceLength, maxLength)
        var chain = atLeast >= parameters.goodLength ? parameters.maxChain >> 2 : parameters.maxChain
        let lowest = position - DeflateAlphabet.windowSize
        var best = atLeast
        var bestStart = 0
        guard best < maxLength else { return (best, bestStart) }
        let here = input + position
        let firstTwo = Self.load16(here)
        // The two bytes ending at `best`: a candidate must match them to be longer (zlib's scan_end).
        var endTwo = Self.load16(here + best - 1)
        var candidate = candidate
        while candidate >= 0 && candidate >= lowest && chain > 0 {
            let there = input + candidate
            if Self.load16(there + best - 1) == endTwo && Self.load16(there) == firstTwo {
                let length = Self.commonPrefix(here, there, limit: maxLength)
                if length > best {
                    best = length
                    bestStart = candidate
                    if length >= nice { break }
                    endTwo = Self.load16(here + best - 1)
                }
            }
            candidate = chains.earlier(than: candidate)
            chain -= 1
        }
        return (best, bestStart)
    }

    @inline(__always)
    static func load16(_ p: UnsafePointer<UInt8>) -> UInt16 {
        UnsafeRawPointer(p).loadUnaligned(as: UInt16.self)
    }

    /// Compares eight bytes per step with unaligned loads: about four times faster on long runs
    /// than a byte loop. Both `a` and `b` have at least `limit` readable bytes.
    @inline(__always)
    static func commonPrefix(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, limit: Int) -> Int {
        var length = 0
        while length + 8 <= limit {
            let x = UnsafeRawPointer(a + length).loadUnaligned(as: UInt64.self)
            let y = UnsafeRawPointer(b + length).loadUnaligned(as: UInt64.self)
            let difference = UInt64(littleEndian: x ^ y)
            if difference != 0 { return length + difference.trailingZeroBitCount >> 3 }
            length += 8
        }
        while length < limit && a[length] == b[length] { length += 1 }
        return length
    }

    private mutating func fillLazily(_ block: inout BlockTokens, limit: Int) {
        let minMatch = DeflateAlphabet.minMatch
        while position < count {
            if block.count >= limit { return }
            let candidate = position + minMatch <= count ? chains.insert(position) : -1
            let previousLength = matchLength
            let previousStart = matchStart
            matchLength = minMatch - 1
            if candidate >= 0 && previousLength < parameters.lazyLength
                && position - candidate <= DeflateAlphabet.windowSize {
                (matchLength, matchStart) = longestMatch(at: position, candidate: candidate, atLeast: previousLength)
                if matchLength == previousLength {
                    matchLength = minMatch - 1  // nothing better here: the previous match stands
                } else if matchLength == minMatch && position - matchStart > Self.tooFar {
                    matchLength = minMatch - 1
                }
            }
            if previousLength >= minMatch && matchLength <= previousLength {
                block.appendMatch(length: previousLength, distance: position - 1 - previousStart)
                let end = position - 1 + previousLength
                // Inside a long run of a short period (flat image areas after PNG filtering), the
                // last 32 positions hold every phase of the period; chaining only those halved
                // the time on card rows. Not zlib's rule: sizes moved by at most 0.4% on the
                // project's own PNGs, most a little smaller (compress-bench --files).
                let distance = position - 1 - previousStart
                let isPeriodicRun = previousLength >= 64 && distance <= 16
                chains.insertAll(from: isPeriodicRun ? end - 32 : position + 1, to: min(end, count - minMatch + 1))
                position = end
                pendingLiteral = false
                matchLength = minMatch - 1
            } else if pendingLiteral {
                block.appendLiteral(input[position - 1])
                position += 1
            } else {
                pendingLiteral = true
                position += 1
            }
        }
        if pendingLiteral {
            block.appendLiteral(input[position - 1])
            pendingLiteral = false
        }
    }

    private mutating func fillGreedily(_ block: inout BlockTokens, limit: Int) {
        let minMatch = DeflateAlphabet.minMatch
        while position < count {
            if block.count >= limit { return }
            let candidate = position + minMatch <= count ? chains.insert(position) : -1
            var length = 0
            var start = 0
            if candidate >= 0 && position - candidate <= DeflateAlphabet.windowSize {
                (length, start) = longestMatch(at: position, candidate: candidate, atLeast: minMatch - 1)
            }
            guard length >= minMatch else {
                block.appendLiteral(input[position])
                position += 1
                continue
            }
            block.appendMatch(length: length, distance: position - start)
            // Short matches: chain every position inside, as zlib does. Long ones: only the last
            // 8, which zlib skips; then a run's next match can use a short distance.
            let end = position + length
            chains.insertAll(from: length <= parameters.lazyLength ? position + 1 : end - 8, to: min(end, count - minMatch + 1))
            position = end
        }
    }
}
