import Foundation

/// The filter primitives that badge artwork uses for drop shadows, glows and tints:
/// feFlood, feOffset, feGaussianBlur, feColorMatrix, feComposite, feBlend, feMerge and
/// feDropShadow, chained by `in`/`in2`/`result`, with SourceGraphic and SourceAlpha inputs, in
/// linearRGB or sRGB (`color-interpolation-filters`). A filter using any other primitive is not
/// applied (the element is drawn unfiltered) and is reported.
///
/// The filter works on device pixels inside the filter region; lengths (offsets, deviations)
/// are scaled by the element's transform along each axis, which is exact for the scales and
/// translations badge artwork uses and an approximation under rotation or skew.
struct FilterEffects {
    static let supported: Set<String> = [
        "feFlood", "feOffset", "feGaussianBlur", "feColorMatrix", "feComposite", "feBlend", "feMerge", "feDropShadow",
    ]

    /// Nil when the filter holds a primitive outside `supported` (its name is returned instead).
    static func unsupportedPrimitive(in filter: XMLElement) -> String? {
        for child in filter.children where !supported.contains(String(child.localName)) {
            if child.localName == "feMergeNode" { continue }
            return String(child.localName)
        }
        return nil
    }

    /// A premultiplied RGBA picture covering the filter region.
    struct Plane {
        var pixels: [Float]
    }

    let document: SVGDocument
    let filter: XMLElement
    /// Region in device pixels, clamped to the canvas.
    let x0: Int, y0: Int, width: Int, height: Int
    /// Device pixels per user unit along x and y.
    let scaleX: Double, scaleY: Double
    let linear: Bool
    let primitiveUnitsInBox: Bool
    let box: Box

    /// The filter region for an element with user-space bounds `box`, or nil when it is empty.
    init?(document: SVGDocument, filter: XMLElement, box: Box, transform: AffineTransform, viewport: Viewport,
          canvasWidth: Int, canvasHeight: Int) {
        self.document = document
        self.filter = filter
        self.box = box
        let boxUnits = filter.attribute("filterUnits") != "userSpaceOnUse"
        if boxUnits && (box.isEmpty || box.width <= 0 || box.height <= 0) { return nil }
        func regionValue(_ name: String, _ fallback: Double, _ axis: Length.Axis) -> Double {
            let l = filter.attribute(name).flatMap(Length.parse) ?? Length(value: fallback, unit: .percent)
            if boxUnits { return l.unit == .percent ? l.value / 100 : l.value }
            return l.resolve(viewport, axis)
        }
        var region = Box(minX: regionValue("x", -10, .horizontal), minY: regionValue("y", -10, .vertical), maxX: 0, maxY: 0)
        region.maxX = region.minX + regionValue("width", 120, .horizontal)
        region.maxY = region.minY + regionValue("height", 120, .vertical)
        if boxUnits {
            region = Box(minX: box.minX + region.minX * box.width, minY: box.minY + region.minY * box.height,
                         maxX: box.minX + region.maxX * box.width, maxY: box.minY + region.maxY * box.height)
        }
        var device = Box.empty
        for corner in [Point(region.minX, region.minY), Point(region.maxX, region.minY),
                       Point(region.minX, region.maxY), Point(region.maxX, region.maxY)] {
            device.include(transform.apply(corner))
        }
        guard !device.isEmpty, device.minX.isFinite, device.maxX.isFinite, device.minY.isFinite, device.maxY.isFinite else { return nil }
        let left = Int(min(Double(canvasWidth), max(0, device.minX.rounded(.down))))
        let right = Int(min(Double(canvasWidth), max(0, device.maxX.rounded(.up))))
        let top = Int(min(Double(canvasHeight), max(0, device.minY.rounded(.down))))
        let bottom = Int(min(Double(canvasHeight), max(0, device.maxY.rounded(.up))))
        guard right > left, bottom > top else { return nil }
        (x0, y0, width, height) = (left, top, right - left, bottom - top)
        scaleX = (transform.a * transform.a + transform.b * transform.b).squareRoot()
        scaleY = (transform.c * transform.c + transform.d * transform.d).squareRoot()
        let interpolation = document.declarations(for: filter).last { $0.property == "color-interpolation-filters" }?.value
        linear = interpolation != "sRGB"
        primitiveUnitsInBox = filter.attribute("primitiveUnits") == "objectBoundingBox"
    }

