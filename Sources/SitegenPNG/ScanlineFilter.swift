/// PNG's five per-row filters (PNG specification, section 9): each row is stored as the
/// difference between its bytes and a prediction from the byte one pixel to the left (`a`), the
/// byte above (`b`) and the byte above-left (`c`).
enum ScanlineFilter: UInt8, CaseIterable {
    case none = 0
    case sub = 1
    case up = 2
    case average = 3
    case paeth = 4

    static func paethPredictor(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let p = Int(a) + Int(b) - Int(c)
        let pa = abs(p - Int(a)), pb = abs(p - Int(b)), pc = abs(p - Int(c))
        if pa <= pb && pa <= pc { return a }
        return pb <= pc ? b : c
    }

    /// Undoes the filter on `row` in place; `prior` is the previous row of the same pass, already
    /// unfiltered, or nil for the first row (where "above" is zero).
    ///
    /// Raw pointers: decoding spends most of its time here, and unchecked indexing roughly
    /// halved that on a 1200×630 RGBA card compared with array subscripts.
    func reconstruct(_ row: UnsafeMutablePointer<UInt8>, count: Int, prior: UnsafePointer<UInt8>?, distance: Int) {
        switch self {
        case .none:
            break
        case .sub:
            if count > distance {
                for i in distance..<count { row[i] &+= row[i - distance] }
            }
        case .up:
            guard let prior else { break }
            for i in 0..<count { row[i] &+= prior[i] }
        case .average:
            let head = min(distance, count)
            if let prior {
                for i in 0..<head { row[i] &+= prior[i] >> 1 }
                if count > distance {
                    for i in distance..<count { row[i] &+= UInt8((UInt16(row[i - distance]) + UInt16(prior[i])) >> 1) }
                }
            } else if count > distance {
                for i in distance..<count { row[i] &+= row[i - distance] >> 1 }
            }
        case .paeth:
            let head = min(distance, count)
            if let prior {
                // With a and c zero, Paeth predicts b.
                for i in 0..<head { row[i] &+= prior[i] }
                if count > distance {
                    for i in distance..<count {
                        row[i] &+= Self.paethPredictor(row[i - distance], prior[i], prior[i - distance])
                    }
                }
            } else if count > distance {
                // With b and c zero, Paeth predicts a.
                for i in distance..<count { row[i] &+= row[i - distance] }
            }
        }
    }

    /// Paeth's choice computed with selects rather than branches, so loops over it vectorise.
    @inline(__always)
    static func branchlessPaeth(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        // Wrapping arithmetic: the values cannot overflow 16 bits, and trap checks would stop vectorising.
        let a16 = Int16(a), b16 = Int16(b), c16 = Int16(c)
        let p = b16 &- c16, q = a16 &- c16, r = p &+ q
        let pa = p < 0 ? 0 &- p : p, pb = q < 0 ? 0 &- q : q, pc = r < 0 ? 0 &- r : r
        let bOrC = pb <= pc ? b : c
        return pa <= pb && pa <= pc ? a : bOrC
    }

    /// The filtered byte at `i`, for `i` at least `distance` (the first pixel's bytes have no left neighbour).
    @inline(__always)
    private func filtered(_ row: UnsafePointer<UInt8>, _ prior: UnsafePointer<UInt8>, _ i: Int, _ distance: Int) -> UInt8 {
        switch self {
        case .none: return row[i]
        case .sub: return row[i] &- row[i &- distance]
        case .up: return row[i] &- prior[i]
        case .average: return row[i] &- UInt8((UInt16(row[i &- distance]) &+ UInt16(prior[i])) >> 1)
        case .paeth: return row[i] &- Self.branchlessPaeth(row[i &- distance], prior[i], prior[i &- distance])
        }
    }

    /// The first `distance` bytes, where the left and upper-left neighbours are zero.
    @inline(__always)
    private func filteredHead(_ row: UnsafePointer<UInt8>, _ prior: UnsafePointer<UInt8>, _ i: Int) -> UInt8 {
        switch self {
        case .none, .sub: return row[i]
        case .up, .paeth: return row[i] &- prior[i]
        case .average: return row[i] &- (prior[i] >> 1)
        }
    }

