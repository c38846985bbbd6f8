import Foundation
import SitegenFont
import SitegenRaster

/// Glyph coverage masks, one per face, glyph, size and quarter-pixel phase, shared by every
/// card of a design (a badge's six languages and the next badge's name repeat most glyphs).
///
/// A glyph is always drawn at its pen position rounded to a quarter pixel, from its own outline
/// alone, so a mask depends on nothing but its key: a card comes out the same whether its masks
/// were drawn for it or by another card on another thread first.
final class GlyphMasks: @unchecked Sendable {
    struct Key: Hashable {
        var face: Int  // index among the design's name faces, then its issuer faces
        var glyph: Int
        var size: UInt64  // bit pattern of the em size in pixels
        var phaseX: Int8, phaseY: Int8  // quarters of a pixel
    }

    /// The mask's box relative to the pen's whole-pixel position.
    struct Mask {
        var dx: Int, dy: Int, width: Int, height: Int
        var alpha: [UInt8]
    }

    static let phases = 4
    /// Masks kept at most (bytes of coverage); past it a mask is drawn and not kept, which
    /// changes the time a card takes, never its pixels.
    static let budget = 32 << 20

    private let lock = NSLock()
    private var masks: [Key: Mask] = [:]
    private var bytes = 0

    func mask(_ key: Key, in font: TrueTypeFont) -> Mask {
        lock.lock()
        let kept = masks[key]
        lock.unlock()
        if let kept { return kept }
        let mask = Self.draw(key, in: font)
        lock.lock()
        if masks[key] == nil, bytes + mask.alpha.count <= Self.budget {
            masks[key] = mask
            bytes += mask.alpha.count
        }
        lock.unlock()
        return mask
    }

    /// The glyph's outline filled with its pen at (phaseX/4, phaseY/4), y down.
    static func draw(_ key: Key, in font: TrueTypeFont) -> Mask {
        guard let outline = try? font.outline(of: key.glyph), let bounds = outline.bounds else {
            return Mask(dx: 0, dy: 0, width: 0, height: 0, alpha: [])
        }
        let scale = Double(bitPattern: key.size) / Double(font.unitsPerEm)
        let penX = Double(key.phaseX) / Double(phases), penY = Double(key.phaseY) / Double(phases)
        // Control points bound the curves, so this box holds every covered pixel.
        let left = Int((penX + bounds.xMin * scale).rounded(.down))
        let right = Int((penX + bounds.xMax * scale).rounded(.up)) + 1
        let top = Int((penY - bounds.yMax * scale).rounded(.down))
        let bottom = Int((penY - bounds.yMin * scale).rounded(.up))
        var fill = OutlineFill(x: left, y: top, width: right - left, height: bottom - top)
        enum Step { case move(Double, Double), line(Double, Double), quad(Double, Double, Double, Double), close }
        let steps = outline.segments({ (penX + $0 * scale, penY - $1 * scale) },
                                     move: { Step.move($0.0, $0.1) }, line: { Step.line($0.0, $0.1) },
                                     quad: { Step.quad($0.0, $0.1, $1.0, $1.1) }, close: Step.close)
        for step in steps {
            switch step {
            case let .move(x, y): fill.move(to: x, y)
            case let .line(x, y): fill.line(to: x, y)
            case let .quad(cx, cy, x, y): fill.quad(cx, cy, x, y)
            case .close: fill.close()
            }
        }
        let mask = fill.mask()
        return Mask(dx: mask.x, dy: mask.y, width: mask.width, height: mask.height, alpha: mask.alpha)
    }
}
