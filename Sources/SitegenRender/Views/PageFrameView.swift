import SitegenMustache

/// The variables every page but the embed card has of its own (docs/themes.md, "Every page but
/// the embed card"). Those that depend only on the kind of page, its depth and its locale are
/// `SharedFrameView`, a context beneath the page's made once.
struct FrameFields: InlineFields {
    var title: String
    var description: String?
    /// `noindex` for pages that search engines should not list (revoked awards, 404).
    var robots: String?
    var canonical: String
    var path: String
    /// Nil for pages that must not be shared.
    var og: OpenGraphView?
    var breadcrumbs: Breadcrumbs?

    func write(to page: TemplateDocument.Writer) {
        page.field("title", title)
        page.field("description", description)
        page.field("robots", robots)
        page.field("canonical", canonical)
        page.field("path", path)
        page.field("og", og)
        page.field("breadcrumbs", breadcrumbs)
    }
}

/// The frame fields shared by every page of a kind, depth and locale.
struct SharedFrameView: TemplateFields {
    var kind: String
    var lang: String
    var dir: String
    var languages: TemplateValue
    var language: String
    var root: String
    var home: String
    var stylesheet: String
    var script: String
    var icon: String
    var site: TemplateValue
    var t: TemplateValue

    func write(to page: TemplateDocument.Writer) {
        page.field("kind", kind)
        page.field("lang", lang)
        page.field("dir", dir)
        page.field("languages", value: languages)
        page.field("language", language)
        page.field("root", root)
        page.field("home", home)
        page.field("stylesheet", stylesheet)
        page.field("script", script)
        page.field("icon", icon)
        page.field("site", value: site)
        page.field("t", value: t)
    }
}

/// Open Graph and Twitter card fields.
struct OpenGraphView: TemplateFields {
    var type: String
    var title: String
    var description: String?
    var url: String
    var siteName: String
    var locale: String?
    /// `summary_large_image` with a large picture, else `summary`.
    var twitterCard: String
    /// An absolute PNG or JPEG: link previews on LinkedIn and Facebook do not show SVG.
    var image: OpenGraphImage?

    func write(to page: TemplateDocument.Writer) {
        page.field("type", type)
        page.field("title", title)
        page.field("description", description)
        page.field("url", url)
        page.field("siteName", siteName)
        page.field("locale", locale)
        page.field("twitterCard", twitterCard)
        page.field("image", image)
    }
}

struct OpenGraphImage: TemplateFields {
    var url: String
    var alt: String
    var width: String?
    var height: String?
    /// `image/png` or `image/jpeg`.
    var type: String

    func write(to page: TemplateDocument.Writer) {
        page.field("url", url)
        page.field("alt", alt)
        page.field("width", width)
        page.field("height", height)
        page.field("type", type)
    }
}

/// Fields written into the record of the view that holds them rather than as a record of their
/// own: the frame's variables sit beside the page's.
protocol InlineFields: TemplateFields {}

extension TemplateDocument.Writer {
    func fields(_ inline: some InlineFields) {
        inline.write(to: self)
    }
}
