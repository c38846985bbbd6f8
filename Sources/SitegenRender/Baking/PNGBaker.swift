import SitegenDigest

/// Open Badges 2.0 baking of PNG images: the assertion travels in an `iTXt` chunk with the
/// keyword `openbadges`.
public enum PNGBaker {
    /// `png` with `json` baked in, replacing any assertion baked before.
    public static func bake(_ png: [UInt8], assertion json: [UInt8]) throws(BakingError) -> [UInt8] {
        try PNGBakingTemplate(png).bake(json)
    }

    /// The text of the first `openbadges` iTXt chunk, nil when the image has none.
    public static func assertion(in png: [UInt8]) throws(BakingError) -> [UInt8]? {
        try text(in: png, keyword: keywordField)
    }

    /// The text of the first `openbadgecredential` iTXt chunk (Open Badges 3.0), nil when none.
    public static func credential(in png: [UInt8]) throws(BakingError) -> [UInt8]? {
        try text(in: png, keyword: credentialKeywordField)
    }

    private static func text(in png: [UInt8], keyword: [UInt8]) throws(BakingError) -> [UInt8]? {
        for span in try PNGFile.spans(png) where span.type == PNGFile.itxt {
            let data = png[span.dataRange]
            guard data.starts(with: keyword) else { continue }
            // keyword NUL, compression flag, compression method, language NUL, translated keyword NUL
            var rest = data.dropFirst(keyword.count)
            guard rest.count >= 2 else {
                throw BakingError("PNG chunk 'iTXt' at offset \(span.offset) is malformed")
            }
            guard rest[rest.startIndex] == 0 else {
                throw BakingError("PNG chunk 'iTXt' at offset \(span.offset) is compressed, which Open Badges forbids")
            }
            rest = rest.dropFirst(2)
            for _ in 0..<2 {
                guard let end = rest.firstIndex(of: 0) else {
                    throw BakingError("PNG chunk 'iTXt' at offset \(span.offset) is malformed")
                }
                rest = rest[(end + 1)...]
            }
            return Array(rest)
        }
        return nil
    }

    /// `openbadges` and its NUL terminator.
    static let keywordField: [UInt8] = Array("openbadges\0".utf8)
    /// Chunk type, keyword, then no compression (flag 0, method 0), empty language tag and
    /// empty translated keyword, each NUL-terminated.
    static let chunkPrefix: [UInt8] = Array("iTXt".utf8) + keywordField + [0, 0, 0, 0]
    static let chunkPrefixCRC: CRC32 = {
        var crc = CRC32()
        crc.update(chunkPrefix)
        return crc
    }()
    /// The same for the Open Badges 3.0 credential's chunk.
    static let credentialKeywordField: [UInt8] = Array("openbadgecredential\0".utf8)
    static let credentialChunkPrefix: [UInt8] = Array("iTXt".utf8) + credentialKeywordField + [0, 0, 0, 0]
    static let credentialChunkPrefixCRC: CRC32 = {
        var crc = CRC32()
        crc.update(credentialChunkPrefix)
        return crc
    }()
}

/// A PNG badge image checked once and then baked with many assertions: the per-award work is
/// one copy and a CRC over the assertion.
public struct PNGBakingTemplate: Sendable {
    /// Signature and IHDR, after which the assertion goes.
    private let head: [UInt8]
    /// Every other chunk, as it was, less any `openbadges` or `openbadgecredential` iTXt chunk.
    private let tail: [UInt8]

    public init(_ png: [UInt8]) throws(BakingError) {
        let spans = try PNGFile.spans(png)
        // spans() guarantees IHDR first.
        let ihdrEnd = spans[0].range.upperBound
        head = Array(png[..<ihdrEnd])
        var tail: [UInt8] = []
        tail.reserveCapacity(png.count - ihdrEnd)
        for span in spans.dropFirst() {
            if span.type == PNGFile.itxt && (png[span.dataRange].starts(with: PNGBaker.keywordField)
                || png[span.dataRange].starts(with: PNGBaker.credentialKeywordField)) { continue }
            tail.append(contentsOf: png[span.range])
        }
        self.tail = tail
    }

    /// `credential`: the signed Open Badges 3.0 credential, in an `openbadgecredential` chunk
    /// after the assertion's.
    public func bake(_ json: [UInt8], credential: [UInt8]? = nil) throws(BakingError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(head.count + 24 + json.count + (credential?.count ?? 0) + tail.count + 64)
        out.append(contentsOf: head)
        try appendChunk(PNGBaker.chunkPrefix, crc: PNGBaker.chunkPrefixCRC, text: json, to: &out)
        if let credential {
            try appendChunk(PNGBaker.credentialChunkPrefix, crc: PNGBaker.credentialChunkPrefixCRC, text: credential, to: &out)
        }
        out.append(contentsOf: tail)
        return out
    }

    /// An uncompressed iTXt chunk: `prefix` (type and keyword fields, its CRC in `crc`), then `text`.
    private func appendChunk(_ prefix: [UInt8], crc prefixCRC: CRC32, text: [UInt8], to out: inout [UInt8]) throws(BakingError) {
        let dataCount = prefix.count - 4 + text.count
        guard dataCount <= 0x7FFF_FFFF else {
            throw BakingError("a text of \(text.count) bytes does not fit in a PNG chunk")
        }
        var crc = prefixCRC
        crc.update(text)
        appendBigEndian(UInt32(dataCount), to: &out)
        out.append(contentsOf: prefix)
        out.append(contentsOf: text)
        appendBigEndian(crc.value, to: &out)
    }

    private func appendBigEndian(_ word: UInt32, to out: inout [UInt8]) {
        out.append(UInt8(truncatingIfNeeded: word >> 24))
        out.append(UInt8(truncatingIfNeeded: word >> 16))
        out.append(UInt8(truncatingIfNeeded: word >> 8))
        out.append(UInt8(truncatingIfNeeded: word))
    }
}
