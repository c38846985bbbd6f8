/// An output unit as the manifest names it: `kind` alone for a site-wide unit, else `kind:id`.
/// The writer knows nothing of what a unit holds; the build names them and lists their paths.
public struct UnitName: Sendable, Hashable, CustomStringConvertible {
    public var kind: String
    /// Empty for a site-wide unit.
    public var id: String

    public init(kind: String, id: String = "") {
        self.kind = kind
        self.id = id
    }

    public var description: String { id.isEmpty ? kind : kind + ":" + id }

    /// FNV-1a of the name's bytes as the manifest writes them, computed without writing them:
    /// a rebuild looks up every award and holder by name.
    var hashValue64: UInt64 {
        var hash = NameHash()
        hash.add(kind)
        if !id.isEmpty {
            hash.add(UInt8(ascii: ":"))
            hash.add(id)
        }
        return hash.value
    }

    /// Whether `bytes` are this name as the manifest writes it.
    func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var kind = kind, id = id
        return kind.withUTF8 { kindBytes in
            guard bytes.starts(with: kindBytes) else { return false }
            if id.isEmpty { return bytes.count == kindBytes.count }
            return id.withUTF8 { idBytes in
                bytes.count == kindBytes.count + 1 + idBytes.count && bytes[kindBytes.count] == UInt8(ascii: ":")
                    && UnsafeBufferPointer(rebasing: bytes[(kindBytes.count + 1)...]).elementsEqual(idBytes)
            }
        }
    }

    /// Whether a manifest's name bytes can be a unit name: kinds are words, ids are safe path
    /// segments (they are spliced into paths; see `PathSet`).
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return !bytes.isEmpty && !bytes.contains(UInt8(ascii: "/")) }
        let id = UnsafeBufferPointer(rebasing: bytes[(colon + 1)...])
        return colon > 0 && !id.isEmpty && !id.contains(UInt8(ascii: "/")) && !id.contains(UInt8(ascii: "*"))
            && !(id.count <= 2 && id.allSatisfy { $0 == UInt8(ascii: ".") })
    }
}

/// 64-bit FNV-1a, fed piecewise.
struct NameHash {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { for byte in $0 { add(byte) } }
    }

    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        for byte in bytes { add(byte) }
    }
}
