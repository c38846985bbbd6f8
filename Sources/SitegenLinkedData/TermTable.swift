#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A processed context's terms for lookup by the document's keys: open addressing on a hash of
/// the UTF-8 bytes, compared with memcmp. It is looked up with byte ranges of the document's tape,
/// so no key becomes a String (a String-keyed Dictionary would need one per key).
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
            var slot = bytes.withUnsafeBufferPointer { Self.hash($0) } & (capacity - 1)
            while definitions[slot] != nil { slot = (slot + 1) & (capacity - 1) }
            keys[slot] = bytes
            definitions[slot] = definition
        }
        self.keys = keys
        self.definitions = definitions
        mask = capacity - 1
    }

    /// Eight bytes per step, mixed by multiplication: keys are short, and this runs once per key.
    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var index = 0
        while index + 8 <= bytes.count {
            let word = UnsafeRawPointer(bytes.baseAddress.unsafelyUnwrapped).loadUnaligned(fromByteOffset: index, as: UInt64.self)
            hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count {
            tail |= UInt64(bytes[index]) << shift
            shift += 8
            index += 1
        }
        hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
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
