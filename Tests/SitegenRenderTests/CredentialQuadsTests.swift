import Foundation
import Testing
import SitegenLinkedData
import SitegenModel
import SitegenPlan
@testable import SitegenRender
import SitegenSource
import SitegenRandom

/// The credential's RDF written straight from the award (`OpenBadgeCredentials.dataset`) against
/// the general path, JSON-LD processing of the credential's JSON: the canonical N-Quads must be
/// the same bytes for every credential of many varied sites — hostile and non-ASCII text,
/// several locales and fallbacks, evidence with and without URLs, identical alignments (blank
/// nodes only the n-degree hash tells apart), criteria of each kind, expired and revoked awards.
struct CredentialQuadsTests {
    static let signer = OpenBadgeCredentials.Signer(did: "did:web:badges.example.org:sub",
                                                    verificationMethod: "did:web:badges.example.org:sub#z6MkTest")

    static let pieces = ["Plain", "\"quoted\"", "back\\slash", "tab\there", "line\nbreak", "cr\rhere", "<b>&amp;</b>",
                         "日本語のテキスト", "résumé", "🎓 emoji", "e\u{301}", "עברית", "@id", "_:b0", "http://not-a-link",
                         "  spaced  ", "\\u0041", "{\"json\": 1}", "Ω≈ç√", "x", "a'b", "…", "\u{2028}sep", "%20", ""]

    static func text(_ generator: inout SplitMix) -> String {
        var parts: [String] = []
        for _ in 0..<(1 + generator.below(3)) { parts.append(generator.pick(pieces)) }
        let joined = parts.joined(separator: " ")
        return joined.trimmingCharacters(in: .whitespaces).isEmpty ? "Name" : joined
    }

    /// A localized text: one string, or a map with the site's default locale and others.
    static func localized(_ generator: inout SplitMix, _ locale: String) -> Any {
        switch generator.below(3) {
        case 0: return text(&generator)
        case 1: return ["en": text(&generator), "fr": text(&generator)]
        default: return [locale: text(&generator), "ja": text(&generator)]
        }
    }

    static func url(_ generator: inout SplitMix, _ path: String) -> String {
        generator.pick(["https://example.org/\(path)", "http://example.org/\(path)?q=1&r=%C3%A9#frag",
                        "https://xn--bcher-kva.example/\(path)/ü", "HTTPS://Example.ORG/\(path)",
                        "https://example.org/\(path)/{braces}", "https://example.org/a|b/\(path)"])
    }

