import Foundation
import Testing
@testable import SitegenCompress

/// Inflate against streams Python's zlib and gzip wrote: every level, strategy and wrapper in
/// Fixtures/manifest.txt.
@Suite struct PythonFixtureTests {
    func decode(_ stream: [UInt8], format: String) throws -> [UInt8] {
        switch format {
        case "raw": return try Inflate.decompress(stream)
        case "zlib": return try ZlibStream.decompress(stream)
        case "gzip": return try GzipStream.decompress(stream)
        default: throw FixtureFolder.Missing(path: "format \(format)")
        }
    }

    @Test func everyStreamInTheManifestDecodesToItsData() throws {
        let entries = try FixtureFolder.manifest()
        #expect(entries.count >= 80, "manifest lists \(entries.count) streams; make_fixtures.py writes 81")
        for entry in entries {
            let stream = try FixtureFolder.bytes(entry.stream)
            if entry.expected.hasPrefix("error:") {
                #expect(throws: CompressedDataError.self, "\(entry.stream)") { try decode(stream, format: entry.format) }
                continue
            }
            let expected = try FixtureFolder.expectedData(entry.expected)
            do {
                let decoded = try decode(stream, format: entry.format)
                #expect(decoded == expected, "\(entry.stream): \(decoded.count) bytes, expected \(expected.count)")
            } catch {
                Issue.record("\(entry.stream): \(error)")
            }
        }
    }

    @Test func presetDictionaryIsRefusedByName() throws {
        let stream = try FixtureFolder.bytes("text-dictionary.zlib")
        #expect(throws: CompressedDataError(.presetDictionaryUnsupported, at: 1)) { try ZlibStream.decompress(stream) }
    }

    @Test func everyFixtureIsListed() throws {
        // A stream file nobody checks is a test that silently stopped running.
        let listed = Set(try FixtureFolder.manifest().map(\.stream))
        let files = try FileManager.default.contentsOfDirectory(atPath: FixtureFolder.url.path)
            .filter { $0.hasSuffix(".deflate") || $0.hasSuffix(".zlib") || $0.hasSuffix(".gz") }
        #expect(Set(files) == listed)
    }
}