    /// The filtered picture of `layer` (the element drawn alone), as a canvas-sized layer.
    func apply(to layer: Canvas) -> Canvas {
        // A filter without primitives renders the element invisible (SVG 1.1 §15.3).
        if filter.children.isEmpty { return Canvas(width: layer.width, height: layer.height) }
        var source = Plane(pixels: [Float](repeating: 0, count: width * height * 4))
        for y in 0..<height {
            for x in 0..<width {
                let from = ((y0 + y) * layer.width + x0 + x) * 4, to = (y * width + x) * 4
                for c in 0..<4 { source.pixels[to + c] = layer.pixels[from + c] }
            }
        }
        if linear { source = convert(source, toLinear: true) }
        var alpha = source
        for p in 0..<(width * height) { for c in 0..<3 { alpha.pixels[p * 4 + c] = 0 } }
        var results: [String: Plane] = [:]
        var last = source
        for (index, primitive) in filter.children.enumerated() where FilterEffects.supported.contains(String(primitive.localName)) {
            func input(_ name: String) -> Plane {
                switch primitive.attribute(name) {
                case "SourceGraphic": return source
                case "SourceAlpha": return alpha
                case let reference?: return results[reference] ?? (index == 0 ? source : last)
                case nil: return index == 0 ? source : last
                }
            }
            let style = document.computedStyle(of: primitive, parent: ComputedStyle())
            let output: Plane
            switch primitive.localName {
            case "feFlood":
                output = flood(primitive)
            case "feOffset":
                output = offset(input("in"), dx: length(primitive, "dx", axis: .horizontal), dy: length(primitive, "dy", axis: .vertical))
            case "feGaussianBlur":
                let (sx, sy) = deviations(primitive)
                output = blur(input("in"), sx: sx, sy: sy)
            case "feColorMatrix":
                output = colorMatrix(input("in"), primitive)
            case "feComposite":
                output = composite(input("in"), input("in2"), primitive)
            case "feBlend":
                output = blend(input("in"), input("in2"), mode: primitive.attribute("mode") ?? "normal")
            case "feMerge":
                var merged = Plane(pixels: [Float](repeating: 0, count: width * height * 4))
                for node in primitive.children where node.localName == "feMergeNode" {
                    let layerIn: Plane
                    switch node.attribute("in") {
                    case "SourceGraphic": layerIn = source
                    case "SourceAlpha": layerIn = alpha
                    case let reference?: layerIn = results[reference] ?? last
                    case nil: layerIn = last
                    }
                    merged = blend(layerIn, merged, mode: "normal")
                }
                output = merged
            case "feDropShadow":
                let (sx, sy) = deviations(primitive, fallback: 2)
                let base = input("in")
                var shadowAlpha = base
                for p in 0..<(width * height) { for c in 0..<3 { shadowAlpha.pixels[p * 4 + c] = 0 } }
                let moved = offset(blur(shadowAlpha, sx: sx, sy: sy),
                                   dx: length(primitive, "dx", axis: .horizontal, fallback: 2),
                                   dy: length(primitive, "dy", axis: .vertical, fallback: 2))
                let shadow = composite(flood(primitive, style: style), moved, op: "in")
                output = blend(base, shadow, mode: "normal")
            default:
                continue
            }
            last = output
            if let name = primitive.attribute("result") { results[name] = output }
        }
        if linear { last = convert(last, toLinear: false) }
        var out = Canvas(width: layer.width, height: layer.height)
        for y in 0..<height {
            for x in 0..<width {
                let to = ((y0 + y) * layer.width + x0 + x) * 4, from = (y * width + x) * 4
                for c in 0..<4 { out.pixels[to + c] = last.pixels[from + c] }
            }
        }
        return out
    }

    // MARK: Primitives

    private func length(_ primitive: XMLElement, _ name: String, axis: Length.Axis, fallback: Double = 0) -> Double {
        let value = primitive.attribute(name).flatMap { Double($0.trimmingCharacters(in: .whitespaces)) } ?? fallback
        let user = primitiveUnitsInBox ? value * (axis == .horizontal ? box.width : box.height) : value
        return user * (axis == .horizontal ? scaleX : scaleY)
    }

    /// `stdDeviation` in device pixels along x and y.
    private func deviations(_ primitive: XMLElement, fallback: Double = 0) -> (Double, Double) {
        let values = primitive.attribute("stdDeviation").flatMap(NumberScanner.list) ?? [fallback]
        let sx = values.first ?? fallback, sy = values.count > 1 ? values[1] : sx
        let ux = primitiveUnitsInBox ? sx * box.width : sx, uy = primitiveUnitsInBox ? sy * box.height : sy
        return (max(0, ux * scaleX), max(0, uy * scaleY))
    }

