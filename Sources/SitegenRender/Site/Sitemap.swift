/// sitemap.xml of the public pages: listed awards, holder profiles, badges, issuers and the
/// catalogue, each locale variant as an entry with its hreflang alternates. Past the protocol's
/// 50,000 URLs per file, `sitemap.xml` becomes an index of `sitemap-N.xml` parts.
public struct Sitemap: Sendable {
    public static let urlsPerFile = 50_000
    /// Page paths (relative to the root), default-locale form; every locale variant is listed.
    public let pages: [String]
    public let routes: Routes
    public let locales: [String]

    public init(pages: [String], routes: Routes, locales: [String]) {
        self.pages = pages
        self.routes = routes
        self.locales = locales
    }

    public var partCount: Int { Self.partCount(pages: pages.count, locales: locales.count) }
    var pagesPerFile: Int { Self.pagesPerFile(locales: locales.count) }

    static func pagesPerFile(locales: Int) -> Int { max(1, urlsPerFile / max(1, locales)) }

    /// The number of `sitemap-N.xml` parts, known before the page list is made.
    public static func partCount(pages: Int, locales: Int) -> Int {
        let perFile = pagesPerFile(locales: locales)
        return pages <= perFile ? 0 : (pages + perFile - 1) / perFile
    }

    /// `part` 0 is `sitemap.xml` (the whole map, or the index when there are parts).
    public static func path(part: Int) -> String { part == 0 ? "sitemap.xml" : "sitemap-\(part).xml" }

    public func render(part: Int) -> [UInt8] {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        if part == 0 && partCount > 0 {
            out += "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
            for index in 1...partCount {
                out += "  <sitemap><loc>\(Markup.html(routes.url(Self.path(part: index))))</loc></sitemap>\n"
            }
            out += "</sitemapindex>\n"
            return Array(out.utf8)
        }
        let slice = part == 0 ? pages[...] : pages[((part - 1) * pagesPerFile)..<min(pages.count, part * pagesPerFile)]
        out += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
        for page in slice {
            for locale in locales {
                out += "  <url><loc>\(Markup.html(routes.url(routes.localePrefix(locale) + page)))</loc>"
                if locales.count > 1 {
                    for alternate in locales {
                        out += "<xhtml:link rel=\"alternate\" hreflang=\"\(alternate)\" href=\"\(Markup.html(routes.url(routes.localePrefix(alternate) + page)))\"/>"
                    }
                }
                out += "</url>\n"
            }
        }
        out += "</urlset>\n"
        return Array(out.utf8)
    }
}
