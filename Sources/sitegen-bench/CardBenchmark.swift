import Foundation
import SitegenCard
import SitegenRender
import SitegenSource

/// `sitegen-bench cards`: link-preview cards for N badges × 6 languages, as a build makes them
/// (each badge's artwork once, then one card per language), on one thread; CPU time of the
/// process, so other people's jobs on a shared machine do not count.
enum CardBenchmark {
    static let locales = ["en", "fr", "it", "ja", "ko", "zh-Hant"]

    static func names(_ index: Int) -> [String] {
        ["Contoso Cloud Solutions Architect Expert \(index)",
         "Expert en architecture de solutions Contoso Cloud \(index)",
         "Esperto in architettura di soluzioni Contoso Cloud \(index)",
         "Contoso Cloud ソリューション アーキテクト エキスパート \(index)",
         "Contoso Cloud 솔루션 아키텍트 전문가 \(index)",
         "Contoso Cloud 解決方案架構師專家 \(index)"]
    }

    static func run(badges: Int, themes: String, images: String, out: String?) {
        let (loaded, diagnostics) = ThemeLoader(fileSystem: DiskFileSystem(), root: themes)
            .load("default", locales: locales, defaultLocale: "en")
        guard let theme = loaded else {
            diagnostics.report { print($0) }
            exit(1)
        }
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: images)) ?? [])
            .filter { ($0.hasSuffix(".svg") || $0.hasSuffix(".png")) && !$0.contains("social") }.sorted()
        guard !files.isEmpty else { print("no badge images in \(images)"); exit(1) }
        let sources: [CardArtwork.Source] = files.map { name in
            let bytes = [UInt8](FileManager.default.contents(atPath: images + "/" + name) ?? Data())
            return name.hasSuffix(".svg") ? .svg(bytes) : .png(bytes)
        }
        if let out { try? FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) }
        let design = theme.card
        var total = 0, largest = 0, count = 0
        let start = cpuSeconds()
        for badge in 0..<badges {
            let backdrop = design.backdrop(artwork: try? design.artwork(sources[badge % sources.count]))
            for (locale, name) in zip(locales, names(badge)) {
                let png = design.card(backdrop: backdrop, name: name, issuer: "Contoso Learning")
                total += png.count
                largest = max(largest, png.count)
                count += 1
                if let out { _ = FileManager.default.createFile(atPath: "\(out)/card-\(badge)-\(locale).png", contents: Data(png)) }
            }
        }
        let seconds = cpuSeconds() - start
        print(String(format: "cards: %d (%d badges × %d languages, artwork from %d images) in %.2f s CPU, %.2f ms each; PNG %.1f KB mean, %.1f KB largest",
                     count, badges, locales.count, sources.count, seconds, seconds * 1000 / Double(count),
                     Double(total) / Double(count) / 1024, Double(largest) / 1024))
    }

    static func cpuSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
