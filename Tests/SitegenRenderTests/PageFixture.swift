import Foundation
import SitegenModel
import SitegenPlan
import SitegenRender
import SitegenSource

/// A small site decoded from in-memory files, planned for 2025-01-01, and the real default theme
/// loaded from the repository, so tests see exactly what a build would render.
struct PageFixture {
    static let hostileName = "<script>alert(1)</script>\"'&"
    static let hostileEvidence = "</script><script>alert(2)</script>"

    let plan: SitePlan
    let theme: Theme
    let routes: Routes
    let pages: PageRenderer
    let themeDiagnostics: Diagnostics

    /// A PNG header with the given size: enough for sitegen, which reads only the signature and
    /// IHDR.
    static func png(width: UInt32, height: UInt32) -> [UInt8] {
        func be(_ value: UInt32) -> [UInt8] { [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)] }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + be(13) + Array("IHDR".utf8) + be(width) + be(height)
            + [8, 6, 0, 0, 0] + [0, 0, 0, 0]
    }

    static let files: [String: String] = [
        "site/site.yaml": """
            title: Acme Badges
            base_url: https://badges.example.org/
            default_locale: en
            locales: [en, ja]
            issuer: acme
            description: Badges of the Acme Academy.
            contact: "<b>help</b>@acme.example"
            """,
        "site/issuers/acme.yaml": """
            name: Acme Academy
            url: https://acme.example/
            description: "Training for <b>everyone</b>."
            """,
        "site/badges/b1.yaml": """
            name: {en: Badge One, ja: バッジ ワン}
            description: |-
              First line.
              Second line with <em>markup</em>.
            image: images/b1.png
            criteria:
              narrative: Pass the exam.
              url: https://acme.example/criteria/b1
            skills: [Planning, {en: Testing, ja: テスト}]
            alignment:
              - name: Framework item
                url: https://framework.example/item
                framework: ESCO
                code: E-1
            """,
        "site/badges/b2.yaml": """
            name: Badge Two
            description: An older badge.
            image: images/b2.svg
            status: retired
            criteria:
              narrative: Old criteria.
            """,
        "site/holders.json": """
            [
              {"id": "hostile", "name": "<script>alert(1)</script>\\"'&", "email": "x@example.com",
               "awards": [{"id": "a-hostile", "badge": "b1", "issued_on": "2024-05-01",
                           "evidence": [{"url": "https://evidence.example/1", "narrative": "</script><script>alert(2)</script>"}]}]},
              {"id": "yuki", "name": "田中 由紀", "email": "yuki@example.com", "locale": "ja",
               "awards": [{"id": "a-ja", "badge": "b1", "issued_on": "2024-05-01", "expires_on": "2026-05-01"},
                          {"id": "a-expired", "badge": "b2", "issued_on": "2023-01-10", "expires_on": "2024-06-01"},
                          {"id": "a-revoked", "badge": "b1", "issued_on": "2023-02-01",
                           "revoked": {"reason": "Issued in error <oops>", "date": "2023-03-01"}}]},
              {"id": "secret", "name": "Secret Person", "email": "secret@example.com", "visibility": "private",
               "awards": [{"id": "a-secret", "badge": "b1", "issued_on": "2024-01-01"}]}
            ]
            """,
    ]

    static let shared: PageFixture = PageFixture()

    init() {
        var bytes = Self.files.mapValues { Array($0.utf8) }
        bytes["site/images/b1.png"] = Self.png(width: 256, height: 256)
        bytes["site/images/b2.svg"] = Array("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><circle cx=\"5\" cy=\"5\" r=\"4\"/></svg>".utf8)
        let fileSystem = InMemoryFileSystem(bytes: bytes)
        let (tree, loaded) = ContentLoader(fileSystem: fileSystem, root: "site").load()
        precondition(!loaded.hasErrors, "\(loaded.all)")
        let (content, decoded) = ContentDecoder(fileSystem: fileSystem, root: "site").decode(tree)
        guard let content else { preconditionFailure("\(decoded.all)") }
        plan = Planner(today: Day(year: 2025, month: 1, day: 1)!, secret: Array("test secret".utf8)).plan(content)

        let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Themes").path
        let (theme, diagnostics) = ThemeLoader(fileSystem: DiskFileSystem(), root: themes)
            .load("default", locales: ["en", "ja", "zh-Hant", "fr", "ko", "it"], defaultLocale: "en")
        guard let theme else { preconditionFailure("\(diagnostics.all)") }
        self.theme = theme
        themeDiagnostics = diagnostics
        routes = Routes(baseURL: plan.site.baseURL, defaultLocale: plan.site.defaultLocale)
        var days = Set<Day>()
        for award in plan.awards {
            days.insert(award.issuedOn)
            if let expires = award.expiresOn { days.insert(expires) }
            if let revoked = award.revocation?.date { days.insert(revoked) }
        }
        pages = PageRenderer(plan: plan, theme: theme, routes: routes, dates: DateTexts(days: days, locales: plan.site.locales),
                             documents: OpenBadgesDocuments(plan: plan, routes: routes))
    }

    func award(_ id: String) -> Int {
        guard let index = plan.awards.firstIndex(where: { $0.id == id }) else { preconditionFailure("no award \(id)") }
        return index
    }

    func badge(_ id: String) -> Int {
        guard let index = plan.badges.firstIndex(where: { $0.badge.id == id }) else { preconditionFailure("no badge \(id)") }
        return index
    }

    func holder(_ id: String) -> Int {
        guard let index = plan.holders.firstIndex(where: { $0.id == id }) else { preconditionFailure("no holder \(id)") }
        return index
    }
}

extension Array where Element == UInt8 {
    var text: String { String(decoding: self, as: UTF8.self) }
}

extension String {
    func occurrences(of needle: String) -> Int {
        var count = 0
        var rest = self[...]
        while let range = rest.range(of: needle) {
            count += 1
            rest = rest[range.upperBound...]
        }
        return count
    }

    /// The text between the first `start` and the next `end`, or "".
    func between(_ start: String, _ end: String) -> String {
        guard let open = range(of: start), let close = self[open.upperBound...].range(of: end) else { return "" }
        return String(self[open.upperBound..<close.lowerBound])
    }
}
