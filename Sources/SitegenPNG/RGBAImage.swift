/// A raster of 8-bit red, green, blue and alpha samples, rows top to bottom, pixels left to
/// right, four bytes each. Alpha is straight (colour samples are not multiplied by it), as PNG
/// stores it.
public struct RGBAImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// `width × height × 4` bytes.
    public var pixels: [UInt8]

    /// - Precondition: `pixels.count == width * height * 4` and neither dimension is negative:
    ///   a mismatch is a programming error, not bad input.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width >= 0 && height >= 0 && pixels.count == width * height * 4,
                     "RGBAImage: \(pixels.count) bytes for \(width)×\(height) pixels")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// An image with every pixel set to `red`, `green`, `blue`, `alpha`.
    public init(width: Int, height: Int, red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8) {
        precondition(width >= 0 && height >= 0, "RGBAImage: negative size \(width)×\(height)")
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        for index in stride(from: 0, to: pixels.count, by: 4) {
            pixels[index] = red
            pixels[index + 1] = green
            pixels[index + 2] = blue
            pixels[index + 3] = alpha
        }
        self.init(width: width, height: height, pixels: pixels)
    }
}
