/// LZ77 parsing with hash chains, as zlib does it: every 3-byte string's position is chained
/// behind earlier positions with the same hash; a search walks at most `maxChain` of them within
/// the 32 KiB window. The default and smallest levels match lazily (a match is kept only if the
/// next position does not start a longer one); the fastest level takes the first match greedily.
///
/// Positions are `Int32` to halve the tables' cache footprint; `DeflateEncoder` hands over inputs
/// in segments well under 2 GiB. Input and tables are raw pointers: the chain walk in
/// `longestMatch` is over half of all compression time in a profile of compress-bench, and every
/// index in it is bounded by construction (positions below `count`, hashes below the table size,
/// `& windowMask`), so per-access bounds checks buy nothing there.
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

    private static let hashBits = 15
    private static let windowMask = DeflateAlphabet.windowSize - 1
    /// zlib's TOO_FAR: a 3-byte match this far back costs more than three literals, usually.
    private static let tooFar = 4096

    private let input: UnsafePointer<UInt8>
    private let count: Int
    private let parameters: Parameters
    private let head: UnsafeMutablePointer<Int32>
    private let previous: UnsafeMutablePointer<Int32>

    private var position = 0
    private var matchLength = DeflateAlphabet.minMatch - 1
    private var matchStart = 0
    private var pendingLiteral = false

    init(_ input: UnsafeBufferPointer<UInt8>, parameters: Parameters) {
        self.input = input.baseAddress ?? UnsafePointer(bitPattern: 1)!
        count = input.count
        self.parameters = parameters
        head = .allocate(capacity: 1 << Self.hashBits)
        head.initialize(repeating: -1, count: 1 << Self.hashBits)
        // Not cleared, as zlib leaves `prev`: an entry is read only for a position that was
        // chained, which wrote it first. Clearing it was 128 KB per piece, and a card
        // compresses dozens of pieces.
        previous = .allocate(capacity: DeflateAlphabet.windowSize)
    }

    deinit {
        head.deallocate()
        previous.deallocate()
    }

    var isFinished: Bool { position >= count && !pendingLiteral }

    /// Parses on until `block` holds `limit` tokens or the input ends.
    mutating func fill(_ block: inout BlockTokens, limit: Int) {
        if parameters.isLazy { fillLazily(&block, limit: limit) } else { fillGreedily(&block, limit: limit) }
    }

    @inline(__always)
    private func hash(at position: Int) -> Int {
        let bytes = UInt32(input[position]) | UInt32(input[position + 1]) << 8 | UInt32(input[position + 2]) << 16
        return Int((bytes &* 0x9E37_79B1) >> UInt32(32 - Self.hashBits))
    }

    /// Chains `position` into its hash and returns the previous head, or -1.
    @inline(__always)
    private func insert(_ position: Int) -> Int {
        let h = hash(at: position)
        let earlier = head[h]
        previous[position & Self.windowMask] = earlier
        head[h] = Int32(truncatingIfNeeded: position)
        return Int(earlier)
    }

    /// Chains every position in `start..<end` (the inside of a match just taken). Same output as
    /// calling `insert` for each; inside a run the hash repeats, and taking the previous head from
    /// a register instead of reloading the value just stored gained about 8% on card rows.
    @inline(__always)
    private func insertAll(from start: Int, to end: Int) {
        var lastHash = -1
        var lastPosition: Int32 = -1
        var next = start
        while next < end {
            let h = hash(at: next)
            previous[next & Self.windowMask] = h == lastHash ? lastPosition : head[h]
            lastPosition = Int32(truncatingIfNeeded: next)
            head[h] = lastPosition
            lastHash = h
            next &+= 1
        }
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
        let chainLinks = previous
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
            candidate = Int(chainLinks[candidate & Self.windowMask])
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
            let candidate = position + minMatch <= count ? insert(position) : -1
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
                insertAll(from: isPeriodicRun ? end - 32 : position + 1, to: min(end, count - minMatch + 1))
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
            let candidate = position + minMatch <= count ? insert(position) : -1
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
            insertAll(from: length <= parameters.lazyLength ? position + 1 : end - 8, to: min(end, count - minMatch + 1))
            position = end
        }
    }
}
