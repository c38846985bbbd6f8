/// Lookups from a match length or distance to its symbol (an index into the `DeflateAlphabet` tables).
enum SymbolTables {
    /// Indexed by length 0…258 (0…2 unused): the length symbol minus 257.
    static let lengthSymbol: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 259)
        for symbol in 0..<29 {
            let base = Int(DeflateAlphabet.lengthBase[symbol])
            let span = 1 << Int(DeflateAlphabet.lengthExtraBits[symbol])
            for length in base..<min(base + span, 259) { table[length] = UInt8(symbol) }
        }
        table[258] = 28  // 258 has its own symbol (285), though 284 with extra bits 31 also reaches it
        return table
    }()

    /// Distances 1…256 directly, then 257…32768 by `(distance - 1) >> 7` (zlib's `d_code`).
    static let distanceTable: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 512)
        for symbol in 0..<30 {
            let base = Int(DeflateAlphabet.distanceBase[symbol])
            let span = 1 << Int(DeflateAlphabet.distanceExtraBits[symbol])
            for distance in base..<(base + span) {
                if distance <= 256 {
                    table[distance - 1] = UInt8(symbol)
                } else {
                    table[256 + ((distance - 1) >> 7)] = UInt8(symbol)
                }
            }
        }
        return table
    }()

    /// A distance's symbol, through a `distanceTable` the caller holds: hot loops read the
    /// global once, since every read of it checks its lazy initialisation (swift_once).
    @inline(__always)
    static func distanceSymbol<Table: RandomAccessCollection>(_ distance: Int, in table: Table) -> Int
        where Table.Element == UInt8, Table.Index == Int {
        distance <= 256 ? Int(table[distance &- 1]) : Int(table[256 &+ ((distance &- 1) >> 7)])
    }
}