    /// The files of a site made from `seed`.
    static func files(seed: UInt64) -> [String: [UInt8]] {
        var generator = SplitMix(seed: seed)
        func json(_ value: Any) -> [UInt8] { [UInt8](try! JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])) }
        var files: [String: [UInt8]] = [:]
        let defaultLocale = generator.pick(["en", "fr"])
        files["site/site.json"] = json(["title": "Varied", "base_url": generator.pick(["https://badges.example.org/sub/", "http://badges.example.org:8080/sub/"]),
                                        "default_locale": defaultLocale, "locales": [defaultLocale == "en" ? "fr" : "en", defaultLocale, "ja"],
                                        "issuer": "acme"])
        var issuer: [String: Any] = ["name": localized(&generator, defaultLocale), "url": url(&generator, "issuer")]
        if generator.chance(70) { issuer["email"] = "badges@example.org" }
        if generator.chance(70) { issuer["description"] = localized(&generator, defaultLocale) }
        if generator.chance(60) { issuer["image"] = "images/i.png" }
        files["site/issuers/acme.json"] = json(issuer)
        files["site/images/i.png"] = PageFixture.png(width: 64, height: 64)
        files["site/images/b.svg"] = Array("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"/>".utf8)
        let badgeCount = 8
        for index in 0..<badgeCount {
            var badge: [String: Any] = ["name": localized(&generator, defaultLocale), "description": localized(&generator, defaultLocale),
                                        "image": index % 2 == 0 ? "images/i.png" : "images/b.svg",
                                        "kind": generator.pick(["certification", "exam"])]
            var criteria: [String: Any] = [:]
            switch generator.below(3) {
            case 0: criteria["narrative"] = localized(&generator, defaultLocale)
            case 1: criteria["url"] = url(&generator, "criteria/\(index)")
            default: criteria["narrative"] = localized(&generator, defaultLocale); criteria["url"] = url(&generator, "criteria/\(index)")
            }
            badge["criteria"] = criteria
            if generator.chance(60) { badge["skills"] = (0..<(1 + generator.below(3))).map { _ in localized(&generator, defaultLocale) } }
            if generator.chance(60) {
                var alignments: [[String: Any]] = []
                for _ in 0..<(1 + generator.below(3)) {
                    var alignment: [String: Any] = ["name": localized(&generator, defaultLocale), "url": url(&generator, "align")]
                    if generator.chance(50) { alignment["framework"] = text(&generator) }
                    if generator.chance(50) { alignment["code"] = text(&generator) }
                    if generator.chance(50) { alignment["description"] = localized(&generator, defaultLocale) }
                    alignments.append(alignment)
                    // The same alignment twice: two blank nodes with equal first-degree hashes.
                    if generator.chance(25) { alignments.append(alignment) }
                }
                badge["alignment"] = alignments
            }
            files["site/badges/b\(index).json"] = json(badge)
        }
        var holders: [[String: Any]] = []
        for index in 0..<30 {
            var awards: [[String: Any]] = []
            for number in 0..<(1 + generator.below(3)) {
                var award: [String: Any] = ["id": "h\(index)-\(number)", "badge": "b\(generator.below(badgeCount))",
                                            "issued_on": "202\(generator.below(5))-0\(1 + generator.below(9))-1\(generator.below(10))"]
                if generator.chance(30) { award["expires_on"] = generator.pick(["2024-12-31", "2030-12-31", "2025-01-01"]) }
                if generator.chance(15) { award["revoked"] = ["reason": text(&generator), "date": "2024-06-01"] }
                if generator.chance(50) {
                    var evidence: [[String: Any]] = []
                    for _ in 0..<(1 + generator.below(3)) {
                        var item: [String: Any] = [:]
                        if generator.chance(60) { item["url"] = url(&generator, "evidence/\(index)") }
                        if item.isEmpty || generator.chance(70) { item["narrative"] = localized(&generator, defaultLocale) }
                        evidence.append(item)
                        if generator.chance(20) { evidence.append(item) }
                    }
                    award["evidence"] = evidence
                }
                awards.append(award)
            }
            holders.append(["id": "h\(index)", "name": text(&generator), "email": "h\(index)@example.com", "awards": awards])
        }
        files["site/holders.json"] = json(holders)
        return files
    }

    static func plan(seed: UInt64) throws -> SitePlan {
        let fileSystem = InMemoryFileSystem(bytes: files(seed: seed))
        let (tree, loaded) = ContentLoader(fileSystem: fileSystem, root: "site").load()
        #expect(!loaded.hasErrors, "\(loaded.all)")
        let (content, decoded) = ContentDecoder(fileSystem: fileSystem, root: "site").decode(tree)
        let decodedContent = try #require(content, "\(decoded.all)")
        return Planner(today: Day(year: 2025, month: 1, day: 1)!, secret: Array("test secret".utf8)).plan(decodedContent)
    }

    @Test func directQuadsCanonicaliseAsTheJSONDoes() throws {
        var direct = 0, general = 0, refusedAlike = 0
        for seed in UInt64(1)...12 {
            let plan = try Self.plan(seed: seed)
            let credentials = OpenBadgeCredentials(plan: plan, routes: Routes(baseURL: plan.site.baseURL, defaultLocale: plan.site.defaultLocale),
                                                   signer: Self.signer)
            for award in plan.awards {
                let unsigned = credentials.unsigned(award)
                let reference = Result { () throws(LinkedDataError) in try LinkedDataDocument.canonicalNQuads(json: unsigned) }
                if let dataset = credentials.dataset(award) {
                    direct += 1
                    let canonical = try RDFCanonicalization.canonicalNQuads(dataset)
                    #expect(canonical == (try reference.get()), "seed \(seed), award \(award.id)")
                } else {
                    general += 1
                }
                // What signing uses, whichever path it takes: the same bytes, or an error as the JSON gives.
                switch (reference, Result { () throws(LinkedDataError) in try credentials.canonicalNQuads(award, unsigned: unsigned) }) {
                case let (.success(expected), .success(made)): #expect(made == expected, "seed \(seed), award \(award.id)")
                case (.failure, .failure): refusedAlike += 1
                default: Issue.record("seed \(seed), award \(award.id): one path refused, the other did not")
                }
            }
        }
        // Most credentials take the direct path, and the general one is exercised too.
        #expect(direct > 300, "\(direct) direct")
        #expect(general > 10, "\(general) general")
        #expect(refusedAlike > 0, "\(refusedAlike) refused by both")
    }

    @Test func directProofConfigurationsCanonicaliseAsTheJSONDoes() throws {
        let plan = try Self.plan(seed: 99)
        let routes = Routes(baseURL: plan.site.baseURL, defaultLocale: plan.site.defaultLocale)
        var direct = 0
        for signer in [Self.signer, OpenBadgeCredentials.Signer(did: "did:web:a.example", verificationMethod: "did:web:a.example%3A8443:x#z6MkKey"),
                       OpenBadgeCredentials.Signer(did: "did:web:a.example", verificationMethod: "https://a.example/keys/1"),
                       OpenBadgeCredentials.Signer(did: "did:web:a.example", verificationMethod: "did:key:z6MkKey#z6MkKey")] {
            let credentials = OpenBadgeCredentials(plan: plan, routes: routes, signer: signer)
            for award in plan.awards {
                let reference = try LinkedDataDocument.canonicalNQuads(json: credentials.proofConfiguration(award))
                #expect(try credentials.canonicalProofConfiguration(award) == reference, "\(signer.verificationMethod) \(award.issuedOn)")
                if OpenBadgeCredentials.proofConfigurationDataset(created: award.issuedOn, verificationMethod: signer.verificationMethod) != nil {
                    direct += 1
                }
            }
        }
        #expect(direct > 30)
    }

    @Test func plainIRIsAndLiteralsAreVerbatimOthersAreNot() {
        #expect(RDFDataset.isVerbatimIRI("https://example.org/a?b#c"))
        #expect(RDFDataset.isVerbatimIRI("did:web:example.org:x"))
        #expect(!RDFDataset.isVerbatimIRI("urn:isbn:1"))       // could be a compact IRI
        #expect(!RDFDataset.isVerbatimIRI("_:b0"))
        #expect(!RDFDataset.isVerbatimIRI("relative/path"))
        #expect(!RDFDataset.isVerbatimIRI("https://example.org/a b"))
        #expect(!RDFDataset.isVerbatimIRI("https://example.org/{x}"))
        #expect(RDFDataset.isVerbatimLiteral("tab\tline\nreturn\r \"quotes\" \\ é"))
        #expect(!RDFDataset.isVerbatimLiteral("bell\u{07}"))
        #expect(!RDFDataset.isVerbatimLiteral("delete\u{7F}"))
    }
}
