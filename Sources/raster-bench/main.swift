import Foundation
import SitegenRaster

// Release benchmark: every SVG given on the command line (default: the sample site's artwork and
// the raster test corpus) drawn at 512×512, best of several runs each, in milliseconds.
//   swift build -c release --product raster-bench && .build/release/raster-bench [files…]
let size = 512
let runs = 7
var paths = Array(CommandLine.arguments.dropFirst())
if paths.isEmpty {
    for folder in ["Content/images", "Tests/SitegenRasterTests/Fixtures/svg"] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        paths += names.filter { $0.hasSuffix(".svg") }.sorted().map { folder + "/" + $0 }
    }
}
var worst = 0.0, total = 0.0
for path in paths {
    guard let data = FileManager.default.contents(atPath: path) else { print("cannot read \(path)"); continue }
    let document: SVGDocument
    do { document = try SVGDocument(parsing: [UInt8](data)) } catch { print("\(path): \(error)"); continue }
    var best = Double.infinity
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        let image = document.render(width: size, height: size)
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        precondition(image.width == size)
        best = min(best, elapsed)
    }
    worst = max(worst, best)
    total += best
    print(String(format: "%7.2f ms  %@", best, path))
}
print(String(format: "%d files at %d×%d: mean %.2f ms, slowest %.2f ms", paths.count, size, size, total / Double(max(1, paths.count)), worst))
