extension TemplateDocument {
    /// A record of texts, as prototypes are made for `Writer.fields(of:)`: the fields many
    /// pages repeat, written once.
    public static func record(_ fields: KeyValuePairs<StaticString, String>) -> TemplateDocument {
        let writer = Writer()
        for (key, value) in fields { writer.field(key, value) }
        return writer.finish()
    }

    /// Writes a document the way JSON is written: inside a record, `key` then a value; inside a
    /// list, values alone. The document itself is the outermost record, open from the start.
    ///
    ///     let page = TemplateDocument.Writer()
    ///     page.field("title", "Rust")
    ///     page.key("tags"); page.beginList(); page.string("a"); page.endList()
    ///     let document = page.finish()
    ///
    /// Text can be written piece by piece between `beginText` and `endText`, so a value made of
    /// several parts is never joined into a String first. A class, so that helpers can write
    /// parts of one document; written by one thread at a time.
    public final class Writer {
        // Unchecked: written for every value, and only ever by the one owner.
        @exclusivity(unchecked) private var nodes = GrowingBuffer<DocumentNode>(capacity: 256)
        @exclusivity(unchecked) private var children = GrowingBuffer<Int32>(capacity: 256)
        @exclusivity(unchecked) private var text = TextBuffer(capacity: 16 * 1024)
        @exclusivity(unchecked) private var externals: [TemplateValue] = []
        /// Per open record or list: its node and where its children start in `pending`.
        @exclusivity(unchecked) private var open = GrowingBuffer<(node: Int32, firstChild: Int32)>(capacity: 16)
        /// Children of the open containers, moved to `children` as each closes.
        @exclusivity(unchecked) private var pending = GrowingBuffer<Int32>(capacity: 64)
        @exclusivity(unchecked) private var pendingKey: (hash: Int, bytes: UnsafePointer<UInt8>?, count: Int32)? = nil
        /// Copies of keys that were not literals, which the document will own.
        @exclusivity(unchecked) private var ownedKeys: [UnsafeMutablePointer<UInt8>] = []
        /// Where the text being written began, while one is.
        @exclusivity(unchecked) private var textStart = -1
        /// Set once the buffers belong to a document.
        @exclusivity(unchecked) private var finished = false

        public init() {
            // A page gives a handful of values whole (shared records, dates): room for them
            // up front rather than regrowing the array as they come.
            externals.reserveCapacity(16)
            nodes.append(DocumentNode(hash: 0, key: nil, keyCount: 0, kind: .record, start: 0, count: 0))
            open.append((0, 0))
        }

        deinit {
            guard !finished else { return }
            nodes.free()
            children.free()
            open.free()
            pending.free()
            for key in ownedKeys { key.deallocate() }
        }

        /// The key of the next value, in a record.
        public func key(_ key: StaticString) {
            // A literal's bytes last as long as the program: the document points at them.
            setKey(UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        }

        /// The key of the next value, in a record, when it is not known ahead.
        public func key(named key: String) {
            let bytes = Array(key.utf8)
            let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
            copy.initialize(from: bytes, count: bytes.count)
            ownedKeys.append(copy)
            setKey(UnsafeBufferPointer(start: copy, count: bytes.count))
        }

        private func setKey(_ bytes: UnsafeBufferPointer<UInt8>) {
            assert(pendingKey == nil && textStart < 0, "a key must be followed by a value")
            pendingKey = (TemplateRecord.hash(bytes), bytes.baseAddress, Int32(bytes.count))
        }

        public func string(_ value: String) {
            beginText()
            appendText(value)
            endText()
        }

        public func bool(_ value: Bool) {
            add(.bool, start: 0, count: value ? 1 : 0)
        }

        public func null() {
            add(.null, start: 0, count: 0)
        }

        /// A value given whole, such as one many pages share: it is kept, not copied.
        public func value(_ value: consuming TemplateValue) {
            externals.append(value)
            add(.external, start: externals.count - 1, count: 0)
        }

        public func beginRecord() {
            open.append((Int32(add(.record, start: 0, count: 0)), Int32(pending.count)))
        }

        public func endRecord() {
            close(.record)
        }

        public func beginList() {
            open.append((Int32(add(.list, start: 0, count: 0)), Int32(pending.count)))
        }

        public func endList() {
            close(.list)
        }

        // MARK: text

        public func beginText() {
            assert(textStart < 0, "text already begun")
            textStart = text.count
        }

        public func appendText(_ bytes: UnsafeBufferPointer<UInt8>) {
            text.append(bytes)
        }

        public func appendText(_ bytes: [UInt8]) {
            text.append(bytes)
        }

        public func appendText(_ string: String) {
            text.append(string)
        }

        public func appendText(_ string: StaticString) {
            text.append(string)
        }

        /// Lets `write` append to the text being written; it must only append.
        public func appendText<Result>(_ write: (inout TextBuffer) throws -> Result) rethrows -> Result {
            let count = text.count
            defer { assert(text.count >= count, "text was removed") }
            return try write(&text)
        }

        /// The bytes given since `beginText` become the value; the caller vouches they are UTF-8.
        public func endText() {
            finishText(escaped: false)
        }

        /// Like `endText`, for bytes written HTML-escaped, exactly as `HTMLEscaping` escapes
        /// (`&amp; &lt; &gt; &quot; &#39;`): `{{name}}` copies them. For long texts whose parts the
        /// view model has escaped ahead, such as share links with their `&`s.
        public func endEscapedText() {
            finishText(escaped: true)
        }

        private func finishText(escaped: Bool) {
            let start = textStart
            textStart = -1
            let key = pendingKey ?? (0, nil, 0)
            pendingKey = nil
            addText(from: start, hash: key.hash, key: key.bytes, keyCount: key.count, escaped: escaped)
        }

        /// The node of a text written from `start`, with its key.
        @inline(__always)
        private func addText(from start: Int, hash: Int, key: UnsafePointer<UInt8>?, keyCount: Int32, escaped: Bool = false) {
            let count = text.count - start
            var node = DocumentNode(hash: hash, key: key, keyCount: keyCount, kind: .text, start: Int32(start), count: Int32(count))
            node.escaped = escaped
            // Short texts are most of a page's values, and escaping them costs more per call than
            // per byte; a long one (JSON, a snippet) is left to escaping when a template shows it.
            if count <= 96 && !escaped { node.plain = HTMLEscaping.isPlain(UnsafeBufferPointer(rebasing: text.bytes[start...])) }
            nodes.append(node)
            pending.append(Int32(nodes.count - 1))
        }

        /// A text field written in one step, the most common value of a page.
        @inline(__always)
        private func textField(_ key: StaticString, _ write: () -> Void) {
            assert(pendingKey == nil && textStart < 0, "a field is written whole")
            let keyBytes = UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)
            let start = text.count
            write()
            addText(from: start, hash: TemplateRecord.hash(keyBytes), key: keyBytes.baseAddress, keyCount: Int32(keyBytes.count))
        }

