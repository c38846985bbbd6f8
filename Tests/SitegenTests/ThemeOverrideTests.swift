import Foundation
import Testing
@testable import Sitegen
import SitegenEmbedded
import SitegenModel
import SitegenSource

/// A site's themes folder over the built-in default theme: a theme holds only what it changes,
/// and the output equals what a complete copy of the default theme with the same edits gives.
@Suite struct ThemeOverrideTests {
    /// The built-in default theme's files, by path below the theme folder (fonts among them).
    static let builtIn: [String: [UInt8]] = {
        var files: [String: [UInt8]] = [:]
        let archive = EmbeddedArchive.builtInThemes
        for path in archive.paths where path.hasPrefix("default/") {
            files[String(path.dropFirst("default/".count))] = try! archive.contents(of: path)
        }
        return files
    }()

    static func builtInText(_ path: String) -> String? {
        builtIn[path].map { String(decoding: $0, as: UTF8.self) }
    }

    static let notFoundCode = #"<p class="not-found-code" aria-hidden="true">404</p>"#
    static let changedNotFoundCode = #"<p class="not-found-code">Lost</p>"#
    static let shareTitle = #"share_title: "Share""#

    /// The fixture site built with `themes` as its `Themes/` folder (path below it → text);
    /// every output file, by path.
    func build(themes: [String: String], theme: String? = nil) -> [String: [UInt8]] {
        build(themeFiles: themes.mapValues { Array($0.utf8) }, theme: theme)
    }

    func build(themeFiles themes: [String: [UInt8]], theme: String? = nil) -> [String: [UInt8]] {
        var files = FixtureSite.base.mapValues { Array($0.utf8) }
        for (path, bytes) in themes { files["Themes/" + path] = bytes }
        let folder = TemporaryFolder()
        var options = FixtureSite.options(InMemoryFileSystem(bytes: files))
        options.outputDirectory = folder.sub("Output")
        options.date = Day(year: 2026, month: 1, day: 1)
        options.themeName = theme
        let report = SiteBuild.run(options)
        #expect(report.succeeded, "\(report.diagnostics.all)")
        return readTree(folder.sub("Output"))
    }

