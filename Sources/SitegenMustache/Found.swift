/// A value a name resolved to, by where it sits: in the root context, in a record's storage or
/// in a box of the rendering, all of which outlive the rendering's use of it. Plain pointers,
/// so passing one around never touches a reference count.
struct Found {
    var value: UnsafePointer<TemplateValue>
    /// A string from a record: its UTF-8, ready to copy.
    var text: UnsafePointer<UInt8>?
    var textCount = 0
    /// A record: its storage, to find fields in without going through the enum.
    var record: Unmanaged<RecordStorage>?

    init(_ value: UnsafePointer<TemplateValue>) {
        self.value = value
        if case .record(let record) = value.pointee { self.record = Unmanaged.passUnretained(record.storage) }
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
    }

    private static let valueOffset = MemoryLayout<RecordEntry>.offset(of: \.value) ?? 0

    var isList: Bool {
        if text != nil || record != nil { return false }
        if case .list = value.pointee { return true }
        return false
    }

    var isTruthy: Bool {
        if text != nil { return textCount > 0 }
        if record != nil { return true }
        return value.pointee.isTruthy
    }
}

