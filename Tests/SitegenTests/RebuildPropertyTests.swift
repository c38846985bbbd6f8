import Foundation
import Testing
@testable import Sitegen
import SitegenModel
import SitegenSignature

/// Issue 12: an incremental rebuild equals a clean build, byte for byte, whatever changed. Every
/// field of every model type is changed in turn — the list is the decoder's own lists of known
/// keys, so a key added to the decoder fails here until it has a mutation — then every theme
/// file, then each option. After each change the output folder of the unchanged site is rebuilt
/// in place and compared with a fresh build of the changed site; then the change is undone and the
/// rebuild must give the unchanged site again.
@Suite(.serialized)
struct RebuildPropertyTests {
    /// A change of the fixture site, named by the model key it exercises (`kind.key`).
    struct Mutation: Sendable {
        var name: String
        var change: @Sendable (inout FixtureContent) -> Void
    }

    static let mutations: [Mutation] = [
        .init(name: "site.title") { $0.site["title"] = .s("Renamed Site") },
        .init(name: "site.base_url") { $0.site["base_url"] = .s("https://elsewhere.example/sub/") },
        .init(name: "site.default_locale") { $0.site["default_locale"] = .s("ja") },
        .init(name: "site.locales") { $0.site["locales"] = .a([.s("en"), .s("ja"), .s("fr")]) },
        .init(name: "site.issuer") { $0.site["issuer"] = .s("other") },
        .init(name: "site.theme") { $0.site["theme"] = .s("alt") },
        .init(name: "site.description") { $0.site["description"] = .s("Another description") },
        .init(name: "site.contact") { $0.site["contact"] = .s("help@guild.example") },
        // Shows in the DID document (public keys only, so the key of another test will do).
        .init(name: "site.retired_keys") {
            $0.site["retired_keys"] = .a([.s(Multikey.publicKeyMultibase(TestSigningKeys.other.publicKey))])
        },
        .init(name: "issuer.id") {
            $0.issuers["guild"]!["id"] = .s("guild2")
            $0.site["issuer"] = .s("guild2")
        },
        .init(name: "issuer.name") { $0.issuers["guild"]!["name"] = .o([("en", .s("Guild Renamed")), ("ja", .s("改名ギルド"))]) },
        .init(name: "issuer.url") { $0.issuers["guild"]!["url"] = .s("https://guild.example/new/") },
        .init(name: "issuer.email") { $0.issuers["guild"]!["email"] = .s("new@guild.example") },
        .init(name: "issuer.description") { $0.issuers["guild"]!["description"] = .s("Changed <desc>") },
        .init(name: "issuer.image") { $0.issuers["guild"]!["image"] = .s("images/other.png") },
        .init(name: "issuer.linkedin_organization_id") { $0.issuers["guild"]!["linkedin_organization_id"] = .s("999") },
        .init(name: "badge.id") {
            $0.badges["b2"]!["id"] = .s("b2-renamed")
            $0.renameBadgeReferences("b2", to: "b2-renamed")
        },
        .init(name: "badge.name") { $0.badges["b1"]!["name"] = .o([("en", .s("Badge Renamed")), ("ja", .s("改名"))]) },
        .init(name: "badge.description") { $0.badges["b1"]!["description"] = .s("New description & more") },
        .init(name: "badge.image") { $0.badges["b1"]!["image"] = .s("images/b2.png") },
        .init(name: "badge.criteria") { $0.badges["b2"]!["criteria"] = .o([("narrative", .s("Entirely new criteria"))]) },
        .init(name: "badge.issuer") { $0.badges["b1"]!["issuer"] = .s("other") },
        .init(name: "badge.kind") { $0.badges["b2"]!["kind"] = .s("exam") },
        .init(name: "badge.status") { $0.badges["b1"]!["status"] = .s("retired") },
        .init(name: "badge.skills") { $0.badges["b1"]!["skills"] = .a([.s("Only one skill")]) },
        .init(name: "badge.alignment") { $0.badges["b2"]!["alignment"] = .a([.o([("name", .s("New")), ("url", .s("https://align.example/n"))])]) },
        .init(name: "badge.requires") { $0.badges["b1"]!["requires"] = .a([.s("e1")]) },
        .init(name: "badge.validity_days") { $0.badges["b2"]!["validity_days"] = .n(3000) },
        .init(name: "badge.social_image") { $0.badges["b1"]!["social_image"] = .s("images/b2.png") },
        .init(name: "criteria.narrative") { $0.badges["b1"]!.set(["criteria", "narrative"], .s("Changed narrative")) },
        .init(name: "criteria.url") { $0.badges["b1"]!.set(["criteria", "url"], .s("https://guild.example/criteria/changed")) },
        .init(name: "alignment.name") { $0.badges["b1"]!.setInList("alignment", 0, "name", .s("Changed alignment")) },
        .init(name: "alignment.url") { $0.badges["b1"]!.setInList("alignment", 0, "url", .s("https://align.example/changed")) },
        .init(name: "alignment.framework") { $0.badges["b1"]!.setInList("alignment", 0, "framework", .s("ESCO")) },
        .init(name: "alignment.code") { $0.badges["b1"]!.setInList("alignment", 0, "code", .s("X-1")) },
        .init(name: "alignment.description") { $0.badges["b1"]!.setInList("alignment", 0, "description", .s("Changed")) },
        .init(name: "holder.id") { $0.holders["ann"]!["id"] = .s("ann-renamed") },
        .init(name: "holder.name") { $0.holders["ann"]!["name"] = .s("Ann Renamed") },
        .init(name: "holder.email") { $0.holders["ann"]!["email"] = .s("ann.new@example.org") },
        .init(name: "holder.visibility") { $0.holders["bo"]!["visibility"] = .s("private") },
        .init(name: "holder.locale") { $0.holders["ann"]!["locale"] = .s("en") },
        .init(name: "holder.auto_accept") { $0.holders["ann"]!["auto_accept"] = .b(true) },
        .init(name: "holder.awards") {
            $0.holders["bo"]!.appendToList("awards", .o([("badge", .s("b1")), ("issued_on", .s("2026-01-01"))]))
        },
        .init(name: "award.badge") { $0.holders["bo"]!.setInList("awards", 0, "badge", .s("b1")) },
        .init(name: "award.issued_on") { $0.holders["bo"]!.setInList("awards", 0, "issued_on", .s("2020-02-02")) },
        .init(name: "award.expires_on") { $0.holders["bo"]!.setInList("awards", 0, "expires_on", .s("2026-11-20")) },
        .init(name: "award.id") { $0.holders["ann"]!.setInList("awards", 0, "id", .s("ann-first-award")) },
        .init(name: "award.status") { $0.holders["ann"]!.setInList("awards", 0, "status", .s("declined")) },
        .init(name: "award.visibility") { $0.holders["ann"]!.setInList("awards", 0, "visibility", .s("private")) },
        .init(name: "award.evidence") {
            $0.holders["bo"]!.setInList("awards", 0, "evidence", .a([.o([("url", .s("https://e.example/bo"))])]))
        },
        .init(name: "award.revoked") { $0.holders["bo"]!.setInList("awards", 0, "revoked", .s("Fraud")) },
        .init(name: "evidence.url") {
            $0.holders["ann"]!.setInList("awards", 0, "evidence", .a([.o([("url", .s("https://e.example/changed"))])]))
        },
        .init(name: "evidence.narrative") {
            $0.holders["ann"]!.setInList("awards", 0, "evidence", .a([.o([("url", .s("https://portfolio.example/ann")),
                                                                           ("narrative", .s("Changed narrative"))])]))
        },
        .init(name: "revocation.reason") {
            $0.holders["ann"]!.setInList("awards", 1, "revoked", .o([("reason", .s("Another reason")), ("date", .s("2025-02-03"))]))
        },
        .init(name: "revocation.date") {
            $0.holders["ann"]!.setInList("awards", 1, "revoked", .o([("reason", .s("Issued in error")), ("date", .s("2025-03-04"))]))
        },
    ]

