import SitegenDigest

/// Where one chunk lies in a PNG file, after its length, type letters and CRC were checked.
///
/// SitegenRender's badge baking has its own chunk walker (`PNGFile`, which throws `BakingError`
/// and insists on nothing after IEND); this one serves decoding, where bytes after IEND are
/// disregarded as libpng and Pillow do.
struct ChunkSpan {
    var offset: Int
    var type: UInt32
    var dataRange: Range<Int>

    var name: String {
        String(decoding: [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: type >> $0) }, as: UTF8.self)
    }

    /// Critical chunks have an upper-case first letter: a decoder that does not know one must stop.
    var isCritical: Bool { type & 0x2000_0000 == 0 }
}

/// Walks a PNG file's chunks one at a time, checking each as it goes (PNG specification, section 5).
struct ChunkReader {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func code(_ name: StaticString) -> UInt32 {
        name.withUTF8Buffer { $0.reduce(0) { $0 << 8 | UInt32($1) } }
    }

    private let png: [UInt8]
    private(set) var offset: Int

    init(_ png: [UInt8]) throws(PNGError) {
        guard png.count >= 8 else { throw PNGError("file is \(png.count) bytes, too short for the PNG signature", at: 0) }
        for index in 0..<8 where png[index] != Self.signature[index] {
            throw PNGError("not a PNG file: signature byte \(index) is \(png[index]), not \(Self.signature[index])", at: index)
        }
        self.png = png
        offset = 8
    }

    /// The next chunk; a file that ends before a chunk does is an error, since every PNG ends with IEND.
    mutating func next() throws(PNGError) -> ChunkSpan {
        let start = offset
        guard png.count - start >= 12 else {
            throw PNGError("file ends (\(png.count - start) bytes left) where a chunk should start", at: start)
        }
        let length = word(at: start)
        let type = word(at: start + 4)
        let span = ChunkSpan(offset: start, type: type, dataRange: 0..<0) // for its name in messages
        for shift: UInt32 in [24, 16, 8, 0] {
            let letter = UInt8(truncatingIfNeeded: type >> shift) | 0x20 // fold to lower case
            guard letter >= UInt8(ascii: "a") && letter <= UInt8(ascii: "z") else {
                throw PNGError("chunk type \(String(type, radix: 16)) is not four ASCII letters", at: start + 4)
            }
        }
        // The PNG specification caps lengths at 2^31 - 1.
        guard length <= 0x7FFF_FFFF else {
            throw PNGError("chunk '\(span.name)' has an invalid length \(length)", at: start)
        }
        let count = Int(length)
        guard png.count - start - 12 >= count else {
            throw PNGError("chunk '\(span.name)' needs \(count + 12) bytes but the file has \(png.count - start) left", at: start)
        }
        let crcAt = start + 8 + count
        let computed = png.withUnsafeBytes { CRC32.checksum(UnsafeRawBufferPointer(rebasing: $0[(start + 4)..<crcAt])) }
        let stored = word(at: crcAt)
        guard computed == stored else {
            throw PNGError("chunk '\(span.name)' has a bad CRC (stored \(hex(stored)), data gives \(hex(computed)))", at: start)
        }
        offset = crcAt + 4
        return ChunkSpan(offset: start, type: type, dataRange: (start + 8)..<crcAt)
    }

    func word(at index: Int) -> UInt32 {
        UInt32(png[index]) << 24 | UInt32(png[index + 1]) << 16 | UInt32(png[index + 2]) << 8 | UInt32(png[index + 3])
    }

    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }
}
