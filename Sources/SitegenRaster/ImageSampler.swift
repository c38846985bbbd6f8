import Foundation

/// A raster as a paint — an embedded image, or a pattern's tile — sampled bilinearly from its
/// premultiplied pixels, edges clamped (images) or wrapped (pattern tiles), from a copy halved
/// (2×2 box) as often as needed so that it is never shrunk by more than half: a small mipmap,
/// which keeps downscaled photos from aliasing.
struct ImageSampler: PixelSampler {
    private let toImage: AffineTransform
    private let width: Int
    private let height: Int
    /// Premultiplied RGBA floats, rows top to bottom.
    private let pixels: [Float]
    private let wraps: Bool

    /// `toDevice` maps image pixel coordinates (0…width, 0…height) to device pixels.
    init?(_ image: RasterImage, toDevice: AffineTransform, opacity: Double) {
        guard image.width > 0, image.height > 0 else { return nil }
        let o = Float(opacity)
        var pixels = [Float](repeating: 0, count: image.width * image.height * 4)
        for p in 0..<(image.width * image.height) {
            let a = Float(image.pixels[p * 4 + 3]) / 255 * o
            for c in 0..<3 { pixels[p * 4 + c] = Float(image.pixels[p * 4 + c]) / 255 * a }
            pixels[p * 4 + 3] = a
        }
        self.init(premultiplied: pixels, width: image.width, height: image.height, toDevice: toDevice, wraps: false)
    }

    /// A tile given as premultiplied floats, repeated in every direction when `wraps`.
    init?(premultiplied source: [Float], width: Int, height: Int, toDevice: AffineTransform, wraps: Bool) {
        guard width > 0, height > 0, source.count == width * height * 4 else { return nil }
        self.wraps = wraps
        var w = width, h = height
        var pixels = source
        var map = toDevice
        // Halve while a device pixel would span more than two image pixels.
        while (map.maximumScale < 0.5 || Self.minimumScale(map) < 0.5) && w > 1 && h > 1 {
            let (hw, hh) = (w / 2, h / 2)
            var half = [Float](repeating: 0, count: hw * hh * 4)
            for y in 0..<hh {
                for x in 0..<hw {
                    for c in 0..<4 {
                        let a = pixels[((2 * y) * w + 2 * x) * 4 + c] + pixels[((2 * y) * w + 2 * x + 1) * 4 + c]
                        let b = pixels[((2 * y + 1) * w + 2 * x) * 4 + c] + pixels[((2 * y + 1) * w + 2 * x + 1) * 4 + c]
                        half[(y * hw + x) * 4 + c] = (a + b) / 4
                    }
                }
            }
            map = map.concatenating(.scale(Double(w) / Double(hw), Double(h) / Double(hh)))
            (w, h, pixels) = (hw, hh, half)
        }
        guard let inverse = map.inverted else { return nil }
        toImage = inverse
        self.width = w
        self.height = h
        self.pixels = pixels
    }

    /// The smallest stretch of a map (the smaller singular value).
    private static func minimumScale(_ m: AffineTransform) -> Double {
        let largest = m.maximumScale
        return largest > 0 ? abs(m.determinant) / largest : 0
    }

    func sample(x: Double, y: Double, into out: UnsafeMutablePointer<Float>) {
        let p = toImage.apply(Point(x, y))
        // Pixel centres sit at half-integers.
        let x0: Int, y0: Int, x1: Int, y1: Int, tx: Float, ty: Float
        if wraps {
            let fx = (p.x.isFinite ? p.x : 0) - 0.5, fy = (p.y.isFinite ? p.y : 0) - 0.5
            let wx = fx - Double(width) * (fx / Double(width)).rounded(.down)
            let wy = fy - Double(height) * (fy / Double(height)).rounded(.down)
            x0 = min(width - 1, max(0, Int(wx))); y0 = min(height - 1, max(0, Int(wy)))
            x1 = (x0 + 1) % width; y1 = (y0 + 1) % height
            tx = Float(min(1, max(0, wx - Double(x0)))); ty = Float(min(1, max(0, wy - Double(y0))))
        } else {
            let fx = min(Double(width) - 0.5, max(0.5, p.x.isFinite ? p.x : 0)) - 0.5
            let fy = min(Double(height) - 0.5, max(0.5, p.y.isFinite ? p.y : 0)) - 0.5
            x0 = Int(fx); y0 = Int(fy)
            x1 = min(width - 1, x0 + 1); y1 = min(height - 1, y0 + 1)
            tx = Float(fx - Double(x0)); ty = Float(fy - Double(y0))
        }
        for c in 0..<4 {
            let top = pixels[(y0 * width + x0) * 4 + c] * (1 - tx) + pixels[(y0 * width + x1) * 4 + c] * tx
            let bottom = pixels[(y1 * width + x0) * 4 + c] * (1 - tx) + pixels[(y1 * width + x1) * 4 + c] * tx
            out[c] = top * (1 - ty) + bottom * ty
        }
    }
}
