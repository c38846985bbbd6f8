import Foundation
#if canImport(Glibc)
import Glibc
#endif
@testable import Sitegen
import SitegenModel
import SitegenSignature
import SitegenSource

/// A temporary folder that removes itself.
final class TemporaryFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "sitegen-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func sub(_ name: String) -> String { path + "/" + name }
}

/// Every regular file under a folder: relative path → bytes.
func readTree(_ root: String) -> [String: [UInt8]] {
    var files: [String: [UInt8]] = [:]
    guard let enumerator = FileManager.default.enumerator(atPath: root) else { return files }
    for case let relative as String in enumerator {
        var isDirectory: ObjCBool = false
        let full = root + "/" + relative
        if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue,
           let data = FileManager.default.contents(atPath: full) {
            files[relative] = [UInt8](data)
        }
    }
    return files
}

func modificationDates(_ root: String) -> [String: Date] {
    var dates: [String: Date] = [:]
    for path in readTree(root).keys {
        dates[path] = (try? FileManager.default.attributesOfItem(atPath: root + "/" + path))?[.modificationDate] as? Date
    }
    return dates
}

extension Array where Element == UInt8 {
    func contains(_ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty else { return false }
        // memchr for the first byte, memcmp for the rest: the privacy test searches every byte
        // of the site for many needles.
        return withUnsafeBytes { haystack -> Bool in
            guard let base = haystack.baseAddress, haystack.count >= pattern.count else { return false }
            var offset = 0
            let last = haystack.count - pattern.count
            while offset <= last {
                guard let hit = memchr(base + offset, Int32(pattern[0]), last - offset + 1) else { return false }
                let position = base.distance(to: UnsafeRawPointer(hit))
                if memcmp(hit, pattern, pattern.count) == 0 { return true }
                offset = position + 1
            }
            return false
        }
    }
}

/// Fixed issuer keys: a test build given one creates no key file (the sample content is the
/// repository's own folder) and signs the same way every run.
enum TestSigningKeys {
    static func key(_ fill: UInt8) -> Ed25519.PrivateKey {
        try! Ed25519.PrivateKey(seed: (0..<32).map { fill &+ UInt8($0) })
    }

    static let sample = key(0x10)
    static let fixture = key(0x40)
    static let golden = key(0x70)
    static let property = key(0xA0)
    static let other = key(0xD0)
}

enum SampleSite {
    static var contentDirectory: String { FixtureSite.repositoryRoot.appendingPathComponent("Content").path }

    static func options(output: String, content: String = contentDirectory, jobs: Int = 2) -> BuildOptions {
        var options = BuildOptions()
        options.contentDirectory = content
        options.themesDirectory = FixtureSite.themesDirectory
        options.outputDirectory = output
        options.date = Day(year: 2026, month: 11, day: 21)
        options.secret = Array("sample-secret-sample-secret-sample".utf8)
        options.signingKey = TestSigningKeys.sample
        options.jobs = jobs
        return options
    }

    /// A copy of the sample content that a test may change.
    static func copy(to folder: String) throws -> String {
        let target = folder + "/Content"
        try FileManager.default.copyItem(atPath: contentDirectory, toPath: target)
        return target
    }

    static func content(_ directory: String = contentDirectory) -> Content? {
        let (tree, _) = ContentLoader(fileSystem: DiskFileSystem(), root: directory).load()
        return ContentDecoder(fileSystem: DiskFileSystem(), root: directory).decode(tree).0
    }
}
