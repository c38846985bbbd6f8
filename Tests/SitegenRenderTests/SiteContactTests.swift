import Testing
@testable import SitegenRender

/// `site.contact` in every page's footer: linked when it is an email address or an http(s) URL,
/// text otherwise; escaped for the attribute and the text either way.
@Suite struct SiteContactTests {
    @Test func emailAddressesBecomeMailtoLinksWithTheirPartsEncoded() {
        #expect(SiteContact.href(for: "badges@contoso.example") == "mailto:badges@contoso.example")
        #expect(SiteContact.href(for: "help+badges@acme.example") == "mailto:help%2Bbadges@acme.example")
        #expect(SiteContact.href(for: "\"a\"<b>@x.example") == "mailto:%22a%22%3Cb%3E@x.example")
        #expect(SiteContact.href(for: "mailto:Help@X.example") == "mailto:Help@X.example")
    }

    @Test func httpURLsLinkToThemselves() {
        #expect(SiteContact.href(for: "https://contoso.example/contact") == "https://contoso.example/contact")
        #expect(SiteContact.href(for: "HTTP://contoso.example/") == "HTTP://contoso.example/")
    }

    @Test func anythingElseIsTextWithoutALink() {
        for text in ["", "+1 555 0100", "Call us", "javascript:alert(1)", "mailto:", "a@b", "a@b@c.example",
                     "@x.example", "a@.example", "a@example.", "a@x.example\n", "https://x.example/ a"] {
            #expect(SiteContact.href(for: text) == nil, "\(text)")
        }
    }

    @Test func theFooterShowsTheContactEscaped() throws {
        let fixture = PageFixture.shared
        for locale in ["en", "ja"] {
            let html = try fixture.pages.awardPage(fixture.award("a-hostile"), locale: locale).text
            let label = locale == "en" ? "Contact:" : "お問い合わせ:"
            #expect(html.contains("<p>\(label) <a href=\"mailto:%3Cb%3Ehelp%3C%2Fb%3E@acme.example\">&lt;b&gt;help&lt;/b&gt;@acme.example</a></p>"),
                    "\(locale)")
        }
    }
}
