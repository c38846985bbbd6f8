/// A drawing surface in premultiplied float RGBA (sRGB values, as librsvg and browsers blend):
/// the page itself, or a layer for a group with opacity or a clip path.
struct Canvas {
    let width: Int
    let height: Int
    var pixels: [Float]

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        pixels = [Float](repeating: 0, count: width * height * 4)
    }

    /// Paints one row span: `coverage[i]` of the source colour at pixel `x0 + i` of row `y`,
    /// source-over. `color` is premultiplied; a sampler, if given, replaces it per pixel.
    mutating func blend(row y: Int, x0: Int, coverage: [Float], count: Int, color: (Float, Float, Float, Float),
                        sampler: GradientSampler?, mask: [Float]?) {
        pixels.withUnsafeMutableBufferPointer { dst in
            var sample: (Float, Float, Float, Float) = (0, 0, 0, 0)
            withUnsafeMutablePointer(to: &sample) { samplePointer in
                samplePointer.withMemoryRebound(to: Float.self, capacity: 4) { s in
                    for i in 0..<count {
                        var c = coverage[i]
                        if let mask { c *= mask[y * width + x0 + i] }
                        if c <= 0 { continue }
                        var (r, g, b, a) = color
                        if let sampler {
                            sampler.sample(x: Double(x0 + i) + 0.5, y: Double(y) + 0.5, into: s)
                            (r, g, b, a) = (s[0], s[1], s[2], s[3])
                        }
                        let o = (y * width + x0 + i) * 4
                        let k = 1 - a * c
                        dst[o] = r * c + dst[o] * k
                        dst[o + 1] = g * c + dst[o + 1] * k
                        dst[o + 2] = b * c + dst[o + 2] * k
                        dst[o + 3] = a * c + dst[o + 3] * k
                    }
                }
            }
        }
    }

    /// Puts a finished layer onto this one, scaled by `opacity` and by a mask if any.
    mutating func composite(_ layer: Canvas, opacity: Float, mask: [Float]?) {
        pixels.withUnsafeMutableBufferPointer { dst in
            layer.pixels.withUnsafeBufferPointer { src in
                for p in 0..<(width * height) {
                    var f = opacity
                    if let mask { f *= mask[p] }
                    let o = p * 4
                    let a = src[o + 3] * f
                    if a <= 0 { continue }
                    let k = 1 - a
                    dst[o] = src[o] * f + dst[o] * k
                    dst[o + 1] = src[o + 1] * f + dst[o + 1] * k
                    dst[o + 2] = src[o + 2] * f + dst[o + 2] * k
                    dst[o + 3] = a + dst[o + 3] * k
                }
            }
        }
    }

    /// 8-bit straight RGBA, rounding to nearest.
    func image() -> RasterImage {
        var bytes = [UInt8](repeating: 0, count: width * height * 4)
        for p in 0..<(width * height) {
            let o = p * 4
            let a = min(1, max(0, pixels[o + 3]))
            let alphaByte = UInt8(a * 255 + 0.5)
            // A pixel that rounds to transparent keeps no colour, so equal pictures have equal bytes.
            guard alphaByte > 0 else { continue }
            for c in 0..<3 {
                bytes[o + c] = UInt8(min(255, max(0, pixels[o + c] / a * 255 + 0.5)))
            }
            bytes[o + 3] = alphaByte
        }
        return RasterImage(width: width, height: height, pixels: bytes)
    }
}
