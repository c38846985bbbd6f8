import SitegenPNG
import SitegenRaster

/// A badge's picture at the size it takes on the card: straight-alpha RGBA, fitted into the
/// style's badge box with its aspect ratio kept, and where it goes.
public struct CardArtwork: Sendable {
    let pixels: [UInt8]
    let width: Int
    let height: Int
    let x: Int
    let y: Int

    /// What can be drawn from a badge image.
    public enum Source: Sendable {
        case png([UInt8])
        case svg([UInt8])
    }

    /// Why the artwork is missing from a card.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let description: String
    }
}

extension CardDesign {
    /// The badge's picture fitted into the badge box: SVG drawn at that size (with the theme's
    /// fonts for its text), PNG decoded and resampled with a Lanczos-3 filter.
    public func artwork(_ source: CardArtwork.Source) throws(CardArtwork.Problem) -> CardArtwork {
        let box = style.badgeBox
        func fitted(_ width: Double, _ height: Double) -> (Int, Int) {
            guard width > 0, height > 0 else { return (box.width, box.height) }
            let scale = min(Double(box.width) / width, Double(box.height) / height)
            return (max(1, Int((width * scale).rounded())), max(1, Int((height * scale).rounded())))
        }
        let pixels: [UInt8], width: Int, height: Int
        switch source {
        case .svg(let bytes):
            let document: SVGDocument
            do { document = try SVGDocument(parsing: bytes) } catch { throw .init(description: "the SVG cannot be read: \(error)") }
            let size = document.intrinsicSize ?? (Double(box.width), Double(box.height))
            (width, height) = fitted(size.width, size.height)
            pixels = document.render(width: width, height: height, fonts: artworkFonts, images: CardImageDecoder()).pixels
        case .png(let bytes):
            let image: RGBAImage
            do { image = try PNGImage.decode(bytes, maxPixels: 25_000_000) } catch { throw .init(description: "the PNG cannot be read: \(error)") }
            (width, height) = fitted(Double(image.width), Double(image.height))
            pixels = width == image.width && height == image.height ? image.pixels
                : ImageResampler.resize(image.pixels, width: image.width, height: image.height, toWidth: width, toHeight: height)
        }
        return CardArtwork(pixels: pixels, width: width, height: height,
                           x: box.x + (box.width - width) / 2, y: box.y + (box.height - height) / 2)
    }

    /// What SVG artwork uses that the card leaves out (filters, masks, external images…), each
    /// once; empty for PNG or an SVG drawn whole.
    public static func unsupportedFeatures(ofSVG bytes: [UInt8]) -> [String] {
        guard let document = try? SVGDocument(parsing: bytes) else { return [] }
        return document.unsupportedFeatures(withFonts: true, withImageDecoder: true)
    }
}

/// PNG images embedded in SVG artwork, decoded with SitegenPNG.
struct CardImageDecoder: SVGImageDecoder {
    func decode(_ bytes: [UInt8], mediaType: String) -> RasterImage? {
        guard mediaType == "image/png", let image = try? PNGImage.decode(bytes, maxPixels: 25_000_000) else { return nil }
        return RasterImage(width: image.width, height: image.height, pixels: image.pixels)
    }
}
