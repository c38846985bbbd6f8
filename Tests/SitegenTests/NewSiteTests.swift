import Foundation
import Testing
@testable import Sitegen
import SitegenEmbedded
import SitegenSource

/// `sitegen init`: a new site that checks and builds as it is, with no themes folder anywhere.
@Suite struct NewSiteTests {
    @Test func aNewSiteChecksBuildsAndChecksAgainWithoutAThemesFolder() throws {
        let folder = TemporaryFolder()
        let site = folder.sub("badges")
        let made = try NewSite.make(in: site).get()
        #expect(made.files.contains(".gitignore") && made.files.contains("README.md") && made.files.contains("Content/site.yaml"))
        #expect(made.files.contains { $0.hasPrefix("Content/images/") && $0.hasSuffix(".png") })
        #expect(made.files.contains { $0.hasPrefix("Content/images/") && $0.hasSuffix(".svg") })
        #expect(made.files.contains { $0.hasPrefix("Content/holders/") && $0.hasSuffix(".yaml") })
        #expect(made.files.contains("Content/holders.json"))
        #expect(made.files.count == readTree(site).count)

        var options = BuildOptions()
        options.contentDirectory = site + "/Content"
        options.themesDirectory = site + "/Themes"
        options.outputDirectory = site + "/Output"
        options.environment = [:]
        #expect(!FileManager.default.fileExists(atPath: options.themesDirectory))

        let checked = CheckCommand.run(options)
        #expect(checked.all.isEmpty, "\(checked.all)")
        let report = SiteBuild.run(options)
        #expect(report.succeeded, "\(report.diagnostics.all)")
        #expect(report.diagnostics.all.isEmpty, "\(report.diagnostics.all)")
        let output = readTree(options.outputDirectory)
        let awardPages = output.keys.filter { $0.hasPrefix("awards/") && $0.hasSuffix("/index.html") }
        #expect(awardPages.count == 3, "two of Ada's, one of Ben's; Cleo is private")
        #expect(output.keys.contains { $0.hasPrefix("awards/") && $0.hasSuffix("/badge.png") })
        #expect(output.keys.contains { $0.hasPrefix("awards/") && $0.hasSuffix("/badge.svg") })
        #expect(!output.values.contains { $0.contains("Cleo") })
        #expect(output["index.html"]?.contains("Example Academy") == true)

        let again = CheckCommand.run(options)
        #expect(again.all.isEmpty, "\(again.all)")

        // What the first build made and must not be committed is what .gitignore names.
        let ignored = try String(contentsOfFile: site + "/.gitignore", encoding: .utf8).split(separator: "\n").map(String.init)
        for secret in [SiteSecret.fileName, SigningKey.fileName] {
            #expect(FileManager.default.fileExists(atPath: options.contentDirectory + "/" + secret))
            #expect(ignored.contains("Content/" + secret))
        }
        #expect(ignored.contains("/Output/") && ignored.contains("/.sitegen/"))
    }

    @Test func aFolderThatIsNotEmptyIsRefusedAndLeftAlone() throws {
        let folder = TemporaryFolder()
        try Data("mine\n".utf8).write(to: URL(fileURLWithPath: folder.sub(".keep")))
        guard case .failure(let refusal) = NewSite.make(in: folder.path) else {
            Issue.record("a non-empty folder was accepted")
            return
        }
        #expect(refusal.message.contains("is not empty (.keep)"))
        #expect(readTree(folder.path) == [".keep": Array("mine\n".utf8)])

        let file = folder.sub(".keep")
        guard case .failure(let notFolder) = NewSite.make(in: file) else {
            Issue.record("a file was taken for a folder")
            return
        }
        #expect(notFolder.message == "\(file) exists and is not a folder")
    }

    @Test func anEmptyFolderIsAccepted() throws {
        let folder = TemporaryFolder()
        let made = try NewSite.make(in: folder.path).get()
        #expect(readTree(folder.path).keys.sorted() == made.files)
    }
}

/// The archives compiled into the executable are the repository's files, byte for byte: the
/// build tool plugin ran on the current sources.
@Suite struct EmbeddedArchiveTests {
    func files(below folder: URL) -> [String: [UInt8]] {
        readTree(folder.path).filter { !$0.key.split(separator: "/").contains { $0.hasPrefix(".") } }
    }

    @Test func theBuiltInDefaultThemeIsThemesDefault() throws {
        let disk = files(below: FixtureSite.repositoryRoot.appendingPathComponent("Themes/default"))
        let archive = EmbeddedArchive.builtInThemes
        #expect(disk.count >= 20)
        #expect(archive.paths == disk.keys.map { "default/" + $0 }.sorted())
        for (path, bytes) in disk {
            #expect(try archive.contents(of: "default/" + path) == bytes,
                    "\(path) differs from the built-in copy; if it is in a folder new since the last build plan, touch Package.swift")
        }
        #expect(archive.entries(in: "default")?.map(\.name) == ["assets", "card.yaml", "fonts", "locales", "templates"])
        #expect(archive.isDirectory("default/templates") && !archive.isDirectory("default/templates/404.mustache"))
        #expect(throws: EmbeddedArchive.MissingFile.self) { try archive.contents(of: "default/none.txt") }
    }

    @Test func theStarterSiteIsSourcesStarter() throws {
        let disk = files(below: FixtureSite.repositoryRoot.appendingPathComponent("Sources/SitegenEmbedded/Starter"))
        let archive = EmbeddedArchive.newSite
        #expect(archive.paths == disk.keys.sorted())
        for (path, bytes) in disk {
            #expect(try archive.contents(of: path) == bytes, "\(path)")
        }
    }
}
