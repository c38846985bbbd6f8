import SitegenCompress

/// PNG files (ISO/IEC 15948, the W3C PNG specification) to and from `RGBAImage`.
public enum PNGImage {
    /// The largest image `decode` accepts by default: 100 megapixels, 400 MB of RGBA. Far above any
    /// badge or card, low enough that a hostile header cannot make us allocate without bound.
    public static let defaultMaxPixels = 100_000_000

    /// Decodes a PNG of any colour type, bit depth and interlacing into 8-bit RGBA.
    ///
    /// Every malformed or truncated file is a thrown `PNGError` naming the byte where the problem
    /// was found; decoding never traps, and its work is bounded by the header's size, which is
    /// checked against `maxPixels` before anything is inflated.
    public static func decode(_ png: [UInt8], maxPixels: Int = defaultMaxPixels) throws(PNGError) -> RGBAImage {
        try PNGDecoder(png, maxPixels: maxPixels).decode()
    }

    /// Encodes `image` as an 8-bit PNG: greyscale, grey with alpha, RGB or RGBA, whichever is the
    /// smallest that holds every pixel exactly. The same image and level give the same bytes.
    ///
    /// - Precondition: the image is at least 1×1 pixels; PNG has no empty images.
    public static func encode(_ image: RGBAImage, level: Deflate.Level = .default) -> [UInt8] {
        precondition(image.width >= 1 && image.height >= 1, "PNG cannot hold a \(image.width)×\(image.height) image")
        return PNGEncoder(image, level: level).encode()
    }
}