    @Test func everyKnownKeyOfTheDecoderHasAMutation() {
        let covered = Set(Self.mutations.map(\.name))
        for (kind, keys) in ContentDecoder.knownKeys {
            for key in keys {
                #expect(covered.contains("\(kind).\(key)"), "no mutation for \(kind).\(key): add one to RebuildPropertyTests")
            }
        }
    }

    @Test func everyContentChangeRebuildsToACleanBuild() throws {
        let folder = TemporaryFolder()
        let themes = try Self.copyThemes(to: folder.sub("themes"))
        let base = FixtureContent.base
        let incremental = folder.sub("incremental")
        try base.write(to: folder.sub("content"))
        #expect(SiteBuild.run(Self.options(folder, themes: themes, output: incremental)).succeeded)
        let clean = readTree(incremental)
        for mutation in Self.mutations {
            var changed = base
            mutation.change(&changed)
            try changed.write(to: folder.sub("content"))
            try Self.expectRebuildEqualsCleanBuild(folder, themes: themes, output: incremental, label: mutation.name, unchanged: clean)
            try base.write(to: folder.sub("content"))
            let back = SiteBuild.run(Self.options(folder, themes: themes, output: incremental))
            #expect(back.succeeded, "\(mutation.name) undone: \(back.diagnostics.sorted)")
                let restored = readTree(incremental) == clean
            #expect(restored, "\(mutation.name) undone: the rebuild differs from the unchanged site")
        }
    }

