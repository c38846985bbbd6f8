/// How PNG stores a pixel: which samples, and how many bits each (IHDR's colour type).
enum ColorType: UInt8 {
    case grey = 0
    case rgb = 2
    case palette = 3
    case greyAlpha = 4
    case rgba = 6

    var channels: Int {
        switch self {
        case .grey, .palette: return 1
        case .greyAlpha: return 2
        case .rgb: return 3
        case .rgba: return 4
        }
    }

    /// The bit depths PNG allows for this colour type (PNG specification, table 11.1).
    var allowedBitDepths: [Int] {
        switch self {
        case .grey: return [1, 2, 4, 8, 16]
        case .palette: return [1, 2, 4, 8]
        case .rgb, .greyAlpha, .rgba: return [8, 16]
        }
    }
}

/// The IHDR chunk, checked.
struct PNGHeader {
    let width: Int
    let height: Int
    let bitDepth: Int
    let colorType: ColorType
    let isInterlaced: Bool

    var bitsPerPixel: Int { bitDepth * colorType.channels }
    /// How far back the "left" byte of a filter lies: one pixel, or one byte for depths under 8.
    var filterDistance: Int { max(1, bitsPerPixel / 8) }

    func rowBytes(width: Int) -> Int { (width * bitsPerPixel + 7) / 8 }

    /// Parses and checks IHDR, refusing images over `maxPixels` before anything is allocated.
    init(_ data: ArraySlice<UInt8>, at offset: Int, maxPixels: Int) throws(PNGError) {
        guard data.count == 13 else { throw PNGError("IHDR is \(data.count) bytes long, not 13", at: offset) }
        let bytes = Array(data)
        func word(_ index: Int) -> Int {
            Int(bytes[index]) << 24 | Int(bytes[index + 1]) << 16 | Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
        }
        let fieldsAt = offset + 8
        width = word(0)
        height = word(4)
        guard width >= 1 && width <= 0x7FFF_FFFF else { throw PNGError("IHDR width \(width) is not 1 to 2^31-1", at: fieldsAt) }
        guard height >= 1 && height <= 0x7FFF_FFFF else { throw PNGError("IHDR height \(height) is not 1 to 2^31-1", at: fieldsAt + 4) }
        guard let colorType = ColorType(rawValue: bytes[9]) else {
            throw PNGError("IHDR colour type \(bytes[9]) is not 0, 2, 3, 4 or 6", at: fieldsAt + 9)
        }
        self.colorType = colorType
        bitDepth = Int(bytes[8])
        guard colorType.allowedBitDepths.contains(bitDepth) else {
            throw PNGError("IHDR bit depth \(bitDepth) is not allowed with colour type \(colorType.rawValue)", at: fieldsAt + 8)
        }
        guard bytes[10] == 0 else { throw PNGError("IHDR compression method \(bytes[10]) is not 0 (deflate)", at: fieldsAt + 10) }
        guard bytes[11] == 0 else { throw PNGError("IHDR filter method \(bytes[11]) is not 0", at: fieldsAt + 11) }
        guard bytes[12] <= 1 else { throw PNGError("IHDR interlace method \(bytes[12]) is not 0 or 1", at: fieldsAt + 12) }
        isInterlaced = bytes[12] == 1
        // Both factors are below 2^31, so the product cannot overflow an Int.
        guard width * height <= maxPixels else {
            throw PNGError("image is \(width)×\(height) pixels, over the limit of \(maxPixels)", at: fieldsAt, kind: .tooLarge)
        }
    }

    /// The sub-images the pixel data is stored as: the whole image, or Adam7's seven passes.
    var passes: [Pass] {
        guard isInterlaced else { return [Pass(x: 0, y: 0, xStep: 1, yStep: 1, width: width, height: height)] }
        return Pass.adam7.map { x, y, xStep, yStep in
            Pass(x: x, y: y, xStep: xStep, yStep: yStep,
                 width: width > x ? (width - x + xStep - 1) / xStep : 0,
                 height: height > y ? (height - y + yStep - 1) / yStep : 0)
        }
    }

    /// Filter-type bytes and rows of every pass: exactly what the decompressed IDAT data must hold.
    var imageDataCount: Int {
        passes.reduce(0) { total, pass in
            pass.isEmpty ? total : total + pass.height * (1 + rowBytes(width: pass.width))
        }
    }
}

/// One pass of the pixel data: the pixels at (x + i·xStep, y + j·yStep).
struct Pass {
    /// Adam7's origin and spacing for each of its seven passes (PNG specification, section 8.2).
    static let adam7: [(Int, Int, Int, Int)] = [
        (0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2),
    ]

    let x: Int
    let y: Int
    let xStep: Int
    let yStep: Int
    let width: Int
    let height: Int

    /// A pass with no pixels stores nothing, not even filter bytes.
    var isEmpty: Bool { width == 0 || height == 0 }
}
