/// A paint that varies per pixel: a gradient or an image.
protocol PixelSampler {
    /// The premultiplied colour at a device pixel centre, written into `out[0..<4]`.
    func sample(x: Double, y: Double, into out: UnsafeMutablePointer<Float>)
}

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
                        sampler: (some PixelSampler)?) {
        let rowStart = (y * width + x0) * 4
        pixels.withUnsafeMutableBufferPointer { buffer in
            coverage.withUnsafeBufferPointer { cover in
                // Unchecked: every shape's every covered pixel passes here; the caller keeps
                // x0 + count within the row.
                let dst = buffer.baseAddress! + rowStart
                if let sampler {
                    var sample: (Float, Float, Float, Float) = (0, 0, 0, 0)
                    withUnsafeMutablePointer(to: &sample) { samplePointer in
                        samplePointer.withMemoryRebound(to: Float.self, capacity: 4) { s in
                            for i in 0..<count {
                                let c = cover[i]
                                if c <= 0 { continue }
                                sampler.sample(x: Double(x0 + i) + 0.5, y: Double(y) + 0.5, into: s)
                                let k = 1 - s[3] * c
                                let o = dst + i * 4
                                o[0] = s[0] * c + o[0] * k
                                o[1] = s[1] * c + o[1] * k
                                o[2] = s[2] * c + o[2] * k
                                o[3] = s[3] * c + o[3] * k
                            }
                        }
                    }
                } else {
                    let (r, g, b, a) = color
                    for i in 0..<count {
                        let c = cover[i]
                        if c <= 0 { continue }
                        let k = 1 - a * c
                        let o = dst + i * 4
                        o[0] = r * c + o[0] * k
                        o[1] = g * c + o[1] * k
                        o[2] = b * c + o[2] * k
                        o[3] = a * c + o[3] * k
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

    /// 8-bit straight RGBA, rounding to nearest. Unchecked, zeroed in one go and transparent
    /// pixels passed over on one comparison: a card's text picture is mostly transparent, and
    /// with bounds checks and the clamps on every pixel this loop was 8–10% of a card's time.
    func image() -> RasterImage {
        let count = width * height
        var bytes = [UInt8](repeating: 0, count: count * 4)
        bytes.withUnsafeMutableBufferPointer { bytes in
            pixels.withUnsafeBufferPointer { pixels in
                let source = pixels.baseAddress!, target = bytes.baseAddress!
                for p in 0..<count {
                    let o = p * 4
                    // The same test as alphaByte == 0 below for every alpha in [0, 1] and below.
                    if source[o + 3] * 255 + 0.5 < 1 { continue }
                    if source[o + 3] >= 1 {
                        // Opaque, as most of a picture is: the same bytes as dividing by 1 below,
                        // without three divisions.
                        for c in 0..<3 { target[o + c] = UInt8(min(255, max(0, source[o + c] * 255 + 0.5))) }
                        target[o + 3] = 255
                        continue
                    }
                    let a = min(1, max(0, source[o + 3]))
                    let alphaByte = UInt8(a * 255 + 0.5)
                    // A pixel that rounds to transparent keeps no colour, so equal pictures have equal bytes.
                    guard alphaByte > 0 else { continue }
                    for c in 0..<3 {
                        target[o + c] = UInt8(min(255, max(0, source[o + c] / a * 255 + 0.5)))
                    }
                    target[o + 3] = alphaByte
                }
            }
        }
        return RasterImage(width: width, height: height, pixels: bytes)
    }
}
