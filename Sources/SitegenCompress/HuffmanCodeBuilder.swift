/// Builds length-limited canonical Huffman codes for the encoder.
enum HuffmanCodeBuilder {
    /// Bit lengths of an optimal prefix code for `frequencies` with no code longer than `limit`.
    ///
    /// Plain Huffman first (two queues over leaves sorted by frequency, then symbol, so equal
    /// input always gives equal codes); if that exceeds `limit`, the over-long codes are cut to the
    /// limit and the Kraft sum is restored by lengthening the next-longest codes (miniz's method),
    /// which stays within a fraction of a percent of optimal.
    ///
    /// Fewer than two used symbols still get two 1-bit codes (zlib does the same): a complete
    /// code, which every inflater accepts.
    static func lengths(for frequencies: [Int], limit: Int) -> [UInt8] {
        var lengths = [UInt8](repeating: 0, count: frequencies.count)
        var leaves = frequencies.indices.filter { frequencies[$0] > 0 }
        if leaves.count < 2 {
            let used = leaves.first ?? 0
            lengths[used] = 1
            lengths[used == 0 ? 1 : 0] = 1
            return lengths
        }
        // By frequency, then symbol, as one integer key: the comparator closure over tuples
        // (a merge sort) was ~3% of a link-preview card's time, one dynamic block per strip.
        var keys = leaves.map { frequencies[$0] << 16 | $0 }
        keys.sort()
        leaves = keys.map { $0 & 0xFFFF }

        let n = leaves.count
        var weight = [Int](repeating: 0, count: 2 * n - 1)
        var parent = [Int](repeating: 0, count: 2 * n - 1)
        for (index, symbol) in leaves.enumerated() { weight[index] = frequencies[symbol] }
        var nextLeaf = 0
        var nextInternal = n
        for node in n..<(2 * n - 1) {
            var children = (0, 0)
            for pick in 0..<2 {
                let child: Int
                // Ties go to the leaf, keeping trees shallow and the choice deterministic.
                if nextLeaf < n && (nextInternal >= node || weight[nextLeaf] <= weight[nextInternal]) {
                    child = nextLeaf
                    nextLeaf += 1
                } else {
                    child = nextInternal
                    nextInternal += 1
                }
                if pick == 0 { children.0 = child } else { children.1 = child }
            }
            weight[node] = weight[children.0] + weight[children.1]
            parent[children.0] = node
            parent[children.1] = node
        }
        var depth = [Int](repeating: 0, count: 2 * n - 1)
        for node in stride(from: 2 * n - 3, through: 0, by: -1) { depth[node] = depth[parent[node]] + 1 }

        var counts = [Int](repeating: 0, count: limit + 1)
        for leaf in 0..<n { counts[min(depth[leaf], limit)] += 1 }
        var kraft = 0
        for length in 1...limit { kraft += counts[length] << (limit - length) }
        while kraft > 1 << limit {
            counts[limit] -= 1
            for length in stride(from: limit - 1, through: 1, by: -1) where counts[length] > 0 {
                counts[length] -= 1
                counts[length + 1] += 2
                break
            }
            kraft -= 1
        }
        // Least frequent symbols (first in `leaves`) take the longest codes.
        var leaf = 0
        for length in stride(from: limit, through: 1, by: -1) {
            for _ in 0..<counts[length] {
                lengths[leaves[leaf]] = UInt8(length)
                leaf += 1
            }
        }
        return lengths
    }

    /// Canonical codes (RFC 1951 §3.2.2) for `lengths`, bit-reversed ready for an LSB-first writer.
    static func codes(for lengths: [UInt8]) -> [UInt16] {
        var counts = [UInt16](repeating: 0, count: 16)
        for length in lengths where length > 0 { counts[Int(length)] += 1 }
        var next = [UInt16](repeating: 0, count: 16)
        var code: UInt16 = 0
        for length in 1..<16 {
            code = (code &+ counts[length - 1]) << 1
            next[length] = code
        }
        return lengths.map { length in
            guard length > 0 else { return 0 }
            defer { next[Int(length)] &+= 1 }
            return UInt16(DeflateAlphabet.reversed(UInt32(next[Int(length)]), length: Int(length)))
        }
    }
}
