@testable import SitegenRaster

/// Small documents for the unit tests: a `size × size` viewBox drawn at the same pixel size.
enum TinySVG {
    static func document(_ body: String, size: Int = 4) throws -> SVGDocument {
        let text = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(size)\" height=\"\(size)\" viewBox=\"0 0 \(size) \(size)\">\(body)</svg>"
        return try SVGDocument(parsing: Array(text.utf8))
    }

    static func render(_ body: String, size: Int = 4) throws -> RasterImage {
        try document(body, size: size).render(width: size, height: size)
    }

    /// Alpha of every pixel, rows top to bottom.
    static func alphas(_ image: RasterImage) -> [[UInt8]] {
        (0..<image.height).map { y in (0..<image.width).map { x in image.pixels[(y * image.width + x) * 4 + 3] } }
    }
}
