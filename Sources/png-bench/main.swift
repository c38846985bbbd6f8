import Foundation
import SitegenCompress
import SitegenPNG

// PNG decode and encode throughput on 1200×630 cards, in a release build:
//   swift run -c release png-bench [card.png …]
// With no argument, the sample site's card kept in the tests' fixtures, plus an RGBA copy of it
// with a soft alpha edge (so the RGBA path is measured too). MB/s counts RGBA pixel bytes
// (width × height × 4), CPU time of the timing thread, best of several rounds.

/// CPU seconds of this thread: on a shared machine, wall time would count other people's jobs.
func seconds(_ body: () -> Void) -> Double {
    func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
    let start = now()
    body()
    return now() - start
}

func best(_ rounds: Int, _ body: () -> Void) -> Double { (0..<rounds).map { _ in seconds(body) }.min()! }

func report(_ name: String, _ image: RGBAImage) {
    let megabytes = Double(image.pixels.count) / 1e6
    print("\(name): \(image.width)×\(image.height)")
    for (levelName, level) in [("default", Deflate.Level.default), ("fastest", .fastest)] {
        var png: [UInt8] = []
        let encode = best(5) { png = PNGImage.encode(image, level: level) }
        var decoded: RGBAImage?
        let decode = best(10) { decoded = try? PNGImage.decode(png) }
        guard decoded == image else { fatalError("\(name): round trip failed") }
        print(String(format: "  %-8@ %8d bytes (colour type %d)  encode %6.1f MB/s (%5.1f ms)  decode %6.1f MB/s (%5.1f ms)",
                     levelName, png.count, png[25], megabytes / encode, encode * 1000, megabytes / decode, decode * 1000))
    }
}

let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
let defaultCard = here.appendingPathComponent("../../Tests/SitegenPNGTests/Fixtures/cards/social-card-1200x630.png").standardized.path
let paths = CommandLine.arguments.count > 1 ? Array(CommandLine.arguments.dropFirst()) : [defaultCard]
for path in paths {
    guard let data = FileManager.default.contents(atPath: path) else { fatalError("cannot read \(path)") }
    let card: RGBAImage
    do { card = try PNGImage.decode([UInt8](data)) } catch { fatalError("\(path): \(error)") }
    report(URL(fileURLWithPath: path).lastPathComponent, card)
    if CommandLine.arguments.count == 1 {
        var rgba = card
        // Alpha falling off towards the right edge, as a card with a transparent margin would.
        for y in 0..<card.height {
            for x in 0..<card.width { rgba.pixels[(y * card.width + x) * 4 + 3] = UInt8(255 - x * 200 / card.width) }
        }
        report("the same with an alpha ramp (RGBA)", rgba)
    }
}