    @Test func everyThemeFileAndOptionRebuildsToACleanBuild() throws {
        let folder = TemporaryFolder()
        let themes = try Self.copyThemes(to: folder.sub("themes"))
        try FixtureContent.base.write(to: folder.sub("content"))
        let incremental = folder.sub("incremental")
        #expect(SiteBuild.run(Self.options(folder, themes: themes, output: incremental)).succeeded)
        let clean = readTree(incremental)
        let theme = themes + "/default"
        let files = readTree(theme).keys.sorted()
        #expect(files.count >= 20)
        for file in files {
            let path = theme + "/" + file
            let original = try Data(contentsOf: URL(fileURLWithPath: path))
            try Self.mutated(original, name: file).write(to: URL(fileURLWithPath: path))
            try Self.expectRebuildEqualsCleanBuild(folder, themes: themes, output: incremental, label: "theme \(file)", unchanged: clean)
            try original.write(to: URL(fileURLWithPath: path))
        }
        // Options: another day (an award expires), another base URL, another secret.
        var options = Self.options(folder, themes: themes, output: incremental)
        for (label, change) in [("--date", { (o: inout BuildOptions) in o.date = Day(year: 2027, month: 7, day: 1) }),
                                ("--base-url", { (o: inout BuildOptions) in o.baseURL = "http://127.0.0.1:8000/" }),
                                ("secret", { (o: inout BuildOptions) in o.secret = Array("another-secret-another-secret!!".utf8) }),
                                ("signing key", { (o: inout BuildOptions) in o.signingKey = TestSigningKeys.other })] {
            change(&options)
            try Self.expectRebuildEqualsCleanBuild(folder, themes: themes, output: incremental, label: label, options: options,
                                                   unchanged: clean)
        }
    }

    // MARK: Support

    /// Changes that rightly show nowhere: the strings of locales the site does not publish (it
    /// publishes only en and ja).
    /// The theme's fonts and their licences too: bytes appended to a font change no glyph, and
    /// neither file is copied to the output (the cards are rendered again, to the same bytes).
    static let invisible: Set<String> = ["theme locales/fr.yaml", "theme locales/it.yaml",
                                         "theme locales/ko.yaml", "theme locales/zh-Hant.yaml"]
    static func isInvisible(_ label: String) -> Bool { invisible.contains(label) || label.hasPrefix("theme fonts/") }

