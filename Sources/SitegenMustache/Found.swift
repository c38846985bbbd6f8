/// A value a name resolved to, by where it sits: in the root context, in a record's storage, in
/// a document's buffers or in a box of the rendering, all of which outlive the rendering's use
/// of it. Plain pointers, so passing one around never touches a reference count.
struct Found {
    /// The value, unless it is a piece of a document's own (a text, record or list there).
    var value: UnsafePointer<TemplateValue>?
    /// A string from a record or document: its UTF-8, ready to copy.
    var text: UnsafePointer<UInt8>?
    /// A record: its storage, to find fields in without going through the enum.
    var record: Unmanaged<RecordStorage>?
    /// A document's record or list: the document and the node.
    var document: Unmanaged<DocumentStorage>?
    // 32 bits each, so that a Found, copied at every step of a lookup, stays small.
    private var storedTextCount: Int32 = 0
    private var storedNode: Int32 = 0
    /// The text is known to need no HTML escaping.
    private(set) var isPlainText = false
    /// The text is stored HTML-escaped (`DocumentNode.escaped`).
    private(set) var isEscapedText = false

    var textCount: Int {
        get { Int(storedTextCount) }
        set { storedTextCount = Int32(newValue) }
    }

    var node: Int { Int(storedNode) }

    init(_ value: UnsafePointer<TemplateValue>) {
        self.value = value
        switch value.pointee {
        case .record(let record): self.record = Unmanaged.passUnretained(record.storage)
        case .document(let document): self.document = Unmanaged.passUnretained(document.storage)
        default: break
        }
    }

    @inline(__always)
    init(_ storage: RecordStorage, _ index: Int) {
        let entry = storage.entries + index
        value = UnsafeRawPointer(entry).advanced(by: Self.valueOffset).assumingMemoryBound(to: TemplateValue.self)
        record = entry.pointee.nested
        let start = entry.pointee.textStart
        if start >= 0 {
            text = UnsafePointer(storage.text + start)
            textCount = entry.pointee.textCount
        }
        document = entry.pointee.nestedDocument
    }

    @inline(__always)
    init(text: UnsafePointer<UInt8>, count: Int, plain: Bool = false, escaped: Bool = false) {
        self.text = text
        textCount = count
        isPlainText = plain
        isEscapedText = escaped
    }

    @inline(__always)
    init(document: DocumentStorage, node: Int) {
        self.document = Unmanaged.passUnretained(document)
        storedNode = Int32(truncatingIfNeeded: node)
    }

    private static let valueOffset = MemoryLayout<RecordEntry>.offset(of: \.value) ?? 0

    var isList: Bool {
        if text != nil || record != nil { return false }
        if let document { return document._withUnsafeGuaranteedRef { $0.isList(node) } }
        if case .list = value?.pointee { return true }
        return false
    }

    var isTruthy: Bool {
        if text != nil { return textCount > 0 }
        if record != nil { return true }
        if let document { return document._withUnsafeGuaranteedRef { $0.isTruthy(node) } }
        return value?.pointee.isTruthy ?? false
    }
}

extension Found {
    /// `key` of a record, object or document; nothing for any other value. A value read out of
    /// a Dictionary is copied into `boxes` to have an address.
    @inline(__always)
    func field(_ key: String, _ hash: Int, boxes: inout ValueBoxes) -> Found? {
        if let record {
            return record._withUnsafeGuaranteedRef { storage in
                let index = storage.find(key, hash: hash)
                return index < 0 ? nil : Found(storage, index)
            }
        }
        if text != nil { return nil }
        return otherField(key, hash, boxes: &boxes)
    }

    /// `field` of a document's record or of an object, kept apart so that the common case above
    /// stays small enough to inline.
    @inline(never)
    private func otherField(_ key: String, _ hash: Int, boxes: inout ValueBoxes) -> Found? {
        if let document {
            return document._withUnsafeGuaranteedRef { storage in
                let index = storage.find(in: node, key, hash: hash)
                return index < 0 ? nil : storage.found(index)
            }
        }
        guard case .object(let fields) = value?.pointee, let value = fields[key] else { return nil }
        return Found(boxes.box(value))
    }

    /// Name part `part` of `program`, trying first the field at `ordinal` (its position in the
    /// record as written), where records made alike keep it.
    @inline(__always)
    func field(_ program: TemplateProgram, part: Int, ordinal: Int32, boxes: inout ValueBoxes) -> Found? {
        if let document {
            return document._withUnsafeGuaranteedRef { storage in
                let key = program.partKeys[part].key
                var field = ordinal >= 0 ? storage.field(of: node, at: Int(ordinal), key) : -1
                if field < 0 { field = storage.find(in: node, key) }
                return field < 0 ? nil : storage.found(field)
            }
        }
        let key = program.nameParts[part]
        let hash = program.partHashes[part]
        if ordinal >= 0, let record {
            let hit: Found? = record._withUnsafeGuaranteedRef { storage in
                storage.has(key, hash: hash, at: Int(ordinal)) ? Found(storage, Int(ordinal)) : nil
            }
            if let hit { return hit }
        }
        return field(key, hash, boxes: &boxes)
    }

    /// Where `key` is among the fields of this record or document record, as `field(…ordinal:)`
    /// counts; -1 when it is not there or this is no record.
    func ordinal(of key: String, _ hash: Int) -> Int32 {
        if let record { return Int32(record._withUnsafeGuaranteedRef { $0.find(key, hash: hash) }) }
        if let document {
            return document._withUnsafeGuaranteedRef { storage in
                let field = storage.find(in: node, key, hash: hash)
                guard field >= 0, let position = storage.children(of: node).firstIndex(of: Int32(field)) else { return -1 }
                return Int32(position - Int(storage.nodes[node].start))
            }
        }
        return -1
    }

    /// The items a section over this list renders, in order; nil when it is not a list.
    /// `boxes` give items of a `TemplateValue` list an address that outlives the call.
    func items(boxes: inout ValueBoxes) -> [Found]? {
        guard isList else { return nil }
        if let document {
            return document._withUnsafeGuaranteedRef { storage in storage.children(of: node).map { storage.found(Int($0)) } }
        }
        guard case .list(let items) = value?.pointee else { return nil }
        return items.map { Found(boxes.box($0)) }
    }

    /// Appends the value as `{{name}}` (escaped) or `{{{name}}}` shows it: text as is, booleans
    /// as `true`/`false`, anything else as nothing.
    @inline(__always)
    func write(escaped: Bool, into out: inout TextBuffer) {
        if let text {
            let bytes = UnsafeBufferPointer(start: text, count: textCount)
            if escaped == isEscapedText || isPlainText {
                out.append(bytes)
            } else if escaped {
                HTMLEscaping.appendEscaped(bytes, to: &out)
            } else {
                HTMLEscaping.appendUnescaped(bytes, to: &out)
            }
            return
        }
        switch value?.pointee {
        case .string(let text):
            HTMLEscaping.append(text, escaped: escaped, to: &out)
        case .bool(let flag):
            HTMLEscaping.append(flag ? "true" : "false", escaped: false, to: &out)
        case .null, .list, .object, .record, .document, nil:
            break
        }
    }
}
