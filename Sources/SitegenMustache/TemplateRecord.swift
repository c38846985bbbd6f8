/// An object for templates, built for rendering speed: its keys are hashed once, with the hash
/// compiled templates keep for each name, and its string values are kept as UTF-8 ready to
/// copy, so rendering a field neither hashes its name again nor touches a reference count.
/// Renders exactly like `.object` with the same fields; a key set twice keeps its last value.
public struct TemplateRecord: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    private(set) var storage: RecordStorage

    public init() {
        storage = RecordStorage(capacity: 8)
    }

    public init(minimumCapacity: Int) {
        storage = RecordStorage(capacity: minimumCapacity)
    }

    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        var text = 0
        for index in elements.indices {
            if case .string(let string) = elements[index].1 { text += string.utf8.count }
        }
        storage = RecordStorage(capacity: elements.count, textCapacity: text)
        for index in elements.indices { storage.set(elements[index].0, elements[index].1) }
    }

    public init(_ fields: [String: TemplateValue]) {
        storage = RecordStorage(capacity: fields.count)
        for (key, value) in fields { storage.set(key, value) }
    }

    public var count: Int { storage.count }

    /// In the order first set.
    public var keys: [String] { (0..<storage.count).map { storage.entries[$0].key } }

    /// Setting nil removes the key, as it does in a Dictionary.
    public subscript(key: String) -> TemplateValue? {
        get {
            let index = storage.find(key, hash: Self.hash(key))
            // Spelled out: a bare `nil` here would become `.null`, TemplateValue being nil-expressible.
            guard index >= 0 else { return Optional<TemplateValue>.none }
            return storage.entries[index].value
        }
        set {
            if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
            if let newValue { storage.set(key, newValue) } else { storage.remove(key) }
        }
    }

    public static func == (lhs: TemplateRecord, rhs: TemplateRecord) -> Bool {
        guard lhs.storage.count == rhs.storage.count else { return false }
        for index in 0..<lhs.storage.count {
            let entry = lhs.storage.entries[index]
            let other = rhs.storage.find(entry.key, hash: entry.hash)
            guard other >= 0, rhs.storage.entries[other].value == entry.value else { return false }
        }
        return true
    }

    /// FNV-1a over 8-byte words: cheap for the short keys of a view model, and computed by
    /// templates at compile time.
    @inline(__always)
    static func hash(_ key: String) -> Int {
        if let hash = key.utf8.withContiguousStorageIfAvailable(hash) { return hash }
        return Array(key.utf8).withUnsafeBufferPointer(hash)
    }

    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        guard let base = bytes.baseAddress else { return Int(truncatingIfNeeded: hash) }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        var offset = 0
        while offset + 8 <= count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0x100_0000_01b3
            offset += 8
        }
        // The last few bytes in at most two loads that stay within the key.
        let rest = count - offset
        var tail = UInt64(count) << 56
        if rest >= 4 {
            tail |= UInt64(raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            tail |= UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)) << 24
        } else if rest > 0 {
            tail |= UInt64(base[offset]) | UInt64(base[offset + rest / 2]) << 8 | UInt64(base[count - 1]) << 16
        }
        hash = (hash ^ tail) &* 0x100_0000_01b3
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }
}

/// One field of a record.
struct RecordEntry {
    var hash: Int
    var key: String
    var value: TemplateValue
    /// For a string value, its UTF-8 in the record's text buffer: `text[textStart..<textStart + textCount]`;
    /// -1 for other values.
    var textStart: Int
    var textCount: Int
    /// For a record value, its storage, kept alive by `value`: rendering reads it without
    /// retaining it.
    var nested: Unmanaged<RecordStorage>?
    /// The same for a document value.
    var nestedDocument: Unmanaged<DocumentStorage>?
}

/// The memory of a record: its entries and the UTF-8 of its strings in one block, and an index
/// once it has many keys. Rendering holds pointers into it; nothing moves while no one sets a
/// field, and a rendering only reads.
final class RecordStorage: @unchecked Sendable {
    /// Up to this many keys a scan of the hashes beats an index.
    private static let scanLimit = 8

    // Unchecked: rendering reads these for every name, and a record is only written while one
    // owner builds it (TemplateRecord copies shared storage before writing).
    /// `capacity` entries, then `textCapacity` bytes of text.
    @exclusivity(unchecked) private var block: UnsafeMutableRawPointer
    @exclusivity(unchecked) private(set) var entries: UnsafeMutablePointer<RecordEntry>
    @exclusivity(unchecked) private(set) var count = 0
    @exclusivity(unchecked) private var capacity: Int
    /// Open addressing: entry index + 1, 0 for an empty slot; nil while scanning is enough.
    @exclusivity(unchecked) private var slots: UnsafeMutablePointer<Int32>?
    @exclusivity(unchecked) private var slotMask = 0
    @exclusivity(unchecked) private(set) var text: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var textCount = 0
    @exclusivity(unchecked) private var textCapacity: Int

    init(capacity: Int, textCapacity: Int = 64) {
        self.capacity = max(capacity, 1)
        self.textCapacity = max(textCapacity, 1)
        (block, entries, text) = Self.allocate(capacity: self.capacity, textCapacity: self.textCapacity)
    }

