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
        for span in try PNGFile.spans(png) where span.type == PNGFile.itxt {
            let data = png[span.dataRange]
            guard data.starts(with: keywordField) else { continue }
            // keyword NUL, compression flag, compression method, language NUL, translated keyword NUL
            var rest = data.dropFirst(keywordField.count)
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
}

/// A PNG badge image checked once and then baked with many assertions: the per-award work is
/// one copy and a CRC over the assertion.
public struct PNGBakingTemplate: Sendable {
    /// Signature and IHDR, after which the assertion goes.
    private let head: [UInt8]
    /// Every other chunk, as it was, less any `openbadges` iTXt chunk.
    private let tail: [UInt8]

    public init(_ png: [UInt8]) throws(BakingError) {
        let spans = try PNGFile.spans(png)
        // spans() guarantees IHDR first.
        let ihdrEnd = spans[0].range.upperBound
        head = Array(png[..<ihdrEnd])
        var tail: [UInt8] = []
        tail.reserveCapacity(png.count - ihdrEnd)
        for span in spans.dropFirst() {
            if span.type == PNGFile.itxt && png[span.dataRange].starts(with: PNGBaker.keywordField) { continue }
            tail.append(contentsOf: png[span.range])
        }
        self.tail = tail
    }

    public func bake(_ json: [UInt8]) throws(BakingError) -> [UInt8] {
        let dataCount = PNGBaker.chunkPrefix.count - 4 + json.count
        guard dataCount <= 0x7FFF_FFFF else {
            throw BakingError("an assertion of \(json.count) bytes does not fit in a PNG chunk")
        }
        var crc = PNGBaker.chunkPrefixCRC
        crc.update(json)

        var out: [UInt8] = []
        out.reserveCapacity(head.count + 12 + dataCount + tail.count)
        out.append(contentsOf: head)
        appendBigEndian(UInt32(dataCount), to: &out)
        out.append(contentsOf: PNGBaker.chunkPrefix)
        out.append(contentsOf: json)
        appendBigEndian(crc.value, to: &out)
        out.append(contentsOf: tail)
        return out
    }

    private func appendBigEndian(_ word: UInt32, to out: inout [UInt8]) {
        out.append(UInt8(truncatingIfNeeded: word >> 24))
        out.append(UInt8(truncatingIfNeeded: word >> 16))
        out.append(UInt8(truncatingIfNeeded: word >> 8))
        out.append(UInt8(truncatingIfNeeded: word))
    }
}
