import SitegenModel

/// Pixel size of a PNG, read from its IHDR chunk, for `og:image:width` and oEmbed thumbnails.
/// Other formats have no size here: the pages then leave the size out.
enum ImageSize {
    static func of(_ image: ContentImage) -> (width: Int, height: Int)? {
        guard image.format == .png else { return nil }
        let bytes = image.bytes
        // signature (8) + chunk length (4) + "IHDR" (4) + width (4) + height (4)
        guard bytes.count >= 24, bytes[12] == 0x49, bytes[13] == 0x48, bytes[14] == 0x44, bytes[15] == 0x52 else { return nil }
        func read(_ at: Int) -> Int {
            (Int(bytes[at]) << 24) | (Int(bytes[at + 1]) << 16) | (Int(bytes[at + 2]) << 8) | Int(bytes[at + 3])
        }
        let width = read(16), height = read(20)
        guard width > 0, height > 0 else { return nil }
        return (width, height)
    }
}