    static func options(_ folder: TemporaryFolder, themes: String, output: String) -> BuildOptions {
        var options = BuildOptions()
        options.contentDirectory = folder.sub("content")
        options.themesDirectory = themes
        options.outputDirectory = output
        options.date = Day(year: 2026, month: 11, day: 21)
        options.secret = Array("property-secret-property-secret".utf8)
        options.signingKey = TestSigningKeys.property
        options.jobs = 2
        return options
    }

    /// Rebuilds `output` in place and builds a fresh folder with the same options: both must
    /// succeed and hold the same bytes.
    /// A change that leaves the output as it was (`unchanged`) tests nothing, and fails, unless
    /// it is one of `invisible`.
    static func expectRebuildEqualsCleanBuild(_ folder: TemporaryFolder, themes: String, output: String, label: String,
                                              options: BuildOptions? = nil, unchanged: [String: [UInt8]]) throws {
        var rebuild = options ?? Self.options(folder, themes: themes, output: output)
        rebuild.outputDirectory = output
        let report = SiteBuild.run(rebuild)
        #expect(report.succeeded, "\(label): \(report.diagnostics.sorted)")
        let fresh = folder.sub("fresh-\(UUID().uuidString)")
        var clean = rebuild
        clean.outputDirectory = fresh
        #expect(SiteBuild.run(clean).succeeded, "\(label): the clean build failed")
        let rebuilt = readTree(output), expected = readTree(fresh)
        let differing = Set(rebuilt.keys).union(expected.keys).filter { rebuilt[$0] != expected[$0] }.sorted()
        #expect(differing.isEmpty, "\(label): the rebuild differs from a clean build in \(differing.prefix(5))")
        let shows = expected != unchanged
        #expect(shows || isInvisible(label), "\(label): the change shows nowhere in the output")
        try FileManager.default.removeItem(atPath: fresh)
    }

    static func copyThemes(to folder: String) throws -> String {
        try FileManager.default.copyItem(atPath: FixtureSite.themesDirectory, toPath: folder)
        // A second theme for `site.theme`, different in one visible string.
        try FileManager.default.copyItem(atPath: folder + "/default", toPath: folder + "/alt")
        let strings = folder + "/alt/locales/en.yaml"
        let text = try String(contentsOfFile: strings, encoding: .utf8)
        try text.replacingOccurrences(of: "home: \"Home\"", with: "home: \"Start\"").write(toFile: strings, atomically: true, encoding: .utf8)
        return folder
    }

    /// A change that shows in the output: a comment in a template, a string edited, bytes added
    /// to an asset, the cards' background colour.
    static func mutated(_ data: Data, name: String) -> Data {
        if name.hasSuffix(".ttf") { return data + Data("/* mutated */".utf8) }
        var text = String(decoding: data, as: UTF8.self)
        if name == "card.yaml" {
            // The cards' background: what only the cards show.
            text = text.replacingOccurrences(of: "background: \"#f4f6fa\"", with: "background: \"#f4f6fb\"")
        } else if name.hasSuffix(".mustache") {
            text = text.replacingOccurrences(of: "\n", with: "\n<!--m-->", options: [], range: text.range(of: "\n"))
        } else if name.hasSuffix(".yaml") {
            if let range = text.range(of: ": \"") { text.replaceSubrange(range, with: ": \"~") }
        } else if name.hasSuffix(".svg") {
            text += "<!-- mutated -->\n"
        } else {
            text += "\n/* mutated */\n"
        }
        return Data(text.utf8)
    }
}

/// The fixture site of the property test as JSON values, written as JSON content files: a
/// mutation is a change of a value, whatever file holds it.
struct FixtureContent: Sendable {
    var site: JSONObject
    var issuers: [String: JSONObject]
    var badges: [String: JSONObject]
    var holders: [String: JSONObject]

