import Foundation

/// Resizes straight-alpha RGBA8 pictures with a separable Lanczos-3 filter on premultiplied
/// values (so transparent pixels lend no colour to their neighbours). When shrinking, the kernel
/// is widened by the factor, so every source pixel counts: no aliasing of fine lines.
enum ImageResampler {
    static func resize(_ pixels: [UInt8], width: Int, height: Int, toWidth: Int, toHeight: Int) -> [UInt8] {
        guard width > 0, height > 0, toWidth > 0, toHeight > 0 else { return [] }
        var premultiplied = [Float](repeating: 0, count: width * height * 4)
        for p in 0..<(width * height) {
            let a = Float(pixels[p * 4 + 3]) / 255
            premultiplied[p * 4] = Float(pixels[p * 4]) * a
            premultiplied[p * 4 + 1] = Float(pixels[p * 4 + 1]) * a
            premultiplied[p * 4 + 2] = Float(pixels[p * 4 + 2]) * a
            premultiplied[p * 4 + 3] = a * 255
        }
        // Rows first (width changes), then columns.
        let horizontal = Weights(from: width, to: toWidth)
        // Both passes read and write through raw pointers, a pixel as one SIMD4 (same sums in the
        // same order): with array subscripts and per-tap enumeration, resizing was ~5% of the
        // card benchmark's time. Every index is inside the arrays by the taps' construction.
        var wide = [Float](repeating: 0, count: toWidth * height * 4)
        premultiplied.withUnsafeBufferPointer { source in
            wide.withUnsafeMutableBufferPointer { target in
                let from = UnsafeRawPointer(source.baseAddress!), to = UnsafeMutableRawPointer(target.baseAddress!)
                for y in 0..<height {
                    for x in 0..<toWidth {
                        let tap = horizontal.taps[x]
                        var sum = SIMD4<Float>()
                        tap.weights.withUnsafeBufferPointer { weights in
                            for k in 0..<weights.count {
                                let s = (y * width + tap.first + k) * 16
                                sum += from.loadUnaligned(fromByteOffset: s, as: SIMD4<Float>.self) * weights[k]
                            }
                        }
                        to.storeBytes(of: sum, toByteOffset: (y * toWidth + x) * 16, as: SIMD4<Float>.self)
                    }
                }
            }
        }
        let vertical = Weights(from: height, to: toHeight)
        var output = [UInt8](repeating: 0, count: toWidth * toHeight * 4)
        // A whole output row at a time, tap by tap, into a row of sums: the inner loop runs along
        // contiguous memory with one weight, not down a column through per-pixel tap lookups.
        // Each pixel's sum takes the same terms in the same order, so the same bits; the pass
        // went from 412 M to 294 M instructions on the cards benchmark (20 badges, callgrind).
        var sums = [SIMD4<Float>](repeating: SIMD4<Float>(), count: toWidth)
        // Output stored through a pointer too: with array subscripts, unpremultiplying cost
        // ~60 instructions a pixel.
        wide.withUnsafeBytes { wideBytes in
            sums.withUnsafeMutableBufferPointer { sums in output.withUnsafeMutableBufferPointer { output in
                let sum = sums.baseAddress!, output = output.baseAddress!
                for y in 0..<toHeight {
                    let tap = vertical.taps[y]
                    for x in 0..<toWidth { sum[x] = SIMD4<Float>() }
                    tap.weights.withUnsafeBufferPointer { weights in
                        for k in 0..<weights.count {
                            let row = wideBytes.baseAddress! + (tap.first + k) * toWidth * 16
                            let weight = weights[k]
                            for x in 0..<toWidth {
                                sum[x] += row.loadUnaligned(fromByteOffset: x * 16, as: SIMD4<Float>.self) * weight
                            }
                        }
                    }
                    for x in 0..<toWidth {
                        let sum = sum[x]
                        let alpha = min(255, max(0, sum[3]))
                        let d = (y * toWidth + x) * 4
                        guard alpha >= 0.5 else { continue }
                        // Divided by the alpha before clamping: where the kernel's lobes overshoot, colour
                        // and alpha overshoot alike, and a flat colour stays exactly itself.
                        let unpremultiply = 255 / sum[3]
                        output[d] = Self.roundedByte(min(255, max(0, sum[0] * unpremultiply)))
                        output[d + 1] = Self.roundedByte(min(255, max(0, sum[1] * unpremultiply)))
                        output[d + 2] = Self.roundedByte(min(255, max(0, sum[2] * unpremultiply)))
                        output[d + 3] = Self.roundedByte(alpha)
                    }
                }
            } }
        }
        return output
    }

    /// `UInt8(x.rounded())` for x in 0...255 without the libm call (`roundf` was 1.5% of the
    /// cards benchmark's instructions): truncation is one instruction, the fraction it leaves
    /// is exact, and a half goes up as `rounded()` takes it away from zero.
    @inline(__always)
    static func roundedByte(_ x: Float) -> UInt8 {
        let whole = Int32(x)
        return UInt8(truncatingIfNeeded: x - Float(whole) >= 0.5 ? whole &+ 1 : whole)
    }

    /// For each output pixel, the source pixels it reads and their normalised weights.
    struct Weights {
        struct Tap { var first: Int; var weights: [Float] }
        var taps: [Tap]

        init(from source: Int, to target: Int) {
            let scale = Double(target) / Double(source)
            let stretch = max(1, 1 / scale)
            let radius = 3 * stretch
            taps = (0..<target).map { i in
                let center = (Double(i) + 0.5) / scale
                let first = max(0, Int((center - radius).rounded(.down)))
                let last = min(source - 1, Int((center + radius).rounded(.up)))
                var weights = (first...last).map { j in Float(Self.lanczos3((Double(j) + 0.5 - center) / stretch)) }
                let total = weights.reduce(0, +)
                if total != 0 { weights = weights.map { $0 / total } }
                return Tap(first: first, weights: weights)
            }
        }

        static func lanczos3(_ x: Double) -> Double {
            if x == 0 { return 1 }
            guard abs(x) < 3 else { return 0 }
            let px = Double.pi * x
            return 3 * sin(px) * sin(px / 3) / (px * px)
        }
    }
}
