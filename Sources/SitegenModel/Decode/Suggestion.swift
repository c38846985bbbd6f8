/// "Did you mean" for misspelt keys and values: the closest candidate by edit distance, when it
/// is close enough to be a plausible typo.
enum Suggestion {
    static func closest(to word: String, among candidates: [String]) -> String? {
        // The distance is at least the difference in length, and no suggestion is made beyond 3:
        // a word of more than 4 × (longest + 3) bytes has over longest + 3 scalars, and is no
        // typo of any candidate (a hostile key of megabytes costs nothing here).
        let longest = candidates.reduce(0) { max($0, $1.unicodeScalars.count) }
        guard word.utf8.count <= 4 * (longest + 3) else { return nil }
        let lowered = Array(word.lowercased().unicodeScalars)
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, Array(candidate.unicodeScalars))
            if distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
        }
        guard let (candidate, distance) = best else { return nil }
        let allowed = max(1, min(3, candidate.count / 3))
        return distance <= allowed ? candidate : nil
    }

    /// Damerau–Levenshtein (optimal string alignment): a swapped pair of letters counts once.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
