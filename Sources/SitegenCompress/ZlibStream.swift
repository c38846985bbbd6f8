import SitegenDigest

/// The zlib format (RFC 1950): a two-byte header, a deflate stream, and the Adler-32 of the data.
/// PNG's `IDAT` chunks hold one.
public enum ZlibStream {
    /// Compresses `data` into a zlib stream. Same input and level, same bytes.
    public static func compress<Bytes: Collection>(_ data: Bytes, level: Deflate.Level = .default) -> [UInt8]
        where Bytes.Element == UInt8 {
        withContiguousBytesNonThrowing(data) { input in
            // CMF 0x78: deflate with a 32 KiB window. FLG: the level hint, with FCHECK making
            // CMF·256 + FLG a multiple of 31.
            let levelHint: UInt16 = level == .fastest ? 0 : level == .smallest ? 3 : 2
            var header = UInt16(0x78) << 8 | levelHint << 6
            header += (31 - header % 31) % 31
            var output: [UInt8] = [UInt8(header >> 8), UInt8(header & 0xFF)]
            DeflateEncoder(input, level: level).encode(into: &output)
            let adler = Adler32.checksum(input)
            output += [UInt8(adler >> 24), UInt8((adler >> 16) & 0xFF), UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF)]
            return output
        }
    }

    /// Decodes a zlib stream, checking its header and Adler-32.
    public static func decompress<Bytes: Collection>(
        _ stream: Bytes, limit: Int = Inflate.defaultLimit, trailingData: TrailingDataPolicy = .reject
    ) throws(CompressedDataError) -> [UInt8] where Bytes.Element == UInt8 {
        try withContiguousBytes(stream) { (input) throws(CompressedDataError) -> [UInt8] in
            guard input.count >= 2 else { throw CompressedDataError(.truncated, at: input.count) }
            let cmf = input[0], flg = input[1]
            guard cmf & 0x0F == 8 else {
                throw CompressedDataError(.badZlibHeader("compression method \(cmf & 0x0F), not 8 (deflate)"), at: 0)
            }
            guard cmf >> 4 <= 7 else {
                throw CompressedDataError(.badZlibHeader("window size 2^\((cmf >> 4) + 8) is over 32 KiB"), at: 0)
            }
            guard (UInt16(cmf) << 8 | UInt16(flg)) % 31 == 0 else {
                throw CompressedDataError(.badZlibHeader("header check bits do not match"), at: 1)
            }
            guard flg & 0x20 == 0 else { throw CompressedDataError(.presetDictionaryUnsupported, at: 1) }

            var output = InflateOutput(expected: input.count * 4, limit: limit)
            let end = try RawInflater.inflate(input, from: 2, into: &output)
            guard end + 4 <= input.count else { throw CompressedDataError(.truncated, at: input.count) }
            let stored = UInt32(input[end]) << 24 | UInt32(input[end + 1]) << 16
                | UInt32(input[end + 2]) << 8 | UInt32(input[end + 3])
            let computed = output.withBytes { Adler32.checksum($0) }
            guard stored == computed else {
                throw CompressedDataError(.checksumMismatch(kind: "Adler-32", stored: stored, computed: computed), at: end)
            }
            if trailingData == .reject && end + 4 < input.count {
                throw CompressedDataError(.trailingData(count: input.count - end - 4), at: end + 4)
            }
            return output.bytes()
        }
    }
}