    /// Points every award and `requires` that names badge `old` at `new`.
    mutating func renameBadgeReferences(_ old: String, to new: String) {
        func renamed(_ value: JSONValue) -> JSONValue {
            switch value {
            case .s(let id) where id == old: return .s(new)
            case .a(let items): return .a(items.map(renamed))
            case .o(let entries): return .o(entries.map { ($0.0, $0.0 == "badge" || $0.0 == "requires" ? renamed($0.1) : $0.1) })
            default: return value
            }
        }
        for id in holders.keys { holders[id]!["awards"] = holders[id]!["awards"].map(renamed) }
        for id in badges.keys { badges[id]!["requires"] = badges[id]!["requires"].map(renamed) }
    }

    static let base = FixtureContent(
        site: JSONObject([("title", .s("Property Site")), ("base_url", .s("https://props.example/")),
                          ("default_locale", .s("en")), ("locales", .a([.s("en"), .s("ja")])), ("issuer", .s("guild"))]),
        issuers: [
            "guild": JSONObject([("name", .o([("en", .s("Guild")), ("ja", .s("ギルド"))])), ("url", .s("https://guild.example/")),
                                 ("email", .s("badges@guild.example")), ("image", .s("images/guild.png"))]),
            "other": JSONObject([("name", .s("Other Issuer")), ("url", .s("https://other.example/"))]),
        ],
        badges: [
            "b1": JSONObject([("name", .o([("en", .s("Badge One")), ("ja", .s("バッジ一"))])), ("description", .s("First <badge>.")),
                              ("image", .s("images/b1.svg")),
                              ("criteria", .o([("narrative", .s("Do it.")), ("url", .s("https://guild.example/c/b1"))])),
                              ("skills", .a([.s("Testing"), .o([("en", .s("Rebuilds")), ("ja", .s("再構築"))])])),
                              ("alignment", .a([.o([("name", .s("Testers")), ("url", .s("https://align.example/t")),
                                                    ("framework", .s("O*NET")), ("code", .s("15-1253")),
                                                    ("description", .s("Test things"))])])),
                              ("requires", .a([.s("e1"), .s("e2")]))]),
            "b2": JSONObject([("name", .s("Badge Two")), ("description", .s("Second badge.")), ("image", .s("images/b2.png")),
                              ("criteria", .o([("url", .s("https://guild.example/c/b2"))])), ("validity_days", .n(365))]),
            "e1": JSONObject([("name", .s("Exam One")), ("description", .s("An exam.")), ("image", .s("images/b1.svg")),
                              ("kind", .s("exam")), ("criteria", .o([("narrative", .s("Pass."))]))]),
            "e2": JSONObject([("name", .s("Exam Two")), ("description", .s("Another exam.")), ("image", .s("images/b2.png")),
                              ("kind", .s("exam")), ("criteria", .o([("narrative", .s("Pass again."))]))]),
        ],
        holders: [
            "ann": JSONObject([("name", .s("Ann Example")), ("email", .s("ann@example.org")), ("locale", .s("ja")),
                               ("awards", .a([
                                   .o([("badge", .s("b1")), ("issued_on", .s("2025-03-14")),
                                       ("evidence", .a([.o([("url", .s("https://portfolio.example/ann")), ("narrative", .s("Capstone"))])]))]),
                                   .o([("badge", .s("b2")), ("issued_on", .s("2025-01-02")),
                                       ("revoked", .o([("reason", .s("Issued in error")), ("date", .s("2025-02-03"))]))]),
                                   .o([("badge", .s("e1")), ("issued_on", .s("2025-05-05")), ("status", .s("pending"))]),
                               ]))]),
            "bo": JSONObject([("name", .s("Bo Example")), ("email", .s("bo@example.net")),
                              ("awards", .a([
                                  .o([("badge", .s("b2")), ("issued_on", .s("2026-06-30")), ("expires_on", .s("2027-06-30"))]),
                                  .o([("badge", .s("e2")), ("issued_on", .s("2026-01-15"))]),
                              ]))]),
        ])

