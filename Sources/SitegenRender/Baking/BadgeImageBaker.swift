import SitegenModel

/// One badge image, checked once and ready to bake any number of assertions into.
public enum BadgeImageBaker: Sendable {
    case png(PNGBakingTemplate)
    case svg(SVGBakingTemplate)

    public init(_ image: ContentImage) throws(BakingError) {
        switch image.format {
        case .svg: self = .svg(try SVGBakingTemplate(image.bytes))
        case .png: self = .png(try PNGBakingTemplate(image.bytes))
        case .jpeg: throw BakingError("JPEG images cannot carry a baked assertion; use PNG or SVG")
        }
    }

    /// `credential`: the signed Open Badges 3.0 credential, baked beside the 2.0 assertion.
    public func bake(_ assertion: [UInt8], verify url: String, credential: [UInt8]? = nil) throws(BakingError) -> [UInt8] {
        switch self {
        case .png(let template): return try template.bake(assertion, credential: credential)
        case .svg(let template): return try template.bake(assertion, verify: url, credential: credential)
        }
    }
}
