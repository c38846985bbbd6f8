/// A page's own data written in one pass into a few flat buffers (`TemplateDocument.Writer`)
/// rather than as an object per record and a String per text: a view model for thousands of
/// pages, built in little more time than its bytes take to write. A document is a record, and
/// renders exactly as `value`, the same data as `TemplateValue`s.
public struct TemplateDocument: Sendable, Equatable {
    let storage: DocumentStorage

    init(storage: DocumentStorage) {
        self.storage = storage
    }

    /// The same data as a `TemplateValue` tree.
    public var value: TemplateValue { storage.value(of: 0) }

    public static func == (lhs: TemplateDocument, rhs: TemplateDocument) -> Bool {
        lhs.storage === rhs.storage || lhs.value == rhs.value
    }
}

/// One value of a document: a field of a record when it has a key, else an item of a list or
/// the root.
struct DocumentNode {
    enum Kind: UInt8 {
        case null, bool, text, record, list
        /// A `TemplateValue` given whole: `externals[start]`.
        case external
    }

    /// `TemplateRecord.hash` of the key, for a field.
    var hash: Int
    /// For a record: bit `hash & 63` of each of its keys, so most keys it lacks are known to be
    /// missing without a look at its fields.
    var keyBits: UInt64 = 0
    /// The key's UTF-8: a literal's own, or a copy the document keeps (`DocumentStorage.keys`).
    var key: UnsafePointer<UInt8>?
    var keyCount: Int32
    var kind: Kind
    /// A record whose keys are all different, so the field at a position holding a key is the
    /// one a lookup finds.
    var distinctKeys = false
    /// A text with no byte HTML escaping changes, found when it was written: `{{name}}` then
    /// copies it, however many times the page shows it.
    var plain = false
    /// A text stored as `{{name}}` shows it, HTML-escaped by the view model that wrote it
    /// (`Writer.endEscapedText`): copied as it is, and unescaped for `{{{name}}}` and `value`.
    var escaped = false
    /// Text: its UTF-8 in `text`. Record and list: their fields or items, in `children`.
    /// Bool: `count` is 1 for true.
    var start: Int32
    var count: Int32
}

/// The buffers of a document, never changed once written.
final class DocumentStorage: @unchecked Sendable {
    let nodes: UnsafeMutableBufferPointer<DocumentNode>
    /// Node indices: each record's fields, each list's items, one run after the other.
    let children: UnsafeMutableBufferPointer<Int32>
    let text: UnsafeMutableBufferPointer<UInt8>
    let externals: UnsafeMutableBufferPointer<TemplateValue>
    /// Copies of the keys that were not literals.
    private let keys: [UnsafeMutablePointer<UInt8>]

    init(nodes: UnsafeMutableBufferPointer<DocumentNode>, children: UnsafeMutableBufferPointer<Int32>,
         text: UnsafeMutableBufferPointer<UInt8>, externals: UnsafeMutableBufferPointer<TemplateValue>,
         keys: [UnsafeMutablePointer<UInt8>]) {
        self.nodes = nodes
        self.children = children
        self.text = text
        self.externals = externals
        self.keys = keys
    }

    /// Whether some keys are copies this document owns, rather than literals.
    var ownsKeys: Bool { !keys.isEmpty }

    deinit {
        nodes.deallocate()
        children.deallocate()
        text.deallocate()
        _ = externals.deinitialize()
        externals.deallocate()
        for key in keys { key.deallocate() }
    }

    /// The node of record `node` with this key, the last one given; -1 when there is none.
    func find(in node: Int, _ key: String, hash: Int) -> Int {
        let found: Int? = key.utf8.withContiguousStorageIfAvailable { bytes in
            find(in: node, DocumentKey(bytes: bytes.baseAddress ?? UnsafePointer(text.baseAddress!), count: bytes.count, hash: hash))
        }
        if let found { return found }
        return Array(key.utf8).withUnsafeBufferPointer { bytes in
            find(in: node, DocumentKey(bytes: bytes.baseAddress ?? UnsafePointer(text.baseAddress!), count: bytes.count, hash: hash))
        }
    }

    @inline(__always)
    func find(in node: Int, _ key: DocumentKey) -> Int {
        let record = nodes[node]
        guard record.kind == .record, record.keyBits & (1 << UInt64(key.hash & 63)) != 0 else { return -1 }
        var index = Int(record.start + record.count) - 1
        while index >= Int(record.start) {
            let field = Int(children[index])
            if nodes[field].hash == key.hash && hasKey(field, key) { return field }
            index -= 1
        }
        return -1
    }

