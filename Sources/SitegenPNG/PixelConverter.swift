/// Turns unfiltered rows of any colour type and bit depth into 8-bit straight RGBA.
///
/// Sixteen-bit samples keep their high byte (`v >> 8`), as Pillow does when it reads 16-bit RGB,
/// grey-alpha and RGBA PNGs, so our pixels and Pillow's compare exactly. The transparent colour
/// of `tRNS` is matched against the full-precision sample before that reduction.
struct PixelConverter {
    private let header: PNGHeader
    /// RGBA for each possible sample of a grey image of depth 8 or less, or each palette index:
    /// 256 entries of 4 bytes.
    private let table: [UInt8]
    /// The tRNS colour key, in the file's sample precision.
    private let greyKey: Int?
    private let rgbKey: (Int, Int, Int)?

    /// - Parameters:
    ///   - palette: PLTE's bytes (`palette` images only).
    ///   - transparency: tRNS's bytes, already checked to fit the colour type.
    init(header: PNGHeader, palette: [UInt8], transparency: [UInt8]?) {
        self.header = header
        var table = [UInt8](repeating: 0, count: 256 * 4)
        var greyKey: Int?
        var rgbKey: (Int, Int, Int)?
        if let t = transparency {
            switch header.colorType {
            case .grey: greyKey = Int(t[0]) << 8 | Int(t[1])
            case .rgb: rgbKey = (Int(t[0]) << 8 | Int(t[1]), Int(t[2]) << 8 | Int(t[3]), Int(t[4]) << 8 | Int(t[5]))
            default: break
            }
        }
        switch header.colorType {
        case .grey where header.bitDepth <= 8:
            let maximum = (1 << header.bitDepth) - 1
            for sample in 0...maximum {
                let grey = UInt8(sample * 255 / maximum)
                table[4 * sample] = grey
                table[4 * sample + 1] = grey
                table[4 * sample + 2] = grey
                table[4 * sample + 3] = sample == greyKey ? 0 : 255
            }
        case .palette:
            // Indices past the palette's end (an error the specification leaves to decoders)
            // come out opaque black, as in libpng, whose palette is zero-filled to 256 entries.
            for index in 0..<256 {
                if index < palette.count / 3 {
                    table[4 * index] = palette[3 * index]
                    table[4 * index + 1] = palette[3 * index + 1]
                    table[4 * index + 2] = palette[3 * index + 2]
                }
                table[4 * index + 3] = index < (transparency?.count ?? 0) ? transparency![index] : 255
            }
        default:
            break
        }
        self.table = table
        self.greyKey = greyKey
        self.rgbKey = rgbKey
    }

    /// Writes the `count` pixels of `row` (unfiltered, `pass`'s row `y`) into `image`, a buffer
    /// of `header.width × header.height` RGBA pixels.
    ///
    /// Raw pointers: this runs once per pixel; checked subscripts cost about a third of decode time.
    func convert(_ row: UnsafePointer<UInt8>, pass: Pass, y: Int, into image: UnsafeMutablePointer<UInt8>) {
        let count = pass.width
        var out = image + ((pass.y + y * pass.yStep) * header.width + pass.x) * 4
        let step = pass.xStep * 4
        let sixteen = header.bitDepth == 16
        switch header.colorType {
        case .grey where !sixteen, .palette:
            table.withUnsafeBufferPointer { table in
                let table = table.baseAddress!
                let depth = header.bitDepth
                if depth == 8 {
                    for i in 0..<count {
                        let entry = table + Int(row[i]) * 4
                        out[0] = entry[0]; out[1] = entry[1]; out[2] = entry[2]; out[3] = entry[3]
                        out += step
                    }
                } else {
                    let mask = (1 << depth) - 1
                    for i in 0..<count {
                        let bit = i * depth
                        let sample = Int(row[bit >> 3]) >> (8 - depth - (bit & 7)) & mask
                        let entry = table + sample * 4
                        out[0] = entry[0]; out[1] = entry[1]; out[2] = entry[2]; out[3] = entry[3]
                        out += step
                    }
                }
            }
        case .grey:
            for i in 0..<count {
                let high = row[2 * i]
                let sample = Int(high) << 8 | Int(row[2 * i + 1])
                out[0] = high; out[1] = high; out[2] = high
                out[3] = sample == greyKey ? 0 : 255
                out += step
            }
        case .greyAlpha:
            let size = sixteen ? 4 : 2, alphaAt = sixteen ? 2 : 1
            for i in 0..<count {
                let grey = row[size * i]
                out[0] = grey; out[1] = grey; out[2] = grey
                out[3] = row[size * i + alphaAt]
                out += step
            }
        case .rgb where !sixteen:
            let key = rgbKey ?? (-1, -1, -1)
            for i in 0..<count {
                let r = row[3 * i], g = row[3 * i + 1], b = row[3 * i + 2]
                out[0] = r; out[1] = g; out[2] = b
                out[3] = Int(r) == key.0 && Int(g) == key.1 && Int(b) == key.2 ? 0 : 255
                out += step
            }
        case .rgb:
            let key = rgbKey ?? (-1, -1, -1)
            for i in 0..<count {
                let p = row + 6 * i
                out[0] = p[0]; out[1] = p[2]; out[2] = p[4]
                let matches = Int(p[0]) << 8 | Int(p[1]) == key.0 && Int(p[2]) << 8 | Int(p[3]) == key.1
                    && Int(p[4]) << 8 | Int(p[5]) == key.2
                out[3] = matches ? 0 : 255
                out += step
            }
        case .rgba where !sixteen:
            if step == 4 {
                out.update(from: row, count: count * 4)
            } else {
                for i in 0..<count {
                    let p = row + 4 * i
                    out[0] = p[0]; out[1] = p[1]; out[2] = p[2]; out[3] = p[3]
                    out += step
                }
            }
        case .rgba:
            for i in 0..<count {
                let p = row + 8 * i
                out[0] = p[0]; out[1] = p[2]; out[2] = p[4]; out[3] = p[6]
                out += step
            }
        }
    }
}
