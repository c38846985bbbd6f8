/// A font file that could not be read: what was wrong and the byte offset where it was found.
public struct FontError: Error, Equatable, CustomStringConvertible {
    public let offset: Int
    public let reason: String

    public init(offset: Int, _ reason: String) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "font offset \(offset): \(reason)" }
}

/// Big-endian reads that throw instead of trapping, so a truncated or lying font is an error.
struct FontBytes: Sendable {
    let bytes: [UInt8]
    /// Reads end here: a glyph's reads are held inside its own `glyf` entry.
    let count: Int

    init(bytes: [UInt8]) {
        self.bytes = bytes
        count = bytes.count
    }

    private init(bytes: [UInt8], count: Int) {
        self.bytes = bytes
        self.count = count
    }

    /// The same bytes (shared, not copied) with reads stopping at `end`.
    func ending(at end: Int) -> FontBytes { FontBytes(bytes: bytes, count: min(end, count)) }

    func require(_ offset: Int, _ length: Int, _ what: @autoclosure () -> String) throws {
        guard offset >= 0, length >= 0, offset <= count, length <= count - offset else {
            throw FontError(offset: offset, "\(what()) runs past the end of its data (\(count) bytes)")
        }
    }

    func u8(_ offset: Int) throws -> Int {
        try require(offset, 1, "a byte")
        return Int(bytes[offset])
    }

    func u16(_ offset: Int) throws -> Int {
        try require(offset, 2, "a 16-bit value")
        return Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
    }

    func i16(_ offset: Int) throws -> Int { Int(Int16(truncatingIfNeeded: try u16(offset))) }

    func u32(_ offset: Int) throws -> Int { try u16(offset) << 16 | u16(offset + 2) }

    /// F2Dot14, the fixed-point scale of composite glyph transforms.
    func f2dot14(_ offset: Int) throws -> Double { Double(try i16(offset)) / 16384 }

    func tag(_ offset: Int) throws -> String {
        try require(offset, 4, "a table tag")
        return String(decoding: bytes[offset..<(offset + 4)], as: UTF8.self)
    }
}