    private func flood(_ primitive: XMLElement, style given: ComputedStyle? = nil) -> Plane {
        var color = Color.black
        var opacity = 1.0
        for declaration in document.declarations(for: primitive) {
            if declaration.property == "flood-color", let c = CSSColor.parse(declaration.value) {
                color = (given ?? document.computedStyle(of: primitive, parent: ComputedStyle())).resolve(c)
            }
            if declaration.property == "flood-opacity", let o = Double(declaration.value) { opacity = min(1, max(0, o)) }
        }
        let a = color.a * opacity
        var rgb = [color.r, color.g, color.b]
        if linear { rgb = rgb.map(Self.toLinear) }
        let pixel = [Float(rgb[0] * a), Float(rgb[1] * a), Float(rgb[2] * a), Float(a)]
        var plane = Plane(pixels: [Float](repeating: 0, count: width * height * 4))
        for p in 0..<(width * height) { for c in 0..<4 { plane.pixels[p * 4 + c] = pixel[c] } }
        return plane
    }

    /// A shift by a fractional number of pixels, interpolated linearly along each axis. Whole
    /// RGBA pixels (SIMD4) over unchecked buffers: shadows shift the whole filter region.
    private func offset(_ input: Plane, dx: Double, dy: Double) -> Plane {
        guard dx.isFinite, dy.isFinite, abs(dx) < Double(width + height), abs(dy) < Double(width + height) else { return input }
        var out = Plane(pixels: [Float](repeating: 0, count: width * height * 4))
        let ix = Int(dx.rounded(.down)), iy = Int(dy.rounded(.down))
        let fx = Float(dx - Double(ix)), fy = Float(dy - Double(iy))
        let width = self.width, height = self.height
        input.pixels.withUnsafeBufferPointer { inputFloats in
            out.pixels.withUnsafeMutableBufferPointer { outputFloats in
                let src = UnsafeRawPointer(inputFloats.baseAddress!).assumingMemoryBound(to: SIMD4<Float>.self)
                let dst = UnsafeMutableRawPointer(outputFloats.baseAddress!).assumingMemoryBound(to: SIMD4<Float>.self)
                func at(_ x: Int, _ y: Int) -> SIMD4<Float> {
                    x >= 0 && x < width && y >= 0 && y < height ? src[y * width + x] : SIMD4<Float>(repeating: 0)
                }
                for y in 0..<height {
                    let sy = y - iy
                    for x in 0..<width {
                        let sx = x - ix
                        let top = at(sx, sy) * (1 - fx) + at(sx - 1, sy) * fx
                        let bottom = at(sx, sy - 1) * (1 - fx) + at(sx - 1, sy - 1) * fx
                        dst[y * width + x] = top * (1 - fy) + bottom * fy
                    }
                }
            }
        }
        return out
    }

    /// Gaussian blur by three box blurs per axis, with the box sizes of the SVG 1.1
    /// specification: d = ⌊s·3·√(2π)/4 + 0.5⌋; three centred boxes of d when d is odd, else two
    /// of d offset half a pixel each way and one of d + 1.
    private func blur(_ input: Plane, sx: Double, sy: Double) -> Plane {
        var plane = input
        if sx > 0 { plane = boxBlurs(plane, deviation: sx, horizontal: true) }
        if sy > 0 { plane = boxBlurs(plane, deviation: sy, horizontal: false) }
        return plane
    }

    private func boxBlurs(_ input: Plane, deviation: Double, horizontal: Bool) -> Plane {
        let d = min(1000, max(1, Int((deviation * 3 * (2 * Double.pi).squareRoot() / 4 + 0.5).rounded(.down))))
        var plane = input
        if d % 2 == 1 {
            for _ in 0..<3 { plane = boxBlur(plane, size: d, leftReach: d / 2, horizontal: horizontal) }
        } else {
            plane = boxBlur(plane, size: d, leftReach: d / 2, horizontal: horizontal)
            plane = boxBlur(plane, size: d, leftReach: d / 2 - 1, horizontal: horizontal)
            plane = boxBlur(plane, size: d + 1, leftReach: d / 2, horizontal: horizontal)
        }
        return plane
    }

