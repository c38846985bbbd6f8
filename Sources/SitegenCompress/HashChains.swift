/// LZ77's hash chains, as zlib keeps them: for each hash of three bytes the last position
/// chained (`head`), and for each position the one chained before it with the same hash
/// (`previous`, a ring the size of the window). `MatchFinder` and `RangeMatchFinder` walk them.
///
/// Positions are `Int32` to halve the tables' cache footprint. Input and tables are raw
/// pointers: every index is bounded by construction (positions below the input's count, hashes
/// below the table size, `& windowMask`), and the chain walk is over half of all compression
/// time, where per-access bounds checks buy nothing.
struct HashChains: ~Copyable {
    private static let hashBits = 15
    private static let windowMask = DeflateAlphabet.windowSize - 1

    private let input: UnsafePointer<UInt8>
    private let head: UnsafeMutablePointer<Int32>
    private let previous: UnsafeMutablePointer<Int32>

    /// `input` must outlive the chains.
    init(_ input: UnsafePointer<UInt8>) {
        self.input = input
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

    @inline(__always)
    private func hash(at position: Int) -> Int {
        let bytes = UInt32(input[position]) | UInt32(input[position + 1]) << 8 | UInt32(input[position + 2]) << 16
        return Int((bytes &* 0x9E37_79B1) >> UInt32(32 - Self.hashBits))
    }

    /// Chains `position` (at least three bytes before the input's end) into its hash and returns
    /// the position chained before it, or -1.
    @inline(__always)
    func insert(_ position: Int) -> Int {
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
    func insertAll(from start: Int, to end: Int) {
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

    /// The position chained before `position` with the same hash, or -1 (or a stale position,
    /// which the window's bound rules out) when there is none.
    @inline(__always)
    func earlier(than position: Int) -> Int { Int(previous[position & Self.windowMask]) }
}
