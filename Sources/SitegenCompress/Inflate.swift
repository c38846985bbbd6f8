/// Decompression of raw deflate data (RFC 1951). For zlib or gzip streams use `ZlibStream` or
/// `GzipStream`, which check the wrapper and its checksum too.
///
/// Every malformed input is a thrown `CompressedDataError` naming the byte where decoding failed;
/// decoding never traps and always ends, since each symbol consumes input and the output is bounded
/// by `limit`.
public enum Inflate {
    /// The default output limit: far above any image or status list this project handles, low
    /// enough that a decompression bomb is refused before it exhausts memory.
    public static let defaultLimit = 1 << 30

    /// Decodes `deflated`, a raw deflate stream.
    /// - Parameters:
    ///   - limit: the most bytes of output accepted; more throws `.outputLimitExceeded`.
    ///   - trailingData: whether bytes after the final block are an error.
    public static func decompress<Bytes: Collection>(
        _ deflated: Bytes, limit: Int = defaultLimit, trailingData: TrailingDataPolicy = .reject
    ) throws(CompressedDataError) -> [UInt8] where Bytes.Element == UInt8 {
        try withContiguousBytes(deflated) { (input) throws(CompressedDataError) -> [UInt8] in
            var output = InflateOutput(expected: input.count * 4, limit: limit)
            let end = try RawInflater.inflate(input, from: 0, into: &output)
            if trailingData == .reject && end < input.count {
                throw CompressedDataError(.trailingData(count: input.count - end), at: end)
            }
            return output.bytes()
        }
    }
}