    /// Each output pixel the mean of `size` input pixels starting `leftReach` before it;
    /// outside the region counts as transparent. Running sums of whole RGBA pixels (SIMD4), over
    /// unchecked buffers, and the vertical pass row by row over per-column sums: this is most of
    /// a shadow filter's time, and the straightforward per-channel, column-walking version was
    /// four times slower.
    private func boxBlur(_ input: Plane, size: Int, leftReach: Int, horizontal: Bool) -> Plane {
        var out = Plane(pixels: [Float](repeating: 0, count: width * height * 4))
        let scale = 1 / Float(size)
        let width = self.width, height = self.height
        input.pixels.withUnsafeBufferPointer { inputFloats in
            out.pixels.withUnsafeMutableBufferPointer { outputFloats in
                let src = UnsafeRawPointer(inputFloats.baseAddress!).assumingMemoryBound(to: SIMD4<Float>.self)
                let dst = UnsafeMutableRawPointer(outputFloats.baseAddress!).assumingMemoryBound(to: SIMD4<Float>.self)
                if horizontal {
                    for y in 0..<height {
                        let line = src + y * width, target = dst + y * width
                        var sum = SIMD4<Float>(repeating: 0)
                        for k in 0..<size where k - leftReach >= 0 && k - leftReach < width { sum += line[k - leftReach] }
                        for x in 0..<width {
                            target[x] = sum * scale
                            let leaving = x - leftReach, entering = x - leftReach + size
                            if leaving >= 0 && leaving < width { sum -= line[leaving] }
                            if entering >= 0 && entering < width { sum += line[entering] }
                        }
                    }
                } else {
                    var sums = [SIMD4<Float>](repeating: SIMD4<Float>(repeating: 0), count: width)
                    sums.withUnsafeMutableBufferPointer { sum in
                        for k in 0..<size where k - leftReach >= 0 && k - leftReach < height {
                            let row = src + (k - leftReach) * width
                            for x in 0..<width { sum[x] += row[x] }
                        }
                        for y in 0..<height {
                            let target = dst + y * width
                            for x in 0..<width { target[x] = sum[x] * scale }
                            let leaving = y - leftReach, entering = y - leftReach + size
                            if leaving >= 0 && leaving < height {
                                let row = src + leaving * width
                                for x in 0..<width { sum[x] -= row[x] }
                            }
                            if entering >= 0 && entering < height {
                                let row = src + entering * width
                                for x in 0..<width { sum[x] += row[x] }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    private func colorMatrix(_ input: Plane, _ primitive: XMLElement) -> Plane {
        let values = primitive.attribute("values").flatMap(NumberScanner.list)
        var m: [Double]
        switch primitive.attribute("type") ?? "matrix" {
        case "saturate":
            let s = min(1, max(0, values?.first ?? 1))
            m = [0.213 + 0.787 * s, 0.715 - 0.715 * s, 0.072 - 0.072 * s, 0, 0,
                 0.213 - 0.213 * s, 0.715 + 0.285 * s, 0.072 - 0.072 * s, 0, 0,
                 0.213 - 0.213 * s, 0.715 - 0.715 * s, 0.072 + 0.928 * s, 0, 0,
                 0, 0, 0, 1, 0]
        case "hueRotate":
            let r = (values?.first ?? 0) * .pi / 180
            let (c, s) = (cos(r), sin(r))
            m = [0.213 + c * 0.787 - s * 0.213, 0.715 - c * 0.715 - s * 0.715, 0.072 - c * 0.072 + s * 0.928, 0, 0,
                 0.213 - c * 0.213 + s * 0.143, 0.715 + c * 0.285 + s * 0.140, 0.072 - c * 0.072 - s * 0.283, 0, 0,
                 0.213 - c * 0.213 - s * 0.787, 0.715 - c * 0.715 + s * 0.715, 0.072 + c * 0.928 + s * 0.072, 0, 0,
                 0, 0, 0, 1, 0]
        case "luminanceToAlpha":
            m = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.2125, 0.7154, 0.0721, 0, 0]
        default:
            m = values?.count == 20 ? values! : [1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0]
        }
        let f = m.map(Float.init)
        var out = input
        // The matrix applies to straight (not premultiplied) colour.
        func row(_ k: Int, _ r: Float, _ g: Float, _ b: Float, _ a: Float) -> Float {
            min(1, max(0, f[k * 5] * r + f[k * 5 + 1] * g + f[k * 5 + 2] * b + f[k * 5 + 3] * a + f[k * 5 + 4]))
        }
        for p in 0..<(width * height) {
            let o = p * 4
            let a = input.pixels[o + 3]
            let r = a > 0 ? input.pixels[o] / a : 0, g = a > 0 ? input.pixels[o + 1] / a : 0, b = a > 0 ? input.pixels[o + 2] / a : 0
            let alpha = row(3, r, g, b, a)
            out.pixels[o] = row(0, r, g, b, a) * alpha
            out.pixels[o + 1] = row(1, r, g, b, a) * alpha
            out.pixels[o + 2] = row(2, r, g, b, a) * alpha
            out.pixels[o + 3] = alpha
        }
        return out
    }

    private func composite(_ a: Plane, _ b: Plane, _ primitive: XMLElement) -> Plane {
        let op = primitive.attribute("operator") ?? "over"
        if op == "arithmetic" {
            let k = ["k1", "k2", "k3", "k4"].map { Float(primitive.attribute($0).flatMap { Double($0) } ?? 0) }
            var out = a
            for p in 0..<(width * height) {
                let o = p * 4
                let alpha = min(1, max(0, k[0] * a.pixels[o + 3] * b.pixels[o + 3] + k[1] * a.pixels[o + 3] + k[2] * b.pixels[o + 3] + k[3]))
                for c in 0..<4 {
                    let v = k[0] * a.pixels[o + c] * b.pixels[o + c] + k[1] * a.pixels[o + c] + k[2] * b.pixels[o + c] + k[3]
                    out.pixels[o + c] = min(alpha, max(0, v))
                }
            }
            return out
        }
        return composite(a, b, op: op)
    }

    /// Porter–Duff on premultiplied planes: `a` operator `b`.
    private func composite(_ a: Plane, _ b: Plane, op: String) -> Plane {
        // The Porter–Duff factors for `a` and `b` from the two alphas, chosen once per plane.
        let factors: (Float, Float) -> (Float, Float)
        switch op {
        case "in": factors = { _, ab in (ab, 0) }
        case "out": factors = { _, ab in (1 - ab, 0) }
        case "atop": factors = { aa, ab in (ab, 1 - aa) }
        case "xor": factors = { aa, ab in (1 - ab, 1 - aa) }
        default: factors = { aa, _ in (1, 1 - aa) }
        }
        var out = a
        for p in 0..<(width * height) {
            let o = p * 4
            let (fa, fb) = factors(a.pixels[o + 3], b.pixels[o + 3])
            for c in 0..<4 { out.pixels[o + c] = a.pixels[o + c] * fa + b.pixels[o + c] * fb }
        }
        return out
    }

    /// feBlend (SVG 1.1 formulas, premultiplied): `a` (in) blended onto `b` (in2).
    private func blend(_ a: Plane, _ b: Plane, mode: String) -> Plane {
        let formula: (Float, Float, Float, Float) -> Float
        switch mode {
        case "multiply": formula = { ca, cb, qa, qb in (1 - qa) * cb + (1 - qb) * ca + ca * cb }
        case "screen": formula = { ca, cb, _, _ in cb + ca - ca * cb }
        case "darken": formula = { ca, cb, qa, qb in min((1 - qa) * cb + ca, (1 - qb) * ca + cb) }
        case "lighten": formula = { ca, cb, qa, qb in max((1 - qa) * cb + ca, (1 - qb) * ca + cb) }
        default: formula = { ca, cb, qa, _ in (1 - qa) * cb + ca }
        }
        var out = a
        for p in 0..<(width * height) {
            let o = p * 4
            let qa = a.pixels[o + 3], qb = b.pixels[o + 3]
            for c in 0..<3 { out.pixels[o + c] = formula(a.pixels[o + c], b.pixels[o + c], qa, qb) }
            out.pixels[o + 3] = 1 - (1 - qa) * (1 - qb)
        }
        return out
    }

    // MARK: Colour spaces

    private static func toLinear(_ v: Double) -> Double { v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4) }
    private static func toSRGB(_ v: Double) -> Double { v <= 0.0031308 ? v * 12.92 : 1.055 * pow(v, 1 / 2.4) - 0.055 }

    private func convert(_ plane: Plane, toLinear: Bool) -> Plane {
        var out = plane
        for p in 0..<(width * height) {
            let o = p * 4
            let a = plane.pixels[o + 3]
            guard a > 0 else { continue }
            for c in 0..<3 {
                let straight = Double(min(1, max(0, plane.pixels[o + c] / a)))
                let converted = toLinear ? Self.toLinear(straight) : Self.toSRGB(straight)
                out.pixels[o + c] = Float(converted) * a
            }
        }
        return out
    }
}
