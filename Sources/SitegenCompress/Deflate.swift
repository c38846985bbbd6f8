/// Compression into raw deflate data (RFC 1951). `ZlibStream` and `GzipStream` wrap the same
/// encoder for PNG and for gzip files.
///
/// Output is deterministic: the same bytes and level give the same stream on every run and
/// machine (no hashing seeds, no timestamps, no threads).
public enum Deflate {
    /// How hard to look for matches; the names follow zlib's levels 1, 6 and 9.
    public enum Level: Sendable, Equatable {
        /// Greedy parsing, short hash chains (zlib level 1), except that the last 8 positions of a
        /// long match are chained too: on the project's 256×256 and 1200×630 PNG rows that kept
        /// output within 3% of zlib level 6 (zlib level 1: 17–61% larger) at 1.4–3.6× the default
        /// level's speed. Not a promise for every image: the tests' synthetic rows of fine
        /// repeated strokes come out 1.33× zlib level 6, tiny images and text 1.4–1.8×.
        case fastest
        /// Lazy parsing, chains of up to 128 (zlib level 6; on image rows and text, sizes within
        /// 0.5% of it).
        case `default`
        /// Lazy parsing, chains of up to 4096 (zlib level 9).
        case smallest

        var matchParameters: MatchFinder.Parameters {
            switch self {
            case .fastest: return .init(goodLength: 4, lazyLength: 4, niceLength: 8, maxChain: 4, isLazy: false)
            case .default: return .init(goodLength: 8, lazyLength: 16, niceLength: 128, maxChain: 128, isLazy: true)
            case .smallest: return .init(goodLength: 32, lazyLength: 258, niceLength: 258, maxChain: 4096, isLazy: true)
            }
        }
    }

    /// Compresses `data` into deflate blocks that are not the end of a stream: none is marked
    /// final, and they end with a sync flush (an empty stored block), byte-aligned. Pieces made
    /// so, each on its own (no match reaches into an earlier piece), can be joined in any
    /// combination and closed with `finalEmptyBlock`: a picture can keep the compressed rows
    /// that do not change between its versions.
    public static func compressPiece<Bytes: Collection>(_ data: Bytes, level: Level = .default) -> [UInt8]
        where Bytes.Element == UInt8 {
        withContiguousBytesNonThrowing(data) { input in
            var output: [UInt8] = []
            DeflateEncoder(input, level: level, endsStream: false).encode(into: &output)
            return output
        }
    }

    /// A final fixed-Huffman block holding only end-of-block: what closes joined pieces.
    public static let finalEmptyBlock: [UInt8] = [0x03, 0x00]

    /// Compresses `data` into a raw deflate stream.
    public static func compress<Bytes: Collection>(_ data: Bytes, level: Level = .default) -> [UInt8]
        where Bytes.Element == UInt8 {
        withContiguousBytesNonThrowing(data) { input in
            var output: [UInt8] = []
            DeflateEncoder(input, level: level).encode(into: &output)
            return output
        }
    }
}
