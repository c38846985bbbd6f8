/// Values by a small integer key (a day since 1970, a month count) in a flat array: a build's
/// days span a few thousand at most, and indexing beats hashing a key for every award. Keys
/// spread too far apart go to a dictionary instead.
struct DenseTable<Value: Sendable>: Sendable {
    private static var maximumSpan: Int { 1 << 17 }

    private var first = 0
    private var values: [Value?] = []
    private var sparse: [Int: Value] = [:]

    init() {}

    init(_ entries: [Int: Value]) {
        guard let low = entries.keys.min(), let high = entries.keys.max(), high - low < Self.maximumSpan else {
            sparse = entries
            return
        }
        first = low
        values = Array(repeating: nil, count: high - low + 1)
        for (key, value) in entries { values[key - low] = value }
    }

    subscript(key: Int) -> Value? {
        let index = key - first
        if index >= 0 && index < values.count { return values[index] }
        return values.isEmpty ? sparse[key] : nil
    }
}
