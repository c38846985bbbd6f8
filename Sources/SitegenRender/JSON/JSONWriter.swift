import SitegenMustache

/// Writes JSON straight into bytes, one token at a time, so documents come out in a fixed order
/// (keys as written, never sorted or hashed) and byte-identical from run to run.
///
/// Commas, colons and indentation are placed automatically. Strings are escaped so the output
/// can sit inside an HTML `<script>` element or an XML CDATA section unchanged: see
/// `escapedString(_:)`.
///
/// Not copyable: it writes into a `TextBuffer`, which owns its memory.
public struct JSONWriter: ~Copyable {
    private var out: TextBuffer
    public let pretty: Bool

    /// The document written so far.
    public var bytes: [UInt8] { Array(out.bytes) }

    /// How many containers are open, and per open container (bit `depth - 1` the innermost)
    /// whether it holds a value yet: a word rather than an array, since this is asked for every
    /// value and sitegen's documents nest a few levels deep.
    private var depth = 0
    private var containersWithValues: UInt64 = 0
    /// A key was just written and its value is still to come.
    private var awaitingValue = false

    /// `pretty`: two-space indentation, `"key": value`, a newline after the document.
    /// Compact: no whitespace at all.
    public init(pretty: Bool) {
        self.pretty = pretty
        out = TextBuffer(capacity: 1024)
    }

    /// A writer for one value to be placed with `raw` after a key, `depth` containers deep in a
    /// document: laid out (indented) as it would be written there.
    public init(pretty: Bool, valueAtDepth depth: Int) {
        self.init(pretty: pretty)
        self.depth = depth
        awaitingValue = true
    }

    private init(pretty: Bool, capacity: Int) {
        self.pretty = pretty
        out = TextBuffer(capacity: capacity)
    }

    /// Lets `write` write one document straight onto the end of `buffer`, sparing a buffer
    /// of its own and a copy.
    public static func write(into buffer: inout TextBuffer, pretty: Bool, _ write: (inout JSONWriter) -> Void) {
        var json = JSONWriter(pretty: pretty, capacity: 16)
        swap(&json.out, &buffer)
        write(&json)
        swap(&json.out, &buffer)
    }

    /// Room for a document of about `byteCount` bytes, to spare regrowing while writing it.
    public mutating func reserveCapacity(_ byteCount: Int) {
        out.append(upTo: byteCount) { _ in 0 }
    }

    // MARK: Structure

    public mutating func beginObject() {
        beforeValue()
        out.append(UInt8(ascii: "{"))
        open()
    }

    public mutating func endObject() { endContainer(UInt8(ascii: "}")) }

    public mutating func beginArray() {
        beforeValue()
        out.append(UInt8(ascii: "["))
        open()
    }

    public mutating func endArray() { endContainer(UInt8(ascii: "]")) }

    /// A key written in the code: copied as it is, since such keys need no escaping.
    public mutating func key(_ k: StaticString) {
        beforeMember()
        out.append(UInt8(ascii: "\""))
        out.append(k)
        out.append(pretty ? "\": " as StaticString : "\":")
        awaitingValue = true
    }

    /// A key that comes from data.
    public mutating func key(named k: String) {
        beforeMember()
        Self.appendEscaped(k, to: &out)
        out.append(UInt8(ascii: ":"))
        if pretty { out.append(UInt8(ascii: " ")) }
        awaitingValue = true
    }

    // MARK: Values

    public mutating func string(_ s: String) {
        beforeValue()
        Self.appendEscaped(s, to: &out)
        afterValue()
    }

    /// A string whose bytes `write` appends, vouching that they need no escaping (digits, dates).
    public mutating func string(_ write: (inout TextBuffer) -> Void) {
        beforeValue()
        out.append(UInt8(ascii: "\""))
        write(&out)
        out.append(UInt8(ascii: "\""))
        afterValue()
    }

    public mutating func number(_ n: Int) {
        beforeValue()
        var magnitude = n.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0) // 24 bytes: room for 20 digits and a sign
        withUnsafeMutableBytes(of: &digits) { buffer in
            var start = buffer.count
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if n < 0 {
                start -= 1
                buffer[start] = UInt8(ascii: "-")
            }
            out.append(UnsafeBufferPointer(rebasing: buffer.bindMemory(to: UInt8.self)[start...]))
        }
        afterValue()
    }

    public mutating func bool(_ b: Bool) {
        beforeValue()
        out.append(b ? "true" as StaticString : "false")
        afterValue()
    }

    public mutating func null() {
        beforeValue()
        out.append("null" as StaticString)
        afterValue()
    }

    /// An already-serialized JSON value, copied as is (a compact value keeps its own layout
    /// inside a pretty document).
    public mutating func raw(_ json: [UInt8]) {
        beforeValue()
        out.append(json)
        afterValue()
    }

    // MARK: Members

    public mutating func field(_ key: StaticString, _ value: String) {
        self.key(key)
        string(value)
    }

    public mutating func field(_ key: StaticString, _ value: Int) {
        self.key(key)
        number(value)
    }

    public mutating func field(_ key: StaticString, _ value: Bool) {
        self.key(key)
        bool(value)
    }

    public mutating func field(_ key: StaticString, raw json: [UInt8]) {
        self.key(key)
        raw(json)
    }

    /// Writes the member only when there is a value: absent and null mean the same in sitegen's
    /// documents, and leaving it out keeps them small.
    public mutating func field(_ key: StaticString, ifPresent value: String?) {
        guard let value else { return }
        field(key, value)
    }

    // MARK: Layout

    private mutating func beforeValue() {
        if awaitingValue {
            awaitingValue = false
            return
        }
        beforeMember()
    }

    private mutating func open() {
        precondition(depth < 64, "JSON nested more than 64 levels deep")
        containersWithValues &= ~(1 << UInt64(depth))
        depth += 1
    }

    /// The comma and line break that separate a container's entries.
    private mutating func beforeMember() {
        guard depth > 0 else { return }
        let bit: UInt64 = 1 << UInt64(depth - 1)
        if containersWithValues & bit != 0 { out.append(UInt8(ascii: ",")) }
        containersWithValues |= bit
        if pretty { newline(depth: depth) }
    }

    private mutating func afterValue() {
        if pretty && depth == 0 { out.append(UInt8(ascii: "\n")) }
    }

    private mutating func endContainer(_ close: UInt8) {
        guard depth > 0 else { return }
        depth -= 1
        let hadValue = containersWithValues & (1 << UInt64(depth)) != 0
        if pretty && hadValue { newline(depth: depth) }
        out.append(close)
        afterValue()
    }

    private mutating func newline(depth: Int) {
        out.append(UInt8(ascii: "\n"))
        for _ in 0..<depth { out.append("  " as StaticString) }
    }
}
