import Foundation
import Sitegen
import SitegenSource

/// Small in-line fixture sites, Hugo style: files in, expected bytes out. `base` is a minimal
/// valid site; each test overrides or removes a few files.
enum FixtureSite {
    static let base: [String: String] = [
        "Content/site.yaml": """
        title: Test Site
        base_url: https://badges.example.org/
        default_locale: en
        issuer: acme

        """,
        "Content/issuers/acme.yaml": """
        name: Acme Training
        url: https://acme.example/
        email: badges@acme.example

        """,
        "Content/badges/b1.yaml": """
        name: Badge One
        description: A first badge.
        image: images/b1.svg
        criteria:
          narrative: Do the thing.

        """,
        "Content/images/b1.svg": """
        <svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><circle cx="32" cy="32" r="30" fill="#246"/></svg>

        """,
        "Content/holders/h1.yaml": """
        name: Ann Example
        email: ann@example.org
        awards:
          - badge: b1
            issued_on: 2024-05-01

        """,
    ]

    /// The real default theme, so `check` and `build` see what users get.
    static var themesDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Themes").path
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// In-memory content plus the theme files read from disk.
    static func fileSystem(_ overrides: [String: String?] = [:]) -> InMemoryFileSystem {
        var files = base
        for (path, content) in overrides { files[path] = content }
        var bytes = files.mapValues { Array($0.utf8) }
        for (path, data) in themeFiles { bytes[path] = data }
        return InMemoryFileSystem(bytes: bytes)
    }

    static let themeFiles: [String: [UInt8]] = {
        var files: [String: [UInt8]] = [:]
        let root = URL(fileURLWithPath: themesDirectory)
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return files }
        for case let url as URL in enumerator {
            guard let data = FileManager.default.contents(atPath: url.path), !url.hasDirectoryPath else { continue }
            let relative = url.path.dropFirst(root.path.count + 1)
            files["Themes/" + relative] = [UInt8](data)
        }
        return files
    }()

    static func options(_ fileSystem: InMemoryFileSystem) -> BuildOptions {
        var options = BuildOptions()
        options.fileSystem = fileSystem
        options.contentDirectory = "Content"
        options.themesDirectory = "Themes"
        options.secret = Array("test-secret-test-secret-test-secret".utf8)
        options.signingKey = TestSigningKeys.fixture
        return options
    }

    /// `check` on a fixture: its diagnostics as the CLI prints them.
    static func check(_ overrides: [String: String?] = [:]) -> [String] {
        CheckCommand.run(options(fileSystem(overrides))).sorted.map(\.description)
    }
}
