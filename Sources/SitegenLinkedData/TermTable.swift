/// A processed context's terms for lookup by the document's keys: open addressing on FNV-1a of the
/// UTF-8 bytes, compared with memcmp. (What it bought: String-keyed Dictionary lookups, SipHash and
/// all, were about a third of JSON-LD to RDF time; a credential looks up a term per key.)
struct TermTable: Sendable {
    private let keys: [[UInt8]]
    private let definitions: [TermDefinition?]
    private let mask: Int

    init(_ terms: [String: TermDefinition]) {
        var capacity = 16
        while capacity < terms.count * 2 { capacity *= 2 }
        var keys = Array(repeating: [UInt8](), count: capacity)
        var definitions = [TermDefinition?](repeating: nil, count: capacity)
        for (term, definition) in terms {
            let bytes = Array(term.utf8)
            var slot = Self.hash(bytes) & (capacity - 1)
            while definitions[slot] != nil { slot = (slot + 1) & (capacity - 1) }
            keys[slot] = bytes
            definitions[slot] = definition
        }
        self.keys = keys
        self.definitions = definitions
        mask = capacity - 1
    }

    @inline(__always)
    private static func hash<C: Collection<UInt8>>(_ bytes: C) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }

    subscript(term: String) -> TermDefinition? {
        var term = term
        return term.withUTF8 { self[$0] }
    }

    subscript(bytes: UnsafeBufferPointer<UInt8>) -> TermDefinition? {
        var slot = Self.hash(bytes) & mask
        while let definition = definitions[slot] {
            let key = keys[slot]
            if key.count == bytes.count, key.withUnsafeBufferPointer({ key in
                bytes.isEmpty || memcmp(key.baseAddress.unsafelyUnwrapped, bytes.baseAddress.unsafelyUnwrapped, bytes.count) == 0
            }) {
                return definition
            }
            slot = (slot + 1) & mask
        }
        return nil
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
