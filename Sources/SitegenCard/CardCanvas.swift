/// The card's pixels while it is drawn: opaque RGB, 3 bytes a pixel, the PNG's own layout, so
/// rows are compressed as they are.
struct CardCanvas {
    static let width = CardStyle.width, height = CardStyle.height
    static let rowBytes = width * 3
    var pixels: [UInt8]

    init(filling color: CardColor) {
        var row = [UInt8](repeating: 0, count: Self.rowBytes)
        for x in 0..<Self.width {
            row[x * 3] = color.red; row[x * 3 + 1] = color.green; row[x * 3 + 2] = color.blue
        }
        pixels = []
        pixels.reserveCapacity(Self.rowBytes * Self.height)
        for _ in 0..<Self.height { pixels += row }
    }

    init(pixels: [UInt8]) { self.pixels = pixels }

    mutating func fill(rows: Range<Int>, with color: CardColor) {
        for y in rows.clamped(to: 0..<Self.height) {
            for x in 0..<Self.width {
                let i = y * Self.rowBytes + x * 3
                pixels[i] = color.red; pixels[i + 1] = color.green; pixels[i + 2] = color.blue
            }
        }
    }

    /// Draws straight-alpha RGBA `source` (`width × height`) with its top left at (`x`, `y`),
    /// clipped to the card.
    mutating func composite(_ source: [UInt8], width: Int, height: Int, x: Int, y: Int) {
        let columns = max(0, -x)..<min(width, Self.width - x)
        let rows = max(0, -y)..<min(height, Self.height - y)
        guard !columns.isEmpty, !rows.isEmpty else { return }
        source.withUnsafeBufferPointer { source in
            pixels.withUnsafeMutableBufferPointer { target in
                for row in rows {
                    for column in columns {
                        let s = (row * width + column) * 4
                        let alpha = UInt32(source[s + 3])
                        if alpha == 0 { continue }
                        let t = (row + y) * Self.rowBytes + (column + x) * 3
                        if alpha == 255 {
                            target[t] = source[s]; target[t + 1] = source[s + 1]; target[t + 2] = source[s + 2]
                            continue
                        }
                        // Rounded (a·s + (255 − a)·t) / 255.
                        for c in 0..<3 {
                            let mixed = alpha * UInt32(source[s + c]) + (255 - alpha) * UInt32(target[t + c]) + 127
                            target[t + c] = UInt8((mixed + (mixed >> 8)) >> 8)
                        }
                    }
                }
            }
        }
    }
}
