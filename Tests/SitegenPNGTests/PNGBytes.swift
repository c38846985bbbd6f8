import SitegenCompress
import SitegenDigest

/// Builds PNG files chunk by chunk for tests that need a precise defect.
enum PNGBytes {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func word(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return word(UInt32(data.count)) + body + word(CRC32.checksum(body))
    }

    static func header(width: UInt32, height: UInt32, depth: UInt8, colorType: UInt8, interlace: UInt8 = 0) -> [UInt8] {
        chunk("IHDR", word(width) + word(height) + [depth, colorType, 0, 0, interlace])
    }

    static func file(_ chunks: [[UInt8]]) -> [UInt8] {
        signature + chunks.joined() + chunk("IEND", [])
    }

    /// The file up to its first IDAT (signature, IHDR, PLTE, tRNS…), and its image data inflated.
    static func splitImageData(_ png: [UInt8]) throws -> (before: [UInt8], rows: [UInt8]) {
        var offset = 8, firstImageData: Int?, stream: [UInt8] = []
        while offset + 12 <= png.count {
            let length = Int(UInt32(png[offset]) << 24 | UInt32(png[offset + 1]) << 16 | UInt32(png[offset + 2]) << 8 | UInt32(png[offset + 3]))
            if String(decoding: png[(offset + 4)..<(offset + 8)], as: UTF8.self) == "IDAT" {
                firstImageData = firstImageData ?? offset
                stream += png[(offset + 8)..<(offset + 8 + length)]
            }
            offset += 12 + length
        }
        return (Array(png[..<(firstImageData ?? 8)]), try ZlibStream.decompress(stream))
    }

    /// Rewrites every chunk's CRC to match its (possibly damaged) contents, as far as the
    /// length fields still make sense.
    static func fixCRCs(_ png: inout [UInt8]) {
        var offset = 8
        while offset + 12 <= png.count {
            let length = Int(UInt32(png[offset]) << 24 | UInt32(png[offset + 1]) << 16 | UInt32(png[offset + 2]) << 8 | UInt32(png[offset + 3]))
            guard length <= png.count - offset - 12 else { return }
            let crc = word(CRC32.checksum(png[(offset + 4)..<(offset + 8 + length)]))
            png.replaceSubrange((offset + 8 + length)..<(offset + 12 + length), with: crc)
            offset += 12 + length
        }
    }
}