        // MARK: fields

        public func field(_ key: StaticString, _ value: String) {
            textField(key) { text.append(value) }
        }

        /// A text field whose bytes `write` appends: pieces written one after the other, without
        /// joining them into a String first.
        public func field(_ key: StaticString, writing write: (inout TextBuffer) -> Void) {
            textField(key) { write(&text) }
        }

        /// Writes the fields of `prototype` (a document of texts, booleans and nulls) into the open
        /// record, as if written one by one: the part of a record that many pages repeat costs a
        /// copy, not a key, a hash and an escape check per field.
        public func fields(of prototype: TemplateDocument) {
            let storage = prototype.storage
            // Keys the prototype owns must outlive this document; literal ones always do.
            if storage.ownsKeys { externals.append(.document(prototype)) }
            for child in storage.children(of: 0) {
                var node = storage.nodes[Int(child)]
                precondition(node.kind == .text || node.kind == .bool || node.kind == .null,
                             "a prototype holds texts, booleans and nulls")
                if node.kind == .text {
                    let start = text.count
                    text.append(UnsafeBufferPointer(start: storage.text.baseAddress! + Int(node.start), count: Int(node.count)))
                    node.start = Int32(start)
                }
                nodes.append(node)
                pending.append(Int32(nodes.count - 1))
            }
        }

        /// A text field, or null.
        public func field(_ key: StaticString, _ value: String?) {
            if let value {
                textField(key) { text.append(value) }
            } else {
                self.key(key)
                null()
            }
        }

        public func field(_ key: StaticString, _ value: Bool) {
            self.key(key)
            bool(value)
        }

        public func field(_ key: StaticString, value: consuming TemplateValue) {
            self.key(key)
            self.value(value)
        }

        /// Call once, when done writing.
        public func finish() -> TemplateDocument {
            precondition(!finished, "a document is finished once")
            close(.record)
            assert(open.count == 0, "records or lists left open")
            finished = true
            open.free()
            pending.free()
            var written = TextBuffer(capacity: 16)
            swap(&written, &text)
            let storage = DocumentStorage(nodes: nodes.take(), children: children.take(), text: written.take(),
                                          externals: Self.buffer(externals), keys: ownedKeys)
            ownedKeys = []
            return TemplateDocument(storage: storage)
        }

        // MARK: nodes

        @discardableResult
        private func add(_ kind: DocumentNode.Kind, start: Int, count: Int) -> Int {
            let key = pendingKey ?? (0, nil, 0)
            pendingKey = nil
            nodes.append(DocumentNode(hash: key.hash, key: key.bytes, keyCount: key.count, kind: kind,
                                      start: Int32(start), count: Int32(count)))
            pending.append(Int32(nodes.count - 1))
            return nodes.count - 1
        }

        private func close(_ kind: DocumentNode.Kind) {
            let (node, firstChild) = open.removeLast()
            assert(nodes[Int(node)].kind == kind, "closing what is not open")
            let fields = pending.elements(from: Int(firstChild))
            nodes[Int(node)].start = Int32(children.count)
            nodes[Int(node)].count = Int32(fields.count)
            if kind == .record { markKeys(of: Int(node), fields) }
            children.append(fields)
            pending.removeLast(fields.count)
        }

        /// Sets the record's `keyBits`, and whether its keys are distinct: only a field whose bit
        /// an earlier field set is compared with those before it.
        private func markKeys(of record: Int, _ fields: UnsafeBufferPointer<Int32>) {
            var keyBits: UInt64 = 0
            var distinct = true
            for index in fields.indices {
                let node = nodes[Int(fields[index])]
                let bit: UInt64 = 1 << UInt64(node.hash & 63)
                if keyBits & bit != 0 && distinct {
                    for other in fields[..<index] where nodes[Int(other)].hash == node.hash {
                        if sameKey(node, nodes[Int(other)]) { distinct = false }
                    }
                }
                keyBits |= bit
            }
            nodes[record].keyBits = keyBits
            nodes[record].distinctKeys = distinct
        }

        private func sameKey(_ one: DocumentNode, _ other: DocumentNode) -> Bool {
            guard one.keyCount == other.keyCount else { return false }
            return UnsafeBufferPointer(start: one.key, count: Int(one.keyCount))
                .elementsEqual(UnsafeBufferPointer(start: other.key, count: Int(other.keyCount)))
        }

        private static func buffer<Element>(_ values: [Element]) -> UnsafeMutableBufferPointer<Element> {
            let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: values.count)
            _ = buffer.initialize(from: values)
            return buffer
        }
    }
}
