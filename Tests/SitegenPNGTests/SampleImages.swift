@testable import SitegenPNG
import SitegenRandom

/// Images for the encoder's tests, each stressing a different colour type or filter choice.
enum SampleImages {
    static func make(_ width: Int, _ height: Int, _ pixel: (Int, Int) -> (UInt8, UInt8, UInt8, UInt8)) -> RGBAImage {
        var pixels: [UInt8] = []
        pixels.reserveCapacity(width * height * 4)
        for y in 0..<height {
            for x in 0..<width {
                let (r, g, b, a) = pixel(x, y)
                pixels += [r, g, b, a]
            }
        }
        return RGBAImage(width: width, height: height, pixels: pixels)
    }

    /// Something like a social card: flat background, a soft gradient band, a disc with an
    /// anti-aliased edge, and "text" strokes.
    static func card(width: Int = 1200, height: Int = 630) -> RGBAImage {
        make(width, height) { x, y in
            let dx = Double(x - width / 4), dy = Double(y - height / 2)
            let distance = (dx * dx + dy * dy).squareRoot()
            if distance < 180 {
                let edge = min(1, max(0, 180 - distance))
                let shade = UInt8(200 - Int(distance / 2))
                return (UInt8(Double(shade) * edge + 246 * (1 - edge)), 120, UInt8(60 + y % 40), 255)
            }
            if x > width / 2, y > height / 3, y < height / 3 + 60, (x / 7 + y / 11) % 3 != 0 {
                return (30, 30, 40, 255)
            }
            return (246, UInt8(240 - y * 40 / height), 230, 255)
        }
    }

    static func noise(_ width: Int, _ height: Int, seed: UInt64) -> RGBAImage {
        var generator = SplitMix(seed: seed)
        return make(width, height) { _, _ in
            let v = generator.next()
            return (UInt8(truncatingIfNeeded: v), UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v >> 16),
                    UInt8(truncatingIfNeeded: v >> 24))
        }
    }

    /// Name, image, and the PNG colour type the encoder should pick for it.
    static let all: [(name: String, image: RGBAImage, colorType: UInt8)] = [
        ("one-pixel", make(1, 1) { _, _ in (9, 8, 7, 6) }, 6),
        ("column", make(1, 37) { _, y in (UInt8(y * 7), UInt8(y), 3, 255) }, 2),
        ("row", make(41, 1) { x, _ in (UInt8(x * 6), UInt8(x * 6), UInt8(x * 6), 255) }, 0),
        ("grey-alpha", make(33, 17) { x, y in (UInt8(x * 7), UInt8(x * 7), UInt8(x * 7), UInt8(y * 15)) }, 4),
        ("rgba-gradient", make(64, 48) { x, y in (UInt8(x * 4), UInt8(y * 5), UInt8((x + y) & 255), UInt8(255 - x)) }, 6),
        ("noise", noise(50, 40, seed: 7), 6),
        ("high-bytes", make(20, 20) { x, y in (UInt8(144 + x), UInt8(200 + y), 250, 255) }, 2),
        ("card-small", card(width: 300, height: 158), 2),
    ]
}