    /// The field of record `node` at `ordinal` when it has this key and is the one `find` would
    /// give; else -1.
    @inline(__always)
    func field(of node: Int, at ordinal: Int, _ key: DocumentKey) -> Int {
        let record = nodes[node]
        guard record.kind == .record, record.distinctKeys, ordinal >= 0, ordinal < Int(record.count) else { return -1 }
        let field = Int(children[Int(record.start) + ordinal])
        return nodes[field].hash == key.hash && hasKey(field, key) ? field : -1
    }

    @inline(__always)
    private func hasKey(_ node: Int, _ key: DocumentKey) -> Bool {
        let entry = nodes[node]
        guard Int(entry.keyCount) == key.count, let stored = entry.key else { return key.count == 0 }
        return key.matches(stored)
    }

    /// The node as rendering sees it.
    @inline(__always)
    func found(_ node: Int) -> Found {
        let entry = nodes[node]
        switch entry.kind {
        case .text:
            return Found(text: UnsafePointer(text.baseAddress! + Int(entry.start)), count: Int(entry.count), plain: entry.plain,
                         escaped: entry.escaped)
        case .record, .list:
            return Found(document: self, node: node)
        case .external:
            return Found(UnsafePointer(externals.baseAddress! + Int(entry.start)))
        case .null:
            return Found(Constants.null)
        case .bool:
            return Found(entry.count != 0 ? Constants.true : Constants.false)
        }
    }

    func isList(_ node: Int) -> Bool { nodes[node].kind == .list }

    /// A record is always truthy, a list when it has items.
    func isTruthy(_ node: Int) -> Bool { nodes[node].kind == .record || nodes[node].count > 0 }

    /// The fields of a record or the items of a list, as node indices.
    @inline(__always)
    func children(of node: Int) -> UnsafeMutableBufferPointer<Int32>.SubSequence {
        let entry = nodes[node]
        return children[Int(entry.start)..<Int(entry.start + entry.count)]
    }

    func value(of node: Int) -> TemplateValue {
        let entry = nodes[node]
        switch entry.kind {
        case .null: return .null
        case .bool: return .bool(entry.count != 0)
        case .text:
            let string = string(Int(entry.start), Int(entry.count))
            return .string(entry.escaped ? HTMLEscaping.unescaped(string) : string)
        case .external: return externals[Int(entry.start)]
        case .list: return .list(children(of: node).map { value(of: Int($0)) })
        case .record:
            var record = TemplateRecord(minimumCapacity: Int(entry.count))
            for field in children(of: node) {
                let field = Int(field)
                let key = nodes[field].key.map { String(decoding: UnsafeBufferPointer(start: $0, count: Int(nodes[field].keyCount)), as: UTF8.self) }
                record[key ?? ""] = value(of: field)
            }
            return .record(record)
        }
    }

    private func string(_ start: Int, _ count: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: text[start..<(start + count)]), as: UTF8.self)
    }

    /// Values a node stands for without storage of its own, at addresses that never change
    /// (and memory never written after it is made).
    private enum Constants {
        nonisolated(unsafe) static let null = make(.null)
        nonisolated(unsafe) static let `false` = make(.bool(false))
        nonisolated(unsafe) static let `true` = make(.bool(true))

        private static func make(_ value: TemplateValue) -> UnsafePointer<TemplateValue> {
            let place = UnsafeMutablePointer<TemplateValue>.allocate(capacity: 1)
            place.initialize(to: value)
            return UnsafePointer(place)
        }
    }
}

/// A name to find among a document's keys: its UTF-8 and its `TemplateRecord.hash`.
struct DocumentKey {
    var bytes: UnsafePointer<UInt8>
    var count: Int
    var hash: Int

    /// Whether the `count` bytes at `other` are this key's. Keys are short: up to 16 bytes are
    /// compared in two overlapping words each side.
    @inline(__always)
    func matches(_ other: UnsafePointer<UInt8>) -> Bool {
        let one = UnsafeRawPointer(bytes)
        let two = UnsafeRawPointer(other)
        if count >= 8 && count <= 16 {
            return one.loadUnaligned(as: UInt64.self) == two.loadUnaligned(as: UInt64.self)
                && one.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) == two.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        }
        if count >= 4 && count < 8 {
            return one.loadUnaligned(as: UInt32.self) == two.loadUnaligned(as: UInt32.self)
                && one.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self) == two.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
        }
        var index = 0
        while index < count {
            if bytes[index] != other[index] { return false }
            index += 1
        }
        return true
    }
}