    /// The default theme copied whole under `name`, with `edits` applied (path → (old, new)).
    func copyOfDefault(as name: String, _ edits: [String: [(String, String)]], adding added: [String: String] = [:]) -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for (path, bytes) in Self.builtIn {
            guard let changes = edits[path] else {
                files["\(name)/\(path)"] = bytes
                continue
            }
            var edited = String(decoding: bytes, as: UTF8.self)
            for (old, new) in changes {
                #expect(edited.contains(old), "the default theme's \(path) no longer holds \(old)")
                edited = edited.replacingOccurrences(of: old, with: new)
            }
            files["\(name)/\(path)"] = Array(edited.utf8)
        }
        for (path, text) in added { files["\(name)/\(path)"] = Array(text.utf8) }
        return files
    }

    @Test func aSiteOverridingOneTemplateAndOneStringGetsEverythingElseFromDefault() throws {
        let template = try #require(Self.builtInText("templates/404.mustache"))
        let overridden = build(themes: [
            "default/templates/404.mustache": template.replacingOccurrences(of: Self.notFoundCode, with: Self.changedNotFoundCode),
            "default/locales/en.yaml": "share_title: \"Tell the world\"\n",
        ])
        let copied = build(themeFiles: copyOfDefault(as: "acme", [
            "templates/404.mustache": [(Self.notFoundCode, Self.changedNotFoundCode)],
            "locales/en.yaml": [(Self.shareTitle, #"share_title: "Tell the world""#)],
        ]), theme: "acme")
        let plain = build(themes: [:])

        #expect(!overridden.isEmpty)
        #expect(overridden.keys.sorted() == copied.keys.sorted())
        for (path, bytes) in copied.sorted(by: { $0.key < $1.key }) {
            #expect(overridden[path] == bytes, "\(path) differs from the build with a complete, edited copy")
        }
        // And the two edits did take: the site is not simply the default theme's.
        #expect(overridden["404.html"]?.contains("Lost</p>") == true)
        #expect(plain["404.html"]?.contains("Lost</p>") == false)
        let award = try #require(overridden.keys.first { $0.hasPrefix("awards/") && $0.hasSuffix("/index.html") })
        #expect(overridden[award]?.contains("Tell the world") == true)
        #expect(plain[award]?.contains("Tell the world") == false)
        #expect(plain.keys.sorted() == overridden.keys.sorted())
        #expect(overridden["assets/style.css"] == plain["assets/style.css"])
    }

    @Test func aChainOfThemesTakesEachFileFromTheNearestThemeThatHasIt() throws {
        let template = try #require(Self.builtInText("templates/404.mustache"))
        let chained = build(themes: [
            "base/theme.yaml": "extends: default\n",
            "base/templates/404.mustache": template.replacingOccurrences(of: Self.notFoundCode, with: Self.changedNotFoundCode),
            "base/locales/en.yaml": "share_title: \"From base\"\nnot_found_title: \"Nothing here\"\n",
            "base/assets/extra.txt": "from base\n",
            "site/theme.yaml": "# the site's variant\nextends: base\n",
            "site/locales/en.yaml": "share_title: \"From site\"\n",
            "site/assets/extra.txt": "from site\n",
        ], theme: "site")
        let copied = build(themeFiles: copyOfDefault(as: "whole", [
            "templates/404.mustache": [(Self.notFoundCode, Self.changedNotFoundCode)],
            "locales/en.yaml": [(Self.shareTitle, #"share_title: "From site""#),
                                (#"not_found_title: "Page not found""#, #"not_found_title: "Nothing here""#)],
        ], adding: ["assets/extra.txt": "from site\n"]), theme: "whole")
        #expect(chained.keys.sorted() == copied.keys.sorted())
        for (path, bytes) in copied.sorted(by: { $0.key < $1.key }) {
            #expect(chained[path] == bytes, "\(path) differs from the build with a complete, edited copy")
        }
        #expect(chained["assets/extra.txt"] == Array("from site\n".utf8))
        #expect(chained["404.html"]?.contains("Nothing here") == true)
    }

    @Test func aSiteWithoutAThemesFolderBuildsWithTheBuiltInTheme() {
        let files = build(themes: [:])
        #expect(files["assets/style.css"] == Self.builtIn["assets/style.css"])
        #expect(files["index.html"]?.contains("Test Site") == true)
    }

    /// Only a themes folder the user named is missed: a site without `Themes/` is the usual case.
    @Test func aMissingThemesFolderIsAWarningOnlyWhenItWasGiven() {
        var options = FixtureSite.options(InMemoryFileSystem(bytes: FixtureSite.base.mapValues { Array($0.utf8) }))
        options.themesDirectory = "Themse"
        #expect(CheckCommand.run(options).all.isEmpty)
        options.themesDirectoryGiven = true
        #expect(CheckCommand.run(options).all.map(\.description) == [
            "sitegen: warning: the themes folder Themse given by --themes does not exist; only the built-in themes are used",
        ])
        guard case .run(let invocation) = CommandLineInterface.parse(["check", "--themes", "T"]) else {
            Issue.record("check --themes did not parse")
            return
        }
        #expect(invocation.options.themesDirectoryGiven)
    }

    @Test func brokenOverridesAreReportedAtTheirOwnFileAndLine() {
        var files = FixtureSite.base.mapValues { Array($0.utf8) }
        files["Themes/default/templates/badge-card.mustache"] = Array("<div>\n{{#badge}}\n{{name}}\n".utf8)
        files["Themes/default/locales/en.yaml"] = Array("# one key changed\nshare_title: [a, b]\n".utf8)
        var options = FixtureSite.options(InMemoryFileSystem(bytes: files))
        options.themesDirectory = "Themes"
        let errors = CheckCommand.run(options).sorted.map(\.description).filter { $0.contains("error") }
        #expect(errors == [
            "Themes/default/locales/en.yaml:2:14: error: string 'share_title' must be text, found a list",
            "Themes/default/templates/badge-card.mustache:4:1: error: unclosed section 'badge' (opened at line 2, column 1)",
        ])
    }
}
