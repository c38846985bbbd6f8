import SitegenDigest
import SitegenModel

/// Digests an `Encodable` value into an output key. The plan's types synthesize their encoding,
/// so every stored field is in the key the day it is added: no hand-kept list of fields to
/// forget. What a type leaves out of its encoding (source positions, award indices) it says in
/// its own `encode(to:)`.
///
/// Each keyed field is preceded by its name, each list element and optional by a marker, and
/// every value is length-prefixed (`KeyDigest`), so values of different shapes do not digest
/// alike. Reused across values (`reset`) so a key costs no encoder allocation.
final class KeyEncoder: Encoder {
    /// Unchecked: written for every field, and only by the one thread that owns the encoder.
    /// The dynamic exclusivity checks cost a tenth of a key.
    @exclusivity(unchecked) private(set) var digest = KeyDigest()
    let codingPath: [any CodingKey] = []
    let userInfo: [CodingUserInfoKey: Any] = [:]
    /// The keyed container of each coding-key type met so far, made once: making one per record
    /// cost a box and the runtime's look-ups of two generic types. With `bytesType`, 8% of an
    /// award key's instructions (callgrind). Each is a `KeyedEncodingContainer<Key>` as the one
    /// reference it holds (which `unsafeBitCast` checks by size): a cast from `Any` cost more
    /// than the cache saved.
    @exclusivity(unchecked) private var keyedContainers: [(keys: ObjectIdentifier, container: AnyObject)] = []

    /// Markers, out of the range of lengths and small numbers the values write.
    fileprivate enum Marker: Int {
        case record = -0x5e_0001, list = -0x5e_0002, element = -0x5e_0003, none = -0x5e_0004, some = -0x5e_0005
    }

    func reset() {
        digest = KeyDigest()
    }

    func add(_ digest: Digest128) {
        self.digest.add(digest)
    }

    func add(_ value: some Encodable) {
        // The plan's encodings throw only what their encoder throws, and this one never does.
        try! encodeValue(value)
    }

    /// The value where it lies: an award passed by value was copied, a retain and a release of
    /// each of its fields.
    func add<Value: Encodable>(at value: UnsafePointer<Value>) {
        try! value.pointee.encode(to: self)
    }

    func finalize() -> Digest128 {
        digest.finalize()
    }

    /// One digest of `value` alone.
    static func key(of value: some Encodable) -> Digest128 {
        let encoder = KeyEncoder()
        encoder.add(value)
        return encoder.finalize()
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        mark(.record)
        let keys = ObjectIdentifier(type)
        let made = keyedContainers.withUnsafeBufferPointer { made in made.firstIndex { $0.keys == keys } }
        if let made {
            return unsafeBitCast(keyedContainers[made].container, to: KeyedEncodingContainer<Key>.self)
        }
        let container = KeyedEncodingContainer(KeyedContainer<Key>(encoder: self))
        keyedContainers.append((keys, unsafeBitCast(container, to: AnyObject.self)))
        return container
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        mark(.list)
        return UnkeyedContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(encoder: self)
    }

    fileprivate func mark(_ marker: Marker) {
        digest.add(marker.rawValue)
    }

    fileprivate func addName(_ key: some CodingKey) {
        digest.add(key.stringValue)
    }

    fileprivate func addText(_ text: String) {
        digest.add(text)
    }

    fileprivate func addNumber(_ number: Int) {
        digest.add(number)
    }

    /// Marked, so that an absent value is told from a present one. Specialized for the optionals
    /// every award has: in generic code `T?` is a type the runtime looks up in a shared table at
    /// each call, 11% of an award key's instructions (callgrind). The generic body only hands the
    /// optional on: one that looked at it asked for the type before dispatching to these.
    @_specialize(where T == Day)
    @_specialize(where T == LocalizedText)
    @_specialize(where T == Revocation)
    fileprivate func encodeOptional<T: Encodable>(_ value: T?) throws {
        try encodeAnyOptional(value)
    }

    @inline(never)
    private func encodeAnyOptional<T: Encodable>(_ value: T?) throws {
        if let value {
            mark(.some)
            try encodeValue(value)
        } else {
            mark(.none)
        }
    }

    /// `[UInt8].self` looked up once: the standard library prespecializes the type, and the runtime
    /// then looks its metadata up in a shared table on every mention in generic code.
    private static let bytesType = ObjectIdentifier([UInt8].self)

    /// Bytes and digests go in whole: an image's bytes one by one would cost a call each.
    /// Days and localized texts, in every award, are digested here as their own encodings
    /// digest (`KeyEncoderTests.fastPathsDigestAsTheTypesOwnEncodings`) without a container
    /// each: with awards read in place, 6% of an award key's instructions.
    fileprivate func encodeValue<T: Encodable>(_ value: T) throws {
        if ObjectIdentifier(T.self) == Self.bytesType {
            digest.add(unsafeBitCast(value, to: [UInt8].self))
        } else if T.self == Digest128.self {
            digest.add(unsafeBitCast(value, to: Digest128.self))
        } else if T.self == String.self {
            digest.add(unsafeBitCast(value, to: String.self))
        } else if T.self == Day.self {
            addNumber(unsafeBitCast(value, to: Day.self).encodedNumber)
        } else if T.self == LocalizedText.self {
            // An unkeyed container of locale, text, locale, text…
            mark(.list)
            unsafeBitCast(value, to: LocalizedText.self).forEachEntry { entry in
                mark(.element)
                addText(entry.locale)
                mark(.element)
                addText(entry.text)
            }
        } else {
            try value.encode(to: self)
        }
    }
}