    deinit {
        entries.deinitialize(count: count)
        block.deallocate()
        slots?.deallocate()
    }

    private static func allocate(capacity: Int, textCapacity: Int)
        -> (UnsafeMutableRawPointer, UnsafeMutablePointer<RecordEntry>, UnsafeMutablePointer<UInt8>) {
        let entryBytes = capacity * MemoryLayout<RecordEntry>.stride
        let block = UnsafeMutableRawPointer.allocate(byteCount: entryBytes + textCapacity,
                                                     alignment: MemoryLayout<RecordEntry>.alignment)
        let entries = block.bindMemory(to: RecordEntry.self, capacity: capacity)
        let text = (block + entryBytes).bindMemory(to: UInt8.self, capacity: textCapacity)
        return (block, entries, text)
    }

    /// Moves everything into a block of the given room.
    private func reallocate(capacity newCapacity: Int, textCapacity newTextCapacity: Int) {
        let (newBlock, newEntries, newText) = Self.allocate(capacity: newCapacity, textCapacity: newTextCapacity)
        newEntries.moveInitialize(from: entries, count: count)
        newText.update(from: text, count: textCount)
        block.deallocate()
        (block, entries, text) = (newBlock, newEntries, newText)
        capacity = newCapacity
        textCapacity = newTextCapacity
    }

    func copy() -> RecordStorage {
        let copy = RecordStorage(capacity: count, textCapacity: textCount)
        for index in 0..<count { copy.set(entries[index].key, entries[index].value) }
        return copy
    }

    /// The index of `key`, or -1.
    @inline(__always)
    func find(_ key: String, hash: Int) -> Int {
        if let slots {
            var slot = hash & slotMask
            while true {
                let stored = Int(slots[slot])
                if stored == 0 { return -1 }
                if entries[stored - 1].hash == hash && entries[stored - 1].key == key { return stored - 1 }
                slot = (slot + 1) & slotMask
            }
        }
        var index = 0
        while index < count {
            if entries[index].hash == hash && entries[index].key == key { return index }
            index += 1
        }
        return -1
    }

    /// Whether the entry at `index` has this key.
    @inline(__always)
    func has(_ key: String, hash: Int, at index: Int) -> Bool {
        index < count && entries[index].hash == hash && entries[index].key == key
    }

    func set(_ key: String, _ value: TemplateValue) {
        let hash = TemplateRecord.hash(key)
        var textStart = -1
        var length = 0
        var nested: Unmanaged<RecordStorage>? = nil
        var nestedDocument: Unmanaged<DocumentStorage>? = nil
        switch value {
        case .string(let string):
            textStart = textCount
            length = appendText(string)
        case .record(let record):
            nested = Unmanaged.passUnretained(record.storage)
        case .document(let document):
            nestedDocument = Unmanaged.passUnretained(document.storage)
        case .null, .bool, .list, .object:
            break
        }
        let existing = find(key, hash: hash)
        if existing >= 0 {
            entries[existing].value = value
            entries[existing].textStart = textStart
            entries[existing].textCount = length
            entries[existing].nested = nested
            entries[existing].nestedDocument = nestedDocument
            return
        }
        if count == capacity { reallocate(capacity: capacity * 2, textCapacity: textCapacity) }
        (entries + count).initialize(to: RecordEntry(
            hash: hash, key: key, value: value, textStart: textStart, textCount: length, nested: nested,
            nestedDocument: nestedDocument))
        count += 1
        if count > Self.scanLimit {
            if slots == nil || count * 2 > slotMask + 1 { rebuildIndex() } else { insertSlot(count - 1) }
        }
    }

    func remove(_ key: String) {
        let index = find(key, hash: TemplateRecord.hash(key))
        guard index >= 0 else { return }
        (entries + index).deinitialize(count: 1)
        (entries + index).moveInitialize(from: entries + index + 1, count: count - index - 1)
        count -= 1
        if slots != nil { rebuildIndex() }
    }

    private func appendText(_ string: String) -> Int {
        let length = string.utf8.count
        if textCapacity - textCount < length {
            reallocate(capacity: capacity, textCapacity: max(textCapacity * 2, textCount + length))
        }
        let target = text + textCount
        let copied: Void? = string.utf8.withContiguousStorageIfAvailable { bytes in
            if let source = bytes.baseAddress { target.initialize(from: source, count: length) }
        }
        if copied == nil {
            var index = 0
            for byte in string.utf8 {
                target[index] = byte
                index += 1
            }
        }
        textCount += length
        return length
    }

    private func rebuildIndex() {
        slots?.deallocate()
        var size = 16
        while size < count * 2 { size *= 2 }
        let table = UnsafeMutablePointer<Int32>.allocate(capacity: size)
        table.initialize(repeating: 0, count: size)
        slots = table
        slotMask = size - 1
        for index in 0..<count { insertSlot(index) }
    }

    private func insertSlot(_ index: Int) {
        guard let slots else { return }
        var slot = entries[index].hash & slotMask
        while slots[slot] != 0 { slot = (slot + 1) & slotMask }
        slots[slot] = Int32(index + 1)
    }
}
