import SitegenDigest

/// One chunk of a PNG file whose length and CRC have been checked.
public struct PNGChunk: Sendable, Equatable {
    /// Four ASCII letters, such as `IHDR` or `iTXt`.
    public var type: String
    public var data: ArraySlice<UInt8>
    /// Where the chunk (its length field) starts in the file.
    public var offset: Int
}

/// The chunk layout of a PNG file (PNG specification, section 5).
public enum PNGFile {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The file's chunks, after checking the signature, every chunk's length and CRC, that IHDR
    /// comes first and that IEND comes last.
    public static func chunks(_ png: [UInt8]) throws(BakingError) -> [PNGChunk] {
        try spans(png).map { span in
            PNGChunk(type: span.typeName, data: png[span.dataRange], offset: span.offset)
        }
    }

    /// Where a chunk lies in the file, without copying it.
    struct Span {
        var offset: Int
        var type: UInt32
        var dataCount: Int

        var dataRange: Range<Int> { (offset + 8)..<(offset + 8 + dataCount) }
        /// Length field through CRC.
        var range: Range<Int> { offset..<(offset + 12 + dataCount) }
        var typeName: String { PNGFile.typeName(type) }
    }

    static func typeCode(_ name: StaticString) -> UInt32 {
        name.withUTF8Buffer { $0.reduce(0) { $0 << 8 | UInt32($1) } }
    }

    static let ihdr = typeCode("IHDR")
    static let iend = typeCode("IEND")
    static let itxt = typeCode("iTXt")

    static func typeName(_ code: UInt32) -> String {
        String(decoding: [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: code >> $0) }, as: UTF8.self)
    }

    static func spans(_ png: [UInt8]) throws(BakingError) -> [Span] {
        let result: Result<[Span], BakingError> = png.withUnsafeBytes { spans(in: $0) }
        return try result.get()
    }

    private static func spans(in png: UnsafeRawBufferPointer) -> Result<[Span], BakingError> {
        guard png.count >= 8, png.prefix(8).elementsEqual(signature) else {
            return .failure(BakingError("not a PNG file: bad signature"))
        }
        var spans: [Span] = []
        var offset = 8
        while offset < png.count {
            guard png.count - offset >= 12 else {
                return .failure(BakingError("PNG chunk at offset \(offset) is truncated"))
            }
            let length = bigEndianWord(png, at: offset)
            let type = bigEndianWord(png, at: offset + 4)
            guard isValidType(type) else {
                return .failure(BakingError("PNG chunk at offset \(offset) has an invalid type"))
            }
            let name = typeName(type)
            // The PNG specification caps lengths at 2^31 - 1.
            guard length <= 0x7FFF_FFFF else {
                return .failure(BakingError("PNG chunk '\(name)' at offset \(offset) has an invalid length \(length)"))
            }
            let dataCount = Int(length)
            guard png.count - offset - 12 >= dataCount else {
                return .failure(BakingError(
                    "PNG chunk '\(name)' at offset \(offset) is truncated: it needs \(12 + dataCount) bytes but only "
                        + "\(png.count - offset) remain"))
            }
            let crcEnd = offset + 8 + dataCount
            let stored = bigEndianWord(png, at: crcEnd)
            guard CRC32.checksum(UnsafeRawBufferPointer(rebasing: png[(offset + 4)..<crcEnd])) == stored else {
                return .failure(BakingError("PNG chunk '\(name)' at offset \(offset) has a bad CRC"))
            }
            if spans.isEmpty {
                guard type == ihdr else {
                    return .failure(BakingError("PNG chunk '\(name)' at offset \(offset) comes before IHDR"))
                }
                guard dataCount == 13 else {
                    return .failure(BakingError("PNG chunk 'IHDR' at offset \(offset) has length \(dataCount), not 13"))
                }
            }
            spans.append(Span(offset: offset, type: type, dataCount: dataCount))
            offset = crcEnd + 4
            if type == iend {
                guard offset == png.count else {
                    return .failure(BakingError("PNG has \(png.count - offset) bytes after its IEND chunk"))
                }
                return .success(spans)
            }
        }
        return .failure(BakingError("PNG has no IEND chunk"))
    }

    private static func bigEndianWord(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt32 {
        bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self).bigEndian
    }

    /// Chunk types are four ASCII letters.
    private static func isValidType(_ type: UInt32) -> Bool {
        (0..<4).allSatisfy { i in
            let byte = UInt8(truncatingIfNeeded: type >> (8 * UInt32(i))) | 0x20 // fold to lower case
            return byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
        }
    }
}
