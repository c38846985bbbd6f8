import Testing
@testable import SitegenModel

struct ValidationRulesTests {
    @Test func defaultsFollowTheSpec() throws {
        var site = ModelTestSite()
        site.add("holders/ann.yaml", "name: Ann\nemail: Ann@Example.org\nvisibility: ~\nawards:\n- badge: cert\n  issued_on: 2024-05-01\n")
        let (content, diagnostics) = site.run()
        #expect(diagnostics == [])
        let model = try #require(content)
        #expect(model.site.baseURL == "https://b.example.org/")
        #expect(model.site.locales == ["en", "ja"])
        let badge = try #require(model.badges.first { $0.id == "cert" })
        #expect(badge.kind == .certification && badge.status == .active && badge.issuer.id == "acme")
        let holder = try #require(model.holders.first)
        #expect(holder.id == "ann" && holder.visibility == .public && holder.autoAccept == false)
        let award = try #require(holder.awards.first)
        #expect(award.status == .accepted && award.visibility == nil && !award.hasExplicitID)
        #expect(award.id.count == 20 && Identifier.isValid(award.id))
        // Stable across runs: derived from holder, badge and date only.
        #expect(site.run().0?.holders.first?.awards.first?.id == award.id)
    }

    @Test func legacyAndSoleRequirementAwardsAreSkippedWithWarnings() {
        var site = ModelTestSite()
        site.add("badges/old.yaml", "name: Old\ndescription: D\nimage: images/b.svg\ncriteria: {narrative: N}\nstatus: legacy\n")
        site.add("badges/solo.yaml", "name: Solo\ndescription: D\nimage: images/b.svg\ncriteria: {narrative: N}\nrequires: [exam2]\n")
        site.add("holders.yaml", "- id: bo\n  name: Bo\n  email: bo@example.org\n  awards:\n  - badge: old\n    issued_on: 2020-01-01\n  - badge: exam2\n    issued_on: 2021-01-01\n")
        let (_, diagnostics) = site.run()
        #expect(diagnostics == [
            "C/holders.yaml:5:5: warning: award of 'old' is skipped: the badge is legacy and is never issued",
            "C/holders.yaml:7:5: warning: award of exam 'exam2' is skipped: it is the sole requirement of certification 'solo', which is awarded instead",
        ])
    }

    @Test func sameEmailIsAWarningNamingBothPlaces() {
        var site = ModelTestSite()
        site.add("holders/a.yaml", "name: A\nemail: same@example.org\n")
        site.add("holders/b.yaml", "name: B\nemail: ' SAME@example.ORG '\n")
        let (_, diagnostics) = site.run()
        #expect(diagnostics == ["C/holders/b.yaml:1:1: warning: holder 'b' has the same email as holder 'a' (C/holders/a.yaml:1:1): one person with two records?"])
    }

    @Test func unpublishedLocalesGiveOneSummaryWarning() {
        var site = ModelTestSite()
        site.add("holders.json", #"[{"id": "a", "name": "A", "email": "a@x.org", "locale": "de"}, {"id": "b", "name": "B", "email": "b@x.org", "locale": "de"}, {"id": "c", "name": "C", "email": "c@x.org", "locale": "pt-BR"}]"#)
        let (_, diagnostics) = site.run()
        #expect(diagnostics == ["C/holders.json:1:2: warning: 3 holders have locales the site does not publish (de, pt-BR); their pages use 'en'"])
    }

    @Test func localeMapsFallBackToTheDefaultLocale() throws {
        var site = ModelTestSite()
        site.add("badges/intl.yaml", "name: {en: Cloud, ja: クラウド}\ndescription: D\nimage: images/b.svg\ncriteria: {narrative: {en: N, fr: N-fr}}\n")
        let (content, diagnostics) = site.run()
        #expect(diagnostics == [])
        let badge = try #require(content?.badges.first { $0.id == "intl" })
        #expect(badge.name.text(in: "ja", fallback: "en") == "クラウド")
        #expect(badge.name.text(in: "fr", fallback: "en") == "Cloud")
        #expect(badge.criteria.narrative?.text(in: "fr", fallback: "en") == "N-fr")
    }

    @Test func nullIsTheSameAsAbsent() throws {
        var site = ModelTestSite()
        site.add("holders/a.yaml", "name: A\nemail: a@example.org\nlocale:\nawards:\n- badge: cert\n  issued_on: 2024-01-01\n  expires_on: null\n  status: ~\n")
        let (content, diagnostics) = site.run()
        #expect(diagnostics == [])
        let award = try #require(content?.holders.first?.awards.first)
        #expect(award.expiresOn == nil && award.status == .accepted)
    }

    @Test func unreadableVisibilityNeverDefaultsToPublic() {
        var site = ModelTestSite()
        site.add("holders/a.yaml", "name: A\nemail: a@example.org\nvisibility: Private\n")
        let (content, diagnostics) = site.run()
        #expect(content == nil)
        #expect(diagnostics == ["C/holders/a.yaml:3:13: error: 'visibility' must be one of public, private; found 'Private'; did you mean 'private'?"])
    }

    @Test(arguments: [("abc", true), ("a.b_c-9", true), ("9lives", true), (".hidden", false), ("-x", false),
                      ("../x", false), ("a/b", false), ("A", false), ("a b", false), ("", false),
                      (String(repeating: "a", count: 64), true), (String(repeating: "a", count: 65), false), ("é", false)])
    func identifiers(_ id: String, _ valid: Bool) {
        #expect(Identifier.isValid(id) == valid)
    }

    @Test(arguments: [("https://x.org", true), ("HTTP://x.org/a?b#c", true), ("javascript:alert(1)", false), ("/rel", false),
                      ("https://", false), ("https://a b.org", false), ("ftp://x.org", false), ("https://x.org/\u{7}", false),
                      ("HTTPS://X.org", true), ("http:/x.org", false), ("httpx://x.org", false), ("http\u{1A}//x.org", false)])
    func webAddresses(_ url: String, _ valid: Bool) {
        #expect(WebAddress.isAbsoluteHTTP(url) == valid)
    }

    @Test(arguments: [("Ann@Example.ORG", "ann@example.org"), ("ann@example.org", "ann@example.org"),
                      (" Ann@Example.org\t", "ann@example.org"), ("Zoë@Exämple.org", "zoë@exämple.org")])
    func emailsNormalizeForComparison(_ email: String, _ normalized: String) {
        #expect(EmailAddress.normalized(email) == normalized)
    }

    /// Each forbidden character at every offset of a string longer than the eight bytes checked at
    /// once, so both the word test and the byte loop see it; allowed look-alikes never trip it.
    @Test func controlCharactersAreFoundAnywhere() {
        let filler = "Zoë écrit 李 "  // multi-byte, so words straddle characters
        for bad: Unicode.Scalar in ["\u{0}", "\u{7}", "\u{1F}", "\u{7F}", "\u{80}", "\u{9F}"] {
            for offset in 0 ... 17 {
                var text = String(filler.prefix(offset % filler.count)) + String(bad) + filler + filler
                #expect(Values.firstControlCharacter(text) == bad.value, "U+\(bad.value) at \(offset)")
                text = String(repeating: "x", count: offset) + String(bad)
                #expect(Values.firstControlCharacter(text) == bad.value, "U+\(bad.value) after \(offset) bytes")
            }
        }
        for good in ["tab\there", "lines\r\nand\nmore", "Zoë écrit 李 🎓 \u{A0}\u{FF}\u{100}", String(repeating: "plain ", count: 9)] {
            #expect(Values.firstControlCharacter(good) == nil, "\(good)")
        }
    }

    @Test(arguments: [("a@b.co", true), ("first.last+tag@sub.example.org", true), ("a@b", false), ("@b.co", false),
                      ("a b@c.org", false), ("a@@b.org", false), ("a@b.", false), ("<a@b.org>", false)])
    func emailAddresses(_ email: String, _ plausible: Bool) {
        #expect(EmailAddress.isPlausible(email) == plausible)
    }

    @Test func daysAreRealCalendarDates() {
        #expect(Day(iso: "2024-02-29") != nil)
        #expect(Day(iso: "2023-02-29") == nil)
        #expect(Day(iso: "2024-13-01") == nil)
        #expect(Day(iso: "2024-5-01") == nil)
        #expect(Day(year: 2024, month: 5, day: 1)?.adding(days: 365).description == "2025-05-01")
        #expect(Day(year: 7, month: 1, day: 9)?.description == "0007-01-09")
        #expect(Day(year: 9999, month: 12, day: 31)?.description == "9999-12-31")
        #expect(Day(daysSinceEpoch: 0).description == "1970-01-01")
        #expect(Day(iso: "2000-03-01")!.daysSinceEpoch == 11_017)
    }

    @Test func suggestionsCatchTyposButNotStrangers() {
        #expect(Suggestion.closest(to: "visibilty", among: ["visibility", "name"]) == "visibility")
        #expect(Suggestion.closest(to: "isued_on", among: ["issued_on", "expires_on"]) == "issued_on")
        #expect(Suggestion.closest(to: "colour", among: ["name", "email"]) == nil)
    }
}