    /// The heuristic's cost of filtering `row` this way: Σ|b| over the filtered bytes read as
    /// signed. `prior` is the previous row (zeros for the first).
    ///
    /// Read-only loops over raw pointers, one per filter (the switch is outside them): with no
    /// stores to alias, the compiler vectorises them; the filtered row is written only for the
    /// winner. Choosing filters went from about 30 ms to a few ms per 1200×630 card.
    func cost(_ row: UnsafePointer<UInt8>, prior: UnsafePointer<UInt8>, count: Int, distance: Int,
              givingUpAt limit: Int = .max) -> Int {
        let head = min(distance, count)
        @inline(__always) func magnitude(_ byte: UInt8) -> UInt32 {
            let value = Int8(bitPattern: byte), sign = value >> 7
            return UInt32(UInt8(bitPattern: (value ^ sign) &- sign))
        }
        var total = 0
        for i in 0..<head { total += Int(magnitude(filteredHead(row, prior, i))) }
        // Blocks of 2 KiB: a 32-bit sum per block cannot overflow, and a filter already worse
        // than the best one so far is dropped at the end of a block.
        var start = head
        while start < count && total < limit {
            let end = min(count, start + 2048)
            var block: UInt32 = 0
            switch self {
            case .none: for i in start..<end { block &+= magnitude(Self.none.filtered(row, prior, i, distance)) }
            case .sub: for i in start..<end { block &+= magnitude(Self.sub.filtered(row, prior, i, distance)) }
            case .up: for i in start..<end { block &+= magnitude(Self.up.filtered(row, prior, i, distance)) }
            case .average: for i in start..<end { block &+= magnitude(Self.average.filtered(row, prior, i, distance)) }
            case .paeth: for i in start..<end { block &+= magnitude(Self.paeth.filtered(row, prior, i, distance)) }
            }
            total += Int(block)
            start = end
        }
        return total
    }

    /// Filters `row` into `output` (same count); `prior` is the previous row (zeros for the first).
    func apply(_ row: UnsafePointer<UInt8>, prior: UnsafePointer<UInt8>, count: Int, distance: Int,
               into output: UnsafeMutablePointer<UInt8>) {
        apply(row, prior: prior, bytes: 0..<count, distance: distance, into: output)
    }

    /// Filters only `bytes` of `row` into the same places of `output`: the rest of `output` is
    /// left as it is.
    func apply(_ row: UnsafePointer<UInt8>, prior: UnsafePointer<UInt8>, bytes: Range<Int>, distance: Int,
               into output: UnsafeMutablePointer<UInt8>) {
        let head = min(max(distance, bytes.lowerBound), bytes.upperBound)
        for i in bytes.lowerBound..<head { output[i] = filteredHead(row, prior, i) }
        let count = bytes.upperBound
        switch self {
        case .none: output.advanced(by: head).update(from: row + head, count: count - head)
        case .sub: for i in head..<count { output[i] = Self.sub.filtered(row, prior, i, distance) }
        case .up: for i in head..<count { output[i] = Self.up.filtered(row, prior, i, distance) }
        case .average: for i in head..<count { output[i] = Self.average.filtered(row, prior, i, distance) }
        case .paeth:
            // In chunks of 32 bytes: a chunk where the pixel, its left, upper and upper-left
            // neighbours all hold the same bytes (flat background, the inside of a stroke) is
            // zeros, found by comparing words; the others go through the loop, which the
            // compiler vectorises. A card's text box is mostly flat: ~4.7 instructions a byte
            // before, callgrind.
            var start = head
            while start < count {
                let end = min(count, start + 32)
                if end - start == 32 && Self.isFlat32(row + start, row + start - distance, prior + start, prior + start - distance) {
                    (output + start).update(repeating: 0, count: 32)
                } else {
                    for i in start..<end { output[i] = Self.paeth.filtered(row, prior, i, distance) }
                }
                start = end
            }
        }
    }

    /// Whether the 32 bytes at `x`, `a`, `b` and `c` are the same.
    @inline(__always)
    private static func isFlat32(_ x: UnsafePointer<UInt8>, _ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ c: UnsafePointer<UInt8>) -> Bool {
        var differences: UInt64 = 0
        for word in 0..<4 {
            let offset = word * 8
            let value = UnsafeRawPointer(x + offset).loadUnaligned(as: UInt64.self)
            differences |= (value ^ UnsafeRawPointer(a + offset).loadUnaligned(as: UInt64.self))
                | (value ^ UnsafeRawPointer(b + offset).loadUnaligned(as: UInt64.self))
                | (value ^ UnsafeRawPointer(c + offset).loadUnaligned(as: UInt64.self))
        }
        return differences == 0
    }
}