/// Containers hold their encoder unowned: the encoder keeps its keyed containers (so a strong
/// reference would be a cycle), and every container is used only while its value encodes.
private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    unowned(unsafe) let encoder: KeyEncoder
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws {
        encoder.mark(.none)
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        encoder.addNumber(value ? 1 : 0)
    }

    mutating func encode(_ value: String, forKey key: Key) throws {
        encoder.addText(value)
    }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        encoder.addNumber(Int(truncatingIfNeeded: value.bitPattern))
    }

    mutating func encode(_ value: Float, forKey key: Key) throws {
        try encode(Double(value), forKey: key)
    }

    mutating func encode(_ value: Int, forKey key: Key) throws {
        encoder.addNumber(value)
    }

    mutating func encode(_ value: Int8, forKey key: Key) throws { try encode(Int(value), forKey: key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try encode(Int(value), forKey: key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try encode(Int(value), forKey: key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try encode(Int(value), forKey: key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try encode(Int(bitPattern: value), forKey: key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try encode(Int(value), forKey: key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try encode(Int(value), forKey: key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try encode(Int(value), forKey: key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try encode(Int(truncatingIfNeeded: value), forKey: key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try encoder.encodeValue(value)
    }

    // Synthesized encodings skip an absent optional; a key must still tell it from a present one.
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
        try encodeOptional(value, forKey: key)
    }

    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
        try encodeOptional(value, forKey: key)
    }

    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
        try encodeOptional(value, forKey: key)
    }

    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        try encodeOptional(value, forKey: key)
    }

    private mutating func encodeOptional<T: Encodable>(_ value: T?, forKey key: Key) throws {
        try encoder.encodeOptional(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        return encoder.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        return encoder.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { encoder }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        return encoder
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    unowned(unsafe) let encoder: KeyEncoder
    var codingPath: [any CodingKey] { [] }
    private(set) var count = 0

    init(encoder: KeyEncoder) {
        self.encoder = encoder
    }

    private mutating func element() {
        encoder.mark(.element)
        count += 1
    }

    mutating func encodeNil() throws {
        element()
        encoder.mark(.none)
    }

    mutating func encode(_ value: Bool) throws {
        element()
        encoder.addNumber(value ? 1 : 0)
    }

    mutating func encode(_ value: String) throws {
        element()
        encoder.addText(value)
    }

    mutating func encode(_ value: Int) throws {
        element()
        encoder.addNumber(value)
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        element()
        try encoder.encodeValue(value)
    }

    mutating func encode(_ value: Double) throws { try encode(Int(truncatingIfNeeded: value.bitPattern)) }
    mutating func encode(_ value: Float) throws { try encode(Double(value)) }
    mutating func encode(_ value: Int8) throws { try encode(Int(value)) }
    mutating func encode(_ value: Int16) throws { try encode(Int(value)) }
    mutating func encode(_ value: Int32) throws { try encode(Int(value)) }
    mutating func encode(_ value: Int64) throws { try encode(Int(value)) }
    mutating func encode(_ value: UInt) throws { try encode(Int(bitPattern: value)) }
    mutating func encode(_ value: UInt8) throws { try encode(Int(value)) }
    mutating func encode(_ value: UInt16) throws { try encode(Int(value)) }
    mutating func encode(_ value: UInt32) throws { try encode(Int(value)) }
    mutating func encode(_ value: UInt64) throws { try encode(Int(truncatingIfNeeded: value)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        element()
        return encoder.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        element()
        return encoder.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        element()
        return encoder
    }
}

private struct SingleValueContainer: SingleValueEncodingContainer {
    unowned(unsafe) let encoder: KeyEncoder
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { encoder.mark(.none) }
    mutating func encode(_ value: Bool) throws { encoder.addNumber(value ? 1 : 0) }
    mutating func encode(_ value: String) throws { encoder.addText(value) }
    mutating func encode(_ value: Int) throws { encoder.addNumber(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try encoder.encodeValue(value) }

    mutating func encode(_ value: Double) throws { try encode(Int(truncatingIfNeeded: value.bitPattern)) }
    mutating func encode(_ value: Float) throws { try encode(Double(value)) }
    mutating func encode(_ value: Int8) throws { try encode(Int(value)) }
    mutating func encode(_ value: Int16) throws { try encode(Int(value)) }
    mutating func encode(_ value: Int32) throws { try encode(Int(value)) }
    mutating func encode(_ value: Int64) throws { try encode(Int(value)) }
    mutating func encode(_ value: UInt) throws { try encode(Int(bitPattern: value)) }
    mutating func encode(_ value: UInt8) throws { try encode(Int(value)) }
    mutating func encode(_ value: UInt16) throws { try encode(Int(value)) }
    mutating func encode(_ value: UInt32) throws { try encode(Int(value)) }
    mutating func encode(_ value: UInt64) throws { try encode(Int(truncatingIfNeeded: value)) }
}
