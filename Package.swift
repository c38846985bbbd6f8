// swift-tools-version:6.0
import PackageDescription

// One target per pipeline stage, so data can only flow one way:
// Source (load) → Model (decode, validate) → Plan → Render → Write, tied together by Sitegen.
// The hot number crunching is compiled optimised in debug builds too, since every test that
// builds a site runs it: pixel work (deflate, PNG, rasterising, the link-preview cards; unoptimised,
// a card takes ~0.8 s instead of ~10 ms) and the credentials' hashing, signing and canonicalising
// (unoptimised, the generic SIMD of SHA-256 alone was 40% of a debug build of the sample site).
let hotPath: [SwiftSetting] = [.unsafeFlags(["-O"])]
// SHA-256 on the CPU's SHA extensions: only this target may use those instructions (and SSE4.1),
// and it runs only where CPUID reports them (Sources/SitegenSHAExtensions).
#if arch(x86_64)
let shaExtensions: [SwiftSetting] = [.unsafeFlags(["-O", "-Xcc", "-msha", "-Xcc", "-msse4.1"])]
#else
let shaExtensions: [SwiftSetting] = hotPath
#endif

let package = Package(
    name: "sitegen",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sitegen", targets: ["sitegen"]),
        .library(name: "Sitegen", targets: ["Sitegen"]),
    ],
    targets: [
        .target(name: "SitegenSource"),
        .target(name: "SitegenSHAExtensions", swiftSettings: shaExtensions),
        // SplitMix64, for the benchmark's synthetic content and the tests' random inputs.
        .target(name: "SitegenRandom"),
        .target(name: "SitegenDigest", dependencies: ["SitegenSHAExtensions"], swiftSettings: hotPath),
        .target(name: "SitegenSignature", dependencies: ["SitegenDigest"], swiftSettings: hotPath),
        .target(name: "SitegenCompress", dependencies: ["SitegenDigest"], swiftSettings: hotPath),
        // PNG decode (every colour type, depth, interlace) and encode, over SitegenCompress's zlib.
        .target(name: "SitegenPNG", dependencies: ["SitegenCompress", "SitegenDigest"], swiftSettings: hotPath),
        .target(name: "SitegenModel", dependencies: ["SitegenSource", "SitegenDigest", "SitegenSignature"]),
        .target(name: "SitegenPlan", dependencies: ["SitegenModel", "SitegenDigest", "SitegenSource"]),
        .target(name: "SitegenMustache", dependencies: ["SitegenSource"]),
        .target(name: "SitegenRender", dependencies: ["SitegenPlan", "SitegenMustache", "SitegenDigest", "SitegenLinkedData", "SitegenSignature", "SitegenCompress", "SitegenCard", "SitegenFont"]),
        .target(name: "SitegenWrite", dependencies: ["SitegenSource", "SitegenDigest"]),
        // JSON-LD to RDF for the pinned credential contexts, and RDF Dataset Canonicalization.
        .target(name: "SitegenLinkedData", dependencies: ["SitegenDigest"], swiftSettings: hotPath),
        // SVG badge artwork drawn to RGBA pixels: parser, cascade, strokes, coverage rasteriser.
        .target(name: "SitegenRaster", swiftSettings: hotPath),
        // TrueType fonts: cmap, metrics, kern, glyf outlines; line layout; an SVGFontSource.
        .target(name: "SitegenFont", dependencies: ["SitegenRaster"], swiftSettings: hotPath),
        // The 1200×630 link-preview card: badge artwork, name and issuer in the theme's style.
        .target(name: "SitegenCard", dependencies: ["SitegenRaster", "SitegenFont", "SitegenPNG", "SitegenCompress", "SitegenDigest", "SitegenSource"], swiftSettings: hotPath),
        // The default theme, the starter site of `sitegen init` and the git commit, compiled in at
        // build time by the EmbedBuiltins plugin, so the executable needs no file beside it.
        .target(name: "SitegenEmbedded", dependencies: ["SitegenSource"], exclude: ["Starter"], plugins: ["EmbedBuiltins"]),
        .executableTarget(name: "embed-builtins"),
        .plugin(name: "EmbedBuiltins", capability: .buildTool(), dependencies: ["embed-builtins"]),
        .target(name: "Sitegen", dependencies: [
            "SitegenSource", "SitegenModel", "SitegenPlan", "SitegenRender", "SitegenWrite", "SitegenSignature", "SitegenEmbedded",
        ]),
        // `sitegen serve`: the preview server (HTTP/1.1 over Glibc sockets), watcher and live reload.
        .target(name: "SitegenServe", dependencies: ["Sitegen", "SitegenSource", "SitegenWrite", "SitegenPlan"]),
        .executableTarget(name: "sitegen", dependencies: ["Sitegen", "SitegenServe"]),
        .executableTarget(name: "sitegen-rdfc", dependencies: ["SitegenLinkedData"]),
        .executableTarget(name: "raster-bench", dependencies: ["SitegenRaster"]),
        .executableTarget(name: "compress-bench", dependencies: ["SitegenCompress", "SitegenDigest"]),
        .executableTarget(name: "png-bench", dependencies: ["SitegenPNG", "SitegenCompress"]),
        .executableTarget(name: "sitegen-bench", dependencies: ["Sitegen", "SitegenModel", "SitegenRender", "SitegenDigest", "SitegenSignature", "SitegenCard", "SitegenSource", "SitegenRandom"]),
        .testTarget(name: "SitegenSourceTests", dependencies: ["SitegenSource"], exclude: ["Fixtures"]),
        .testTarget(name: "SitegenDigestTests", dependencies: ["SitegenDigest", "SitegenSHAExtensions", "SitegenRandom"], exclude: ["Fixtures"]),
        .testTarget(name: "SitegenSignatureTests", dependencies: ["SitegenSignature", "SitegenDigest", "SitegenRandom"], exclude: ["Fixtures"]),
        .testTarget(name: "SitegenCompressTests", dependencies: ["SitegenCompress", "SitegenDigest", "SitegenRandom"], exclude: ["Fixtures"]),
        .testTarget(name: "SitegenPNGTests", dependencies: ["SitegenPNG", "SitegenCompress", "SitegenDigest", "SitegenRandom"], exclude: ["Fixtures"]),
        .testTarget(name: "SitegenModelTests", dependencies: ["SitegenModel"]),
        .testTarget(name: "SitegenPlanTests", dependencies: ["SitegenPlan", "SitegenSource"]),
        .testTarget(name: "SitegenMustacheTests", dependencies: ["SitegenMustache"], exclude: ["Fixtures"]),
        .testTarget(name: "SitegenRenderTests", dependencies: ["SitegenRender", "SitegenSignature", "SitegenLinkedData", "SitegenRandom"]),
        .testTarget(name: "SitegenTests", dependencies: ["Sitegen", "SitegenSignature", "SitegenLinkedData", "SitegenCompress", "SitegenRender", "SitegenPlan"], exclude: ["Fixtures"]),
        .testTarget(name: "SitegenRasterTests", dependencies: ["SitegenRaster", "SitegenCompress", "SitegenFont"], exclude: ["Fixtures"]),
        .testTarget(name: "SitegenCardTests", dependencies: ["SitegenCard", "SitegenCompress", "SitegenFont", "SitegenPNG", "SitegenSource"]),
        .testTarget(name: "SitegenFontTests", dependencies: ["SitegenFont", "SitegenRaster"], exclude: ["Fixtures"]),
        .testTarget(name: "SitegenServeTests", dependencies: ["SitegenServe", "Sitegen", "SitegenModel"]),
        .testTarget(name: "SitegenLinkedDataTests", dependencies: ["SitegenLinkedData"], exclude: ["Fixtures"]),
    ]
)
