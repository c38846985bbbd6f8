import Foundation
import SitegenMustache
import SitegenSource
import Testing
@testable import SitegenRender

/// Pages rendered from a small in-memory site with the real default theme.
@Suite struct PagesTests {
    let fixture = PageFixture.shared
    var pages: PageRenderer { fixture.pages }

    func award(_ id: String, _ locale: String = "en") throws -> String {
        try pages.awardPage(fixture.award(id), locale: locale).text
    }

    @Test func themeLoadsWithEveryStringInSixLanguages() {
        #expect(fixture.themeDiagnostics.all.isEmpty)
        let english = fixture.theme.strings.byLocale["en"] ?? [:]
        #expect(english.count > 100)
        for locale in ["ja", "zh-Hant", "fr", "ko", "it"] {
            let table = fixture.theme.strings.byLocale[locale] ?? [:]
            #expect(Set(table.keys) == Set(english.keys), "\(locale)")
        }
        for key in ["share_text", "share_email_subject", "share_email_body", "embed_title"] {
            #expect(english[key]?.isEmpty == false)
        }
    }

    /// A page template that is present but broken is reported once, where it breaks, and a
    /// missing one as missing.
    @Test func brokenOrMissingPageTemplatesAreEachReportedOnce() {
        var bytes: [String: [UInt8]] = ["t/default/locales/en.yaml": Array("language_name: English\n".utf8)]
        for page in Theme.pageTemplates where page != "embed" {
            bytes["t/default/templates/\(page).mustache"] = Array("<p>{{x}}</p>\n".utf8)
        }
        bytes["t/default/templates/404.mustache"] = Array("{{#open}}\nnever closed\n".utf8)
        let (theme, diagnostics) = ThemeLoader(fileSystem: InMemoryFileSystem(bytes: bytes), root: "t")
            .load("default", locales: ["en"], defaultLocale: "en")
        #expect(theme == nil)
        let errors = diagnostics.all.filter { $0.severity == .error }.map(\.description)
        #expect(errors == [
            "t/default/templates/404.mustache:3:1: error: unclosed section 'open' (opened at line 1, column 1)",
            "sitegen: error: theme 'default' has no embed.mustache in t/default/templates",
        ])
    }

    @Test func awardPageHead() throws {
        let html = try award("a-hostile")
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">\n"))
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(html.contains("<link rel=\"canonical\" href=\"https://badges.example.org/awards/a-hostile/\">"))
        #expect(html.contains("""
            <link rel="alternate" hreflang="en" href="https://badges.example.org/awards/a-hostile/">
            <link rel="alternate" hreflang="ja" href="https://badges.example.org/ja/awards/a-hostile/">
            <link rel="alternate" hreflang="x-default" href="https://badges.example.org/awards/a-hostile/">
            """))
        #expect(html.contains("<link rel=\"alternate\" type=\"application/ld+json\" href=\"https://badges.example.org/awards/a-hostile.json\">"))
        #expect(html.contains("<link rel=\"alternate\" type=\"application/json+oembed\" href=\"https://badges.example.org/awards/a-hostile/oembed.json\" title=\""))
        #expect(html.contains("<script type=\"application/ld+json\">{\"@context\":\"https://w3id.org/openbadges/v2\",\"type\":\"Assertion\",\"id\":\"https://badges.example.org/awards/a-hostile.json\""))
        #expect(html.contains("""
            <meta property="og:image" content="https://badges.example.org/social/b1.png">
            <meta property="og:image:width" content="1200">
            <meta property="og:image:height" content="630">
            <meta property="og:image:type" content="image/png">
            <meta property="og:image:alt" content="Badge One">
            <meta name="twitter:card" content="summary_large_image">
            """))
        #expect(html.contains("<meta property=\"og:url\" content=\"https://badges.example.org/awards/a-hostile/\">"))
        #expect(html.contains("<link rel=\"stylesheet\" href=\"../../assets/style.css?v=\(fixture.theme.fingerprint.prefix(12))\">"))
        #expect(html.contains("<script src=\"../../assets/badge.js?v=\(fixture.theme.fingerprint.prefix(12))\" defer></script>"))
        // The language switcher links to the same page in each locale and marks this one.
        #expect(html.contains("<li><a href=\"../../awards/a-hostile/\" hreflang=\"en\" lang=\"en\" aria-current=\"page\">English</a></li>"))
        #expect(html.contains("<li><a href=\"../../ja/awards/a-hostile/\" hreflang=\"ja\" lang=\"ja\">日本語</a></li>"))
    }

    @Test func awardPageShareLinksAreExact() throws {
        let html = try award("a-hostile")
        let page = "https%3A%2F%2Fbadges.example.org%2Fawards%2Fa-hostile%2F"
        #expect(html.contains("href=\"https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&amp;name=Badge%20One&amp;organizationName=Acme%20Academy&amp;issueYear=2024&amp;issueMonth=5&amp;certUrl=\(page)&amp;certId=a-hostile\""))
        #expect(html.contains("href=\"https://www.linkedin.com/sharing/share-offsite/?url=\(page)\""))
        #expect(html.contains("href=\"https://twitter.com/intent/tweet?text=I%20earned%20Badge%20One%20from%20Acme%20Academy.&amp;url=\(page)\""))
        #expect(html.contains("href=\"https://www.facebook.com/sharer/sharer.php?u=\(page)\""))
        let name = "%3Cscript%3Ealert%281%29%3C%2Fscript%3E%22%27%26"
        #expect(html.contains("href=\"mailto:?subject=Badge%20One%20%E2%80%93%20\(name)&amp;body=Hello%2C%0A%0AI%20earned%20Badge%20One%20from%20Acme%20Academy.%20You%20can%20view%20and%20verify%20it%20here%3A%0A\(page)%0A%0A\(name)\""))
        #expect(html.contains("<input id=\"share-url\" type=\"url\" value=\"https://badges.example.org/awards/a-hostile/\" readonly data-copy=\"Copy link\">"))
        #expect(html.contains("<a class=\"button\" href=\"../../awards/a-hostile/badge.png\" download=\"b1-a-hostile.png\">"))
    }

    /// Share links written for HTML are the raw links escaped, for every award of the fixture
    /// (a hostile holder name, an expiry, a Japanese holder).
    @Test func shareLinksForHTMLAreTheRawLinksEscaped() throws {
        for id in ["a-hostile", "a-ja", "a-revoked"] {
            let snippets = pages.snippetTexts(pages.plan.awards[fixture.award(id)])
            let links: [(inout TextBuffer, Bool) -> Void] = [
                { snippets.appendLinkedInAdd(to: &$0, forHTML: $1) },
                { snippets.appendX(to: &$0, forHTML: $1) },
                { snippets.appendEmail(to: &$0, forHTML: $1) },
                { out, _ in snippets.appendLinkedInPost(to: &out) },
                { out, _ in snippets.appendFacebook(to: &out) },
            ]
            for link in links {
                var raw = TextBuffer()
                link(&raw, false)
                var forHTML = TextBuffer()
                link(&forHTML, true)
                var escaped = TextBuffer()
                escaped.appendEscapedHTML(raw.string)
                #expect(forHTML.string == escaped.string, "\(id): \(raw.string)")
            }
        }
    }

    @Test func linkedInFieldsAreShownForCopying() throws {
        let html = try award("a-ja")
        func field(_ id: String, _ label: String, _ value: String) -> String {
            "<dt id=\"li-\(id)-label\">\(label)</dt>\n<dd><span id=\"li-\(id)\" class=\"copy-value\" data-copy=\"Copy\">\(value)</span>"
        }
        // The holder's locale (ja) names the badge, as the "Add to profile" link does.
        #expect(html.contains(field("name", "Name", "バッジ ワン")))
        #expect(html.contains(field("organization", "Issuing organization", "Acme Academy")))
        #expect(html.contains(field("issued", "Issue date", "May 2024")))
        #expect(html.contains(field("expires", "Expiration date", "May 2026")))
        #expect(html.contains(field("id", "Credential ID", "a-ja")))
        #expect(html.contains(field("url", "Credential URL", "https://badges.example.org/awards/a-ja/")))
        #expect(html.contains("expirationYear=2026&amp;expirationMonth=5"))
        let open = try award("a-hostile")
        #expect(open.contains(field("expires", "Expiration date", "This credential does not expire")))
        #expect(!open.contains("expirationYear"))
    }

    @Test func embedSnippetsAreShownAsEscapedText() throws {
        let html = try award("a-hostile")
        #expect(html.contains("<textarea id=\"embed-iframe\" class=\"code\" rows=\"4\" readonly spellcheck=\"false\" aria-describedby=\"embed-iframe-hint\" data-copy=\"Copy\">&lt;iframe src=&quot;https://badges.example.org/awards/a-hostile/embed.html&quot; width=&quot;340&quot; height=&quot;360&quot; title=&quot;Badge One – &amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;&amp;quot;&amp;#39;&amp;amp;&quot; loading=&quot;lazy&quot; style=&quot;border:0&quot;&gt;&lt;/iframe&gt;</textarea>"))
        #expect(html.contains(">&lt;a href=&quot;https://badges.example.org/awards/a-hostile/&quot;&gt;&lt;img src=&quot;https://badges.example.org/awards/a-hostile/badge.png&quot; alt=&quot;Badge One – &amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;&amp;quot;&amp;#39;&amp;amp;&quot; width=&quot;120&quot; height=&quot;120&quot;&gt;&lt;/a&gt;</textarea>"))
        #expect(html.contains(">[![Badge One – \\&lt;script\\&gt;alert\\(1\\)\\&lt;/script\\&gt;&quot;&#39;&amp;](https://badges.example.org/awards/a-hostile/badge.png)](https://badges.example.org/awards/a-hostile/)</textarea>"))
        #expect(html.contains("<textarea id=\"embed-url\" class=\"code\" rows=\"1\" readonly spellcheck=\"false\" aria-describedby=\"embed-url-hint\" data-copy=\"Copy\">https://badges.example.org/awards/a-hostile/</textarea>"))
        // Copy buttons are made by the script, which alone makes them work: the page has none.
        #expect(!html.contains("<button type=\"button\" class=\"copy-button"))
        #expect(html.contains("id=\"embed\" aria-labelledby=\"embed-title\" data-copied=\"Copied\">"))
    }

    @Test func hostileTextIsEscapedEverywhere() throws {
        let escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"
        let html = try award("a-hostile")
        // The only scripts are the theme's file and the JSON-LD.
        #expect(html.occurrences(of: "<script") == 2)
        #expect(!html.contains("alert(1)</script>"))
        #expect(html.contains("<title>Badge One – \(escaped) | Acme Badges</title>"))
        #expect(html.contains("<meta property=\"og:title\" content=\"\(escaped) earned Badge One\">"))
        #expect(html.contains("<dd><a href=\"../../holders/hostile/\">\(escaped)</a></dd>"))
        #expect(html.contains("<li><span aria-current=\"page\">\(escaped)</span></li>"))
        // Evidence text can close no script: escaped in the element and in the JSON-LD.
        #expect(html.contains("<p class=\"text\">&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;</p>"))
        let jsonLD = html.between("<script type=\"application/ld+json\">", "</script>")
        #expect(jsonLD.contains("\"narrative\":\"\\u003c/script\\u003e\\u003cscript\\u003ealert(2)\\u003c/script\\u003e\""))
        #expect(!jsonLD.contains("<"))
        #expect(jsonLD.contains("\"issuedOn\":\"2024-05-01T00:00:00Z\""))

        let others = [
            try pages.badgePage(fixture.badge("b1"), locale: "en").text,
            try pages.holderPage(fixture.holder("hostile"), locale: "ja").text,
            try pages.embedCard(fixture.award("a-hostile")).text,
            try award("a-hostile", "ja"),
        ]
        for page in others {
            #expect(page.contains(escaped))
            #expect(!page.contains("<script>alert"))
            #expect(!page.contains("alert(1)</script>"))
        }
        let oEmbed = pages.oEmbed(fixture.award("a-hostile"))
        #expect(!oEmbed.contains(UInt8(ascii: "<")))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(oEmbed)) as? [String: Any])
        #expect(document["author_name"] as? String == PageFixture.hostileName)
    }

    @Test func revokedAwardSaysSoAndOffersNothingToShare() throws {
        let html = try award("a-revoked")
        #expect(html.contains("<h2 id=\"revoked-title\">This credential has been revoked</h2>"))
        #expect(html.contains("<div><dt>Reason</dt><dd class=\"text\">Issued in error &lt;oops&gt;</dd></div>"))
        #expect(html.contains("<div><dt>Revoked on</dt><dd><time datetime=\"2023-03-01\">March 1, 2023</time></dd></div>"))
        #expect(html.contains("<span class=\"status status-revoked\">Revoked</span>"))
        #expect(html.contains("<meta name=\"robots\" content=\"noindex\">"))
        #expect(html.contains("<li class=\"check check-fail\"><span class=\"visually-hidden\">Failed: </span>Revoked: Issued in error &lt;oops&gt;</li>"))
        // The footer's contact link is the site's, not a share: the page's share links are what must go.
        for absent in ["linkedin.com", "twitter.com", "facebook.com", "mailto:?", "embed.html", "badge.png", "badge.svg",
                       "og:", "twitter:card", "oembed", "id=\"share\"", "id=\"embed\""] {
            #expect(!html.contains(absent), "\(absent)")
        }
        #expect(html.contains("<link rel=\"alternate\" type=\"application/ld+json\" href=\"https://badges.example.org/awards/a-revoked.json\">"))
        #expect(throws: Diagnostic.self) { try pages.embedCard(fixture.award("a-revoked")) }
    }

    @Test func expiredAwardIsMarked() throws {
        let html = try award("a-expired")
        #expect(html.contains("<article class=\"credential state-expired\""))
        #expect(html.contains("<span class=\"status status-expired\">Expired</span>"))
        #expect(html.contains("<div><dt>Expired on</dt><dd><time datetime=\"2024-06-01\">June 1, 2024</time></dd></div>"))
        #expect(html.contains("<p class=\"notice notice-expired\">This credential expired on June 1, 2024.</p>"))
        #expect(html.contains("<li class=\"check check-fail\"><span class=\"visually-hidden\">Failed: </span>Expired on June 1, 2024</li>"))
        let valid = try award("a-ja")
        #expect(valid.contains("<span class=\"status status-valid\">Valid</span>"))
        #expect(valid.contains("<div><dt>Expires</dt><dd><time datetime=\"2026-05-01\">May 1, 2026</time></dd></div>"))
        let profile = try pages.holderPage(fixture.holder("yuki"), locale: "en").text
        #expect(profile.contains("<li class=\"credential-card is-expired\">\n<a href=\"../../awards/a-expired/\">"))
        #expect(profile.contains("<li class=\"credential-card\">\n<a href=\"../../awards/a-ja/\">"))
    }

    @Test func retiredBadgeIsMarked() throws {
        let badge = try pages.badgePage(fixture.badge("b2"), locale: "en").text
        #expect(badge.contains("<span class=\"status status-retired\">Retired</span>"))
        #expect(badge.contains("<p class=\"notice notice-retired\">This badge has been retired"))
        #expect(try award("a-expired").contains("<span class=\"status status-retired\">Retired</span>"))
        #expect(!(try award("a-ja")).contains("status-retired"))
    }

    @Test func awardPageInJapanese() throws {
        let html = try award("a-ja", "ja")
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"ja\" dir=\"ltr\">\n"))
        #expect(html.contains("<link rel=\"canonical\" href=\"https://badges.example.org/ja/awards/a-ja/\">"))
        #expect(html.contains("<h1 id=\"credential-title\">バッジ ワン</h1>"))
        #expect(html.contains("<div><dt>発行日</dt><dd><time datetime=\"2024-05-01\">2024年5月1日</time></dd></div>"))
        #expect(html.contains("<li><a href=\"../../../ja/awards/a-ja/\" hreflang=\"ja\" lang=\"ja\" aria-current=\"page\">日本語</a></li>"))
        #expect(html.contains("<li><a href=\"../../../awards/a-ja/\" hreflang=\"en\" lang=\"en\">English</a></li>"))
        #expect(html.contains("<img class=\"badge-image\" src=\"../../../badges/b1/image.png\" alt=\"バッジ ワン\""))
        #expect(html.contains("<li>テスト</li>"))
        // A skill without Japanese text falls back to the default locale.
        #expect(html.contains("<li>Planning</li>"))
        // Share texts follow the holder's locale (ja), whatever the page's.
        let english = try award("a-ja", "en")
        #expect(english.contains("text=Acme%20Academy%20%E3%81%AE%20%E3%83%90%E3%83%83%E3%82%B8%20%E3%83%AF%E3%83%B3%20%E3%82%92%E5%8F%96%E5%BE%97%E3%81%97%E3%81%BE%E3%81%97%E3%81%9F%E3%80%82"))
        // The credential's one URL is the default-locale page.
        #expect(html.contains("certUrl=https%3A%2F%2Fbadges.example.org%2Fawards%2Fa-ja%2F"))
    }

    @Test func badgePageListsPublicEarnersOnly() throws {
        let html = try pages.badgePage(fixture.badge("b1"), locale: "en").text
        #expect(html.contains("<link rel=\"canonical\" href=\"https://badges.example.org/badges/b1/\">"))
        #expect(html.contains("<h1 id=\"badge-title\">Badge One</h1>"))
        #expect(html.contains("<li><a href=\"../../awards/a-hostile/\">&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;</a>"))
        #expect(html.contains("<li><a href=\"../../awards/a-ja/\">田中 由紀</a>"))
        #expect(html.occurrences(of: "<li><a href=\"../../awards/") == 2)
        #expect(!html.contains("a-revoked"))
        #expect(!html.contains("a-secret"))
        #expect(html.contains("<a href=\"https://framework.example/item\">Framework item</a>"))
        #expect(html.contains("<p class=\"more\"><a href=\"https://acme.example/criteria/b1\">Read the full criteria</a></p>"))
        // Line breaks of a narrative stay text, for `white-space: pre-line`.
        #expect(html.contains("<p class=\"text lead\">First line.\nSecond line with &lt;em&gt;markup&lt;/em&gt;.</p>"))
        #expect(!html.contains("<br"))
    }

    @Test func privateHolderAppearsNowhere() throws {
        var all: [String] = []
        for (index, award) in fixture.plan.awards.enumerated() where award.isListed {
            all.append(pages.oEmbed(index).text)
            all.append(try pages.embedCard(index).text)
        }
        for locale in ["en", "ja"] {
            all.append(try pages.indexPage(locale: locale).text)
            all.append(try pages.notFoundPage(locale: locale).text)
            for index in fixture.plan.issuers.indices { all.append(try pages.issuerPage(index, locale: locale).text) }
            for index in fixture.plan.badges.indices { all.append(try pages.badgePage(index, locale: locale).text) }
            for index in fixture.plan.awards.indices { all.append(try pages.awardPage(index, locale: locale).text) }
            for index in fixture.plan.holders.indices { all.append(try pages.holderPage(index, locale: locale).text) }
        }
        #expect(all.count == 28)
        for page in all {
            #expect(!page.contains("Secret Person"))
            #expect(!page.contains("secret@"))
            #expect(!page.contains("@example.com"))
        }
        for page in all where page.hasPrefix("<!DOCTYPE html>") {
            #expect(page.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
            #expect(page.contains("<link rel=\"canonical\" href=\"https://badges.example.org/"))
            // The embed card lives in an iframe: no alternates or switcher there.
            if page.contains("class=\"embed-card") { continue }
            #expect(page.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://badges.example.org/"))
            #expect(page.contains("<details class=\"language-switcher\">"))
        }
    }

    @Test func holderProfileListsListedAwards() throws {
        let html = try pages.holderPage(fixture.holder("yuki"), locale: "en").text
        #expect(html.contains("<h1 id=\"holder-title\">田中 由紀</h1>"))
        #expect(html.contains("<span class=\"stat-value\">2</span>"))
        #expect(html.contains("href=\"../../awards/a-ja/\""))
        #expect(html.contains("href=\"../../awards/a-expired/\""))
        #expect(!html.contains("a-revoked"))
        #expect(html.contains("<link rel=\"canonical\" href=\"https://badges.example.org/holders/yuki/\">"))
    }

    @Test func issuerAndIndexPages() throws {
        let issuer = try pages.issuerPage(0, locale: "en").text
        #expect(issuer.contains("<h1 id=\"issuer-title\">Acme Academy</h1>"))
        #expect(issuer.contains("<p class=\"text lead\">Training for &lt;b&gt;everyone&lt;/b&gt;.</p>"))
        #expect(issuer.contains("<a href=\"https://acme.example/\">Website <span class=\"url\">acme.example</span></a>"))
        #expect(issuer.contains("<a href=\"../../badges/b1/\">"))
        #expect(issuer.contains("<a href=\"../../badges/b2/\">"))
        let index = try pages.indexPage(locale: "en").text
        #expect(index.contains("<title>Acme Badges</title>"))
        #expect(index.contains("<link rel=\"canonical\" href=\"https://badges.example.org/\">"))
        #expect(index.contains("<h2 id=\"issuer-acme\"><a href=\"issuers/acme/\">Acme Academy</a></h2>"))
        #expect(index.contains("<a href=\"badges/b1/\">\n<img src=\"badges/b1/image.png\" alt=\"\" width=\"96\" height=\"96\" loading=\"lazy\">"))
        #expect(index.contains("<li><a href=\"./\" hreflang=\"en\" lang=\"en\" aria-current=\"page\">English</a></li>"))
        let japanese = try pages.indexPage(locale: "ja").text
        #expect(japanese.contains("<a href=\"../ja/badges/b1/\">"))
        #expect(japanese.contains("<link rel=\"stylesheet\" href=\"../assets/style.css?v="))
    }

    @Test func embedCardUsesTheHolderLocaleAndOpensANewTab() throws {
        let html = try pages.embedCard(fixture.award("a-ja")).text
        #expect(html.contains("<html lang=\"ja\" dir=\"ltr\">"))
        #expect(html.contains("<title>バッジ ワン – 田中 由紀</title>"))
        #expect(html.contains("<link rel=\"canonical\" href=\"https://badges.example.org/awards/a-ja/\">"))
        #expect(html.contains("<link rel=\"stylesheet\" href=\"../../assets/embed.css?v="))
        #expect(html.contains("<a class=\"embed-link\" href=\"https://badges.example.org/awards/a-ja/\" target=\"_blank\" rel=\"noopener\">"))
        #expect(html.contains("<a class=\"embed-verify\" href=\"https://badges.example.org/awards/a-ja/\" target=\"_blank\" rel=\"noopener\">"))
        #expect(html.occurrences(of: "<a ") == html.occurrences(of: "target=\"_blank\" rel=\"noopener\""))
        #expect(html.contains("<time datetime=\"2024-05-01\">2024年5月1日</time> – <time datetime=\"2026-05-01\">2026年5月1日</time>"))
        #expect(!html.contains("<script"))
    }

    @Test func oEmbedDocument() throws {
        let bytes = pages.oEmbed(fixture.award("a-ja"))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(document["version"] as? String == "1.0")
        #expect(document["type"] as? String == "rich")
        #expect(document["title"] as? String == "バッジ ワン – 田中 由紀")
        #expect(document["author_name"] as? String == "田中 由紀")
        #expect(document["author_url"] as? String == "https://badges.example.org/holders/yuki/")
        #expect(document["provider_name"] as? String == "Acme Badges")
        #expect(document["provider_url"] as? String == "https://badges.example.org/")
        #expect(document["width"] as? Int == 340)
        #expect(document["height"] as? Int == 360)
        #expect(document["html"] as? String == "<iframe src=\"https://badges.example.org/awards/a-ja/embed.html\" width=\"340\" height=\"360\" title=\"バッジ ワン – 田中 由紀\" loading=\"lazy\" style=\"border:0\"></iframe>")
        // The link-preview card in the holder's language.
        #expect(document["thumbnail_url"] as? String == "https://badges.example.org/social/b1.ja.png")
        #expect(document["thumbnail_width"] as? Int == 1200)
        #expect(document["thumbnail_height"] as? Int == 630)
        // An SVG badge has one too.
        let svg = try #require(try JSONSerialization.jsonObject(with: Data(pages.oEmbed(fixture.award("a-expired")))) as? [String: Any])
        #expect(svg["thumbnail_url"] as? String == "https://badges.example.org/social/b2.png")
        #expect(svg["type"] as? String == "rich")
        #expect(pages.oEmbed(999).isEmpty)
    }

    @Test func svgBadgeHasItsCardAsPreviewImage() throws {
        let html = try award("a-expired")
        #expect(html.contains("<meta property=\"og:title\""))
        #expect(html.contains("<meta property=\"og:image\" content=\"https://badges.example.org/social/b2.png\">"))
    }

    @Test func notFoundPageLinksFromTheSiteRoot() throws {
        let html = try pages.notFoundPage(locale: "ja").text
        #expect(html.contains("<html lang=\"ja\" dir=\"ltr\">"))
        #expect(html.contains("<meta name=\"robots\" content=\"noindex\">"))
        #expect(html.contains("<link rel=\"canonical\" href=\"https://badges.example.org/ja/404.html\">"))
        #expect(html.contains("<link rel=\"stylesheet\" href=\"/assets/style.css?v="))
        #expect(html.contains("<a class=\"button button-primary\" href=\"/ja/\">ホームに戻る</a>"))
        #expect(html.contains("<li><a href=\"/404.html\" hreflang=\"en\" lang=\"en\">English</a></li>"))
    }

    @Test func verificationPanelCarriesWhatTheScriptChecks() throws {
        let html = try award("a-ja")
        let recipient = fixture.plan.awards[fixture.award("a-ja")].recipient
        #expect(html.contains("data-assertion=\"../../awards/a-ja.json\" data-assertion-id=\"https://badges.example.org/awards/a-ja.json\""))
        #expect(html.contains("data-badge=\"../../badges/b1.json\" data-badge-id=\"https://badges.example.org/badges/b1.json\""))
        #expect(html.contains("data-issuer=\"../../issuers/acme.json\" data-issuer-id=\"https://badges.example.org/issuers/acme.json\""))
        #expect(html.contains("data-salt=\"\(recipient.salt)\" data-identity=\"\(recipient.identity)\""))
        #expect(html.contains("<li class=\"check check-ok\"><span class=\"visually-hidden\">Passed: </span>Issued by Acme Academy on May 1, 2024</li>"))
        #expect(html.contains("<li class=\"check check-ok\"><span class=\"visually-hidden\">Passed: </span>Hosted by the issuer at badges.example.org</li>"))
        #expect(html.contains("<li><a href=\"../../awards/a-ja.json\" type=\"application/json\">Assertion (JSON)</a></li>"))
        #expect(html.contains("<div class=\"live-check\" hidden>"))
        #expect(html.contains("<form class=\"email-check\" hidden>"))
    }

    @Test func messagesFillPlaceholdersInOnePass() {
        let locale = PageLocale(code: "en", strings: ["a": "{x} and {y} {unknown} {z {x} {", "b": "plain"])
        // A value holding a placeholder is not expanded again; unknown and unclosed ones stay text.
        #expect(locale.format("a", ["x": "{y}", "y": "2"]) == "{y} and 2 {unknown} {z {y} {")
        #expect(locale.format("a", ["x": "{y}", "y": "2"]) == "{x} and {y} {unknown} {z {x} {".replacingPlaceholders(["x": "{y}", "y": "2"]))
        #expect(locale.format("b", ["x": "1"]) == "plain")
        #expect(locale.format("missing", [:]) == "missing")
    }

    @Test func badIndicesAndLocalesAreErrorsNotCrashes() {
        #expect(throws: Diagnostic.self) { try pages.awardPage(-1, locale: "en") }
        #expect(throws: Diagnostic.self) { try pages.badgePage(99, locale: "en") }
        #expect(throws: Diagnostic.self) { try pages.holderPage(99, locale: "en") }
        #expect(throws: Diagnostic.self) { try pages.issuerPage(99, locale: "en") }
        #expect(throws: Diagnostic.self) { try pages.embedCard(99) }
        #expect(throws: Diagnostic.self) { try pages.indexPage(locale: "de") }
    }
}
