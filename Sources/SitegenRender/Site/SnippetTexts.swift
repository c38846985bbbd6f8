import SitegenModel
import SitegenMustache
import SitegenPlan

/// One award's share links and embed codes, written as bytes wherever they go: into a page's
/// document, or into `AwardSnippets`' strings. What is the award's own (id, dates, the holder's
/// name, its URL) is encoded once per place it goes; the rest comes from `SnippetParts`.
struct SnippetTexts {
    let parts: SnippetParts
    let id: String
    let issuedOn: Day
    let expiresOn: Day?
    /// The credential's one URL: the default-locale award page.
    let pageURL: String
    /// The award's own pieces, encoded, one after the other.
    private let pieces: [UInt8]
    private let encodedPageURL: Range<Int>
    private let encodedName: Range<Int>
    private let escapedName: Range<Int>
    private let escapedPageURL: Range<Int>
    /// `<base>awards/<id>/`, escaped for HTML.
    private let escapedAward: Range<Int>
    private let markdownName: Range<Int>
    private let markdownURL: Range<Int>

    /// `pageURL` is the award's one URL (`Routes.awardPage` in the default locale, absolute).
    init(award: PublishedAward, pageURL: String, parts: SnippetParts, holderName: String) {
        self.parts = parts
        id = award.id
        issuedOn = award.issuedOn
        expiresOn = award.expiresOn
        self.pageURL = pageURL
        var out = TextBuffer(capacity: 512)
        func piece(_ write: (inout TextBuffer) -> Void) -> Range<Int> {
            let start = out.count
            write(&out)
            return start..<out.count
        }
        encodedPageURL = piece { out in
            out.append(parts.encodedBaseURL)
            out.append("awards%2F")
            PercentEncoding.append(award.id, to: &out)
            out.append("%2F")
        }
        encodedName = piece { PercentEncoding.append(holderName, to: &$0) }
        escapedName = piece { Markup.appendHTML(holderName, to: &$0) }
        escapedPageURL = piece { Markup.appendHTML(pageURL, to: &$0) }
        escapedAward = piece { out in
            out.append(parts.escapedBaseURL)
            out.append("awards/")
            Markup.appendHTML(award.id, to: &out)
            out.append("/")
        }
        markdownName = piece { Markup.appendMarkdownText(holderName, to: &$0) }
        markdownURL = piece { Markup.appendMarkdownText(pageURL, to: &$0) }
        pieces = Array(out.bytes)
    }

    /// Fills in `text`'s `{name}` and `{url}` with the pieces encoded as its own.
    private func append(_ text: FilledText, name: Range<Int>, url: Range<Int>, to out: inout TextBuffer) {
        pieces.withUnsafeBufferPointer { pieces in
            text.append(name: UnsafeBufferPointer(rebasing: pieces[name]), url: UnsafeBufferPointer(rebasing: pieces[url]), to: &out)
        }
    }

    // The share links below are written raw, or with `forHTML` as `{{ }}` would escape them: a
    // query's values are percent-encoded, so the `&`s between them are all escaping changes,
    // and a page need not scan hundreds of bytes for them. The post and Facebook links have none.

    func appendLinkedInAdd(to out: inout TextBuffer, forHTML: Bool = false) {
        let and = Self.ampersand(forHTML)
        out.append(forHTML ? parts.linkedInAddHTML : parts.linkedInAdd)
        out.append(and)
        out.append("issueYear=")
        Self.appendNumber(issuedOn.year, to: &out)
        out.append(and)
        out.append("issueMonth=")
        Self.appendNumber(issuedOn.month, to: &out)
        if let expiresOn {
            out.append(and)
            out.append("expirationYear=")
            Self.appendNumber(expiresOn.year, to: &out)
            out.append(and)
            out.append("expirationMonth=")
            Self.appendNumber(expiresOn.month, to: &out)
        }
        out.append(and)
        out.append("certUrl=")
        out.append(pieces[encodedPageURL])
        out.append(and)
        out.append("certId=")
        PercentEncoding.append(id, to: &out)
    }

    func appendLinkedInPost(to out: inout TextBuffer) {
        out.append("https://www.linkedin.com/sharing/share-offsite/?url=")
        out.append(pieces[encodedPageURL])
    }

    func appendX(to out: inout TextBuffer, forHTML: Bool = false) {
        out.append("https://twitter.com/intent/tweet?text=")
        append(parts.shareText, name: encodedName, url: encodedPageURL, to: &out)
        out.append(Self.ampersand(forHTML))
        out.append("url=")
        out.append(pieces[encodedPageURL])
    }

    func appendFacebook(to out: inout TextBuffer) {
        out.append("https://www.facebook.com/sharer/sharer.php?u=")
        out.append(pieces[encodedPageURL])
    }

    func appendEmail(to out: inout TextBuffer, forHTML: Bool = false) {
        out.append("mailto:?subject=")
        append(parts.emailSubject, name: encodedName, url: encodedPageURL, to: &out)
        out.append(Self.ampersand(forHTML))
        out.append("body=")
        append(parts.emailBody, name: encodedName, url: encodedPageURL, to: &out)
    }

    private static func ampersand(_ forHTML: Bool) -> StaticString { forHTML ? "&amp;" : "&" }

    func appendIframe(to out: inout TextBuffer) {
        out.append("<iframe src=\"")
        out.append(pieces[escapedAward])
        out.append("embed.html\" width=\"340\" height=\"360\" title=\"")
        append(parts.titleHTML, name: escapedName, url: escapedPageURL, to: &out)
        out.append("\" loading=\"lazy\" style=\"border:0\"></iframe>")
    }

    func appendEmailSignature(to out: inout TextBuffer) {
        out.append("<a href=\"")
        out.append(pieces[escapedAward])
        out.append("\"><img src=\"")
        out.append(pieces[escapedAward])
        out.append("badge.")
        Markup.appendHTML(parts.imageFormat, to: &out)
        out.append("\" alt=\"")
        append(parts.titleHTML, name: escapedName, url: escapedPageURL, to: &out)
        out.append("\" width=\"120\" height=\"120\"></a>")
    }

    /// `bakedImageURL` writes the baked image's URL.
    func appendMarkdown(to out: inout TextBuffer, bakedImageURL: (inout TextBuffer) -> Void) {
        out.append("[![")
        append(parts.titleMarkdown, name: markdownName, url: markdownURL, to: &out)
        out.append("](")
        bakedImageURL(&out)
        out.append(")](")
        out.append(pageURL)
        out.append(")")
    }

    /// A year or month, without making a String.
    private static func appendNumber(_ value: Int, to out: inout TextBuffer) {
        guard (0..<100_000_000).contains(value) else {
            out.append(String(value))
            return
        }
        var digits: UInt64 = 0
        var value = value
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[7 - count] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
                count += 1
            } while value > 0
            out.append(UnsafeBufferPointer(rebasing: buffer.bindMemory(to: UInt8.self)[(8 - count)...]))
        }
    }
}
