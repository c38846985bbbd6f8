/// Decodes raster images embedded in SVG (`<image href="data:image/png;base64,…">`).
/// SitegenRaster reads no raster format itself: the caller passes the project's decoders to
/// `SVGDocument.render(width:height:fonts:images:)`; without one, embedded images are left out
/// and reported. Images by external reference are never fetched.
public protocol SVGImageDecoder: Sendable {
    /// The picture in `bytes`, whose media type the data URL gave (`image/png`, `image/jpeg`), or
    /// nil when it cannot be decoded.
    func decode(_ bytes: [UInt8], mediaType: String) -> RasterImage?
}
