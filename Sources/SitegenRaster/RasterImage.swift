/// A rendered picture: 8-bit straight (not premultiplied) RGBA, rows top to bottom.
public struct RasterImage: Equatable, Sendable {
    public let width: Int
    public let height: Int
    /// `width × height × 4` bytes: R, G, B, A for each pixel, row by row.
    public let pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height * 4, "RasterImage needs width × height × 4 bytes")
        self.width = width
        self.height = height
        self.pixels = pixels
    }
}
