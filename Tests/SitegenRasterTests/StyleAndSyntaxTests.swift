import Testing
@testable import SitegenRaster

/// Colours, path data, transforms and the features left out, read from attribute text.
@Suite struct StyleAndSyntaxTests {
    func rgba(_ text: String) -> [Int]? {
        guard case .color(let c)? = CSSColor.parse(text) else { return nil }
        return [c.r, c.g, c.b, c.a].map { Int(($0 * 255).rounded()) }
    }

    @Test func everyColourSyntax() {
        #expect(rgba("#f80") == [255, 136, 0, 255])
        #expect(rgba("#0a8c") == [0, 170, 136, 204])
        #expect(rgba("#3366CC") == [51, 102, 204, 255])
        #expect(rgba("#cc336680") == [204, 51, 102, 128])
        #expect(rgba("rgb(255, 128, 0)") == [255, 128, 0, 255])
        #expect(rgba("rgb(20%, 40%, 80%)") == [51, 102, 204, 255])
        #expect(rgba("rgba(0, 128, 64, 0.5)") == [0, 128, 64, 128])
        #expect(rgba("rgb(10 200 30 / 50%)") == [10, 200, 30, 128])
        #expect(rgba("hsl(120, 100%, 25%)") == [0, 128, 0, 255])
        #expect(rgba("hsla(240, 100%, 50%, 0.25)") == [0, 0, 255, 64])
        #expect(rgba("hsl(0, 0%, 100%)") == [255, 255, 255, 255])
        #expect(rgba("transparent") == [0, 0, 0, 0])
        #expect(rgba("RebeccaPurple") == [102, 51, 153, 255])
        #expect(rgba("lightgoldenrodyellow") == [250, 250, 210, 255])
        #expect(CSSColor.parse("currentColor") == .currentColor)
        #expect(Paint.parse("none") == Paint.none)
        #expect(Paint.parse("url(#g) #fff") == .server(id: "g", fallback: .color(Color(r: 1, g: 1, b: 1, a: 1))))
        for bad in ["#12", "#12345", "rgb(1, 2)", "hsl(1, 2, 3)", "blurple", "rgb(a, b, c)", "#ggg"] {
            #expect(CSSColor.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func allOneHundredAndFortySevenNamedColours() throws {
        let svg = try Corpus.bytes(Corpus.fixtures.appendingPathComponent("colors-all-147-named.svg"))
        let names = String(decoding: svg, as: UTF8.self).components(separatedBy: "fill=\"").dropFirst()
            .map { $0.prefix { $0 != "\"" } }
        #expect(Set(names.map { $0.lowercased() }).count == 147)
        for name in names { #expect(CSSColor.parse(name) != nil, "\(name)") }
        #expect(rgba("grey") == rgba("gray") && rgba("gray") == [128, 128, 128, 255])
    }

    func points(_ d: String) -> [Point] {
        Flattener.flatten(PathData.parse(d).path, tolerance: 0.01).flatMap(\.points)
    }

    @Test func relativeAndAbsoluteCommandsTraceTheSamePath() {
        let absolute = "M10 10 L20 10 H30 V20 C30 30 40 30 40 20 S50 10 50 20 Q60 30 70 20 T90 20 A10 5 30 0 1 90 40 Z M5 5 L6 6"
        let relative = "m10 10 l10 0 h10 v10 c0 10 10 10 10 0 s10 -10 10 0 q10 10 20 0 t20 0 a10 5 30 0 1 0 20 z m-5 -5 l1 1"
        let a = points(absolute), r = points(relative)
        #expect(a.count == r.count && a.count > 20)
        for (p, q) in zip(a, r) { #expect((p - q).length < 1e-9) }
        #expect(PathData.parse(absolute).error == nil)
    }

    @Test func implicitRepeatsAndCompactNumbers() {
        #expect(points("M0,0 10,0 10,10") == [Point(0, 0), Point(10, 0), Point(10, 10)])
        #expect(points("m1 1 2 2-1.5.5") == [Point(1, 1), Point(3, 3), Point(1.5, 3.5)])
        #expect(points("M0 0h5 5v1e1") == [Point(0, 0), Point(5, 0), Point(10, 0), Point(10, 10)])
    }

    @Test func arcsFollowTheImplementationNotes() {
        // A half circle from (0,0) to (20,0) with sweep 1 bulges to negative y (screen up).
        let half = PathData.parse("M0 0 A10 10 0 0 1 20 0").path.bounds
        #expect(abs(half.minY + 10) < 1e-6 && abs(half.maxY) < 1e-9 && abs(half.minX) < 1e-9 && abs(half.maxX - 20) < 1e-9)
        // Radii too small are scaled up to just reach: the same half circle.
        let scaled = PathData.parse("M0 0 A1 1 0 0 1 20 0").path.bounds
        #expect(abs(scaled.minY + 10) < 1e-6)
        // Large arc, sweep 0: the centre is (0, 10) (F.6.5's sign is + as the flags differ), and the
        // arc runs from the top through the left and the bottom to the right: three quarters.
        let large = PathData.parse("M0 0 A10 10 0 1 0 10 10").path.bounds
        #expect(abs(large.minX + 10) < 1e-6 && abs(large.maxX - 10) < 1e-6 && abs(large.minY) < 1e-6 && abs(large.maxY - 20) < 1e-6)
        // Every flattened point of a circular arc lies on its circle.
        for p in points("M0 0 A10 10 0 1 1 0 0.001") { #expect(abs((p - Point(10, 0)).length - 10) < 0.02) }
    }

    @Test func badPathDataDrawsUpToTheError() {
        let (path, error) = PathData.parse("M0 0 L10 0 L10 10 L5 x 0 0")
        #expect(error != nil)
        #expect(path.elements.count == 3)
        #expect(PathData.parse("L10 10").error != nil)
    }

    @Test func transformLists() throws {
        func map(_ text: String, _ p: Point) throws -> Point { try #require(TransformList.parse(text)).apply(p) }
        #expect(try (map("rotate(90 10 10)", Point(20, 10)) - Point(10, 20)).length < 1e-9)
        #expect(try map("translate(10) scale(2)", Point(1, 1)) == Point(12, 2))
        #expect(try (map("skewX(45)", Point(0, 1)) - Point(1, 1)).length < 1e-9)
        #expect(try (map("skewY(45)", Point(1, 0)) - Point(1, 1)).length < 1e-9)
        #expect(try map("matrix(1 2 3 4 5 6)", Point(1, 1)) == Point(9, 12))
        #expect(try map("translate(5,5)rotate(0),scale(1 , 1)", Point(0, 0)) == Point(5, 5))
        #expect(TransformList.parse("rotate(1 2)") == nil)
        #expect(TransformList.parse("wiggle(3)") == nil)
    }

    @Test func leftOutFeaturesAreListedOnceEach() throws {
        let body = """
        <style>g > rect { fill: red } .x { fill: blue }</style>
        <defs><pattern id="p" width="2" height="2"/><filter id="f"><feTurbulence baseFrequency="0.1"/></filter><marker id="m"/></defs>
        <text x="1" y="2">Hi</text><text>again</text>
        <rect width="2" height="2" fill="url(#p)" filter="url(#f)"/>
        <path d="M0 0 H2" style="marker-end: url(#m)"/><animate attributeName="x"/>
        <image href="a.png" width="1" height="1"/>
        <path d="M0 0 L1 x"/>
        <image href="data:image/png;base64,AAAA" width="1" height="1"/>
        """
        let document = try TinySVG.document(body)
        #expect(document.unsupportedFeatures == [
            "CSS selector g > rect", "text", "filter feTurbulence", "animation", "external image",
            "invalid path data (bad lineto arguments); drawn up to the error", "embedded image",
        ])
        #expect(document.unsupportedFeatures(withFonts: true, withImageDecoder: true) == [
            "CSS selector g > rect", "filter feTurbulence", "animation", "external image",
            "invalid path data (bad lineto arguments); drawn up to the error",
        ])
        #expect(try TinySVG.document("<rect width=\"1\" height=\"1\" filter=\"none\"/>").unsupportedFeatures.isEmpty)
    }

    @Test func statementAtRulesDoNotSwallowTheNextRule() throws {
        let document = try TinySVG.document("<style>@import url(more.css); @charset \"utf-8\"; rect { fill: #010101 }</style><rect width=\"4\" height=\"4\"/>")
        #expect(document.render(width: 4, height: 4).pixels[0] == 1)
        #expect(document.unsupportedFeatures == ["CSS at-rule @import", "CSS at-rule @charset"])
    }

    @Test func styleCascadeOrder() throws {
        // Presentation attribute < type < class < id < style attribute; later rule wins a tie.
        let body = """
        <style>rect { fill: #010101 } .c { fill: #020202 } #i { fill: #030303 } .c { fill: #040404 }</style>
        <rect width="1" height="1" fill="#ffffff"/>
        <rect x="1" width="1" height="1" class="c" fill="#ffffff"/>
        <rect x="2" width="1" height="1" class="c" id="i"/>
        <rect x="3" width="1" height="1" id="i" style="fill: #050505"/>
        """
        let image = try TinySVG.render(body)
        #expect((0..<4).map { image.pixels[$0 * 4] } == [1, 4, 3, 5])
    }
}