    /// Replaces the content folder's files with these.
    func write(to folder: String) throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: folder) {
            // The status index record stays, as a site keeps it across edits.
            for name in try manager.contentsOfDirectory(atPath: folder) where name != "images" && name != "status-indices.txt" {
                try manager.removeItem(atPath: folder + "/" + name)
            }
        } else {
            try manager.createDirectory(atPath: folder + "/images", withIntermediateDirectories: true)
            let svg = ##"<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><circle cx="32" cy="32" r="30" fill="#246"/></svg>"##
            try Data(svg.utf8).write(to: URL(fileURLWithPath: folder + "/images/b1.svg"))
            let png = try Data(contentsOf: GoldenPagesTests.folder.appendingPathComponent("Content/images/expiring.png"))
            try png.write(to: URL(fileURLWithPath: folder + "/images/b2.png"))
            let guild = try Data(contentsOf: GoldenPagesTests.folder.appendingPathComponent("Content/images/guild.png"))
            try guild.write(to: URL(fileURLWithPath: folder + "/images/guild.png"))
            // Another picture for `issuer.image`.
            try png.write(to: URL(fileURLWithPath: folder + "/images/other.png"))
        }
        try Data(site.json.utf8).write(to: URL(fileURLWithPath: folder + "/site.json"))
        for (kind, objects) in [("issuers", issuers), ("badges", badges), ("holders", holders)] {
            try manager.createDirectory(atPath: folder + "/" + kind, withIntermediateDirectories: true)
            for (id, object) in objects {
                try Data(object.json.utf8).write(to: URL(fileURLWithPath: folder + "/\(kind)/\(id).json"))
            }
        }
    }
}

indirect enum JSONValue: Sendable {
    case s(String), n(Int), b(Bool), a([JSONValue]), o([(String, JSONValue)])

    var json: String {
        switch self {
        case .s(let text):
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        case .n(let number): return String(number)
        case .b(let flag): return flag ? "true" : "false"
        case .a(let items): return "[" + items.map(\.json).joined(separator: ", ") + "]"
        case .o(let entries): return "{" + entries.map { JSONValue.s($0.0).json + ": " + $0.1.json }.joined(separator: ", ") + "}"
        }
    }
}

/// An ordered JSON object that mutations change in place.
struct JSONObject: Sendable {
    var entries: [(String, JSONValue)]

    init(_ entries: [(String, JSONValue)]) { self.entries = entries }

    subscript(key: String) -> JSONValue? {
        get { entries.first { $0.0 == key }?.1 }
        set {
            if let index = entries.firstIndex(where: { $0.0 == key }) {
                if let newValue { entries[index].1 = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((key, newValue))
            }
        }
    }

    /// Sets `path.last` in the object at `path.dropLast()`.
    mutating func set(_ path: [String], _ value: JSONValue) {
        guard path.count > 1 else { self[path[0]] = value; return }
        guard case .o(let inner)? = self[path[0]] else { return }
        var object = JSONObject(inner)
        object.set(Array(path.dropFirst()), value)
        self[path[0]] = .o(object.entries)
    }

    /// Sets `key` in the `index`th object of the list `list`.
    mutating func setInList(_ list: String, _ index: Int, _ key: String, _ value: JSONValue) {
        guard case .a(var items)? = self[list], case .o(let inner) = items[index] else { return }
        var object = JSONObject(inner)
        object[key] = value
        items[index] = .o(object.entries)
        self[list] = .a(items)
    }

    mutating func appendToList(_ list: String, _ value: JSONValue) {
        guard case .a(let items)? = self[list] else { return }
        self[list] = .a(items + [value])
    }

    var json: String { JSONValue.o(entries).json + "\n" }
}
