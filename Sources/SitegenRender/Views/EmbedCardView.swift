import SitegenMustache

/// The embed card's own variables (docs/themes.md, "embed"). Its frame and what it shows of the
/// badge and issuer come as contexts beneath it (`PageRenderer.embedContexts`).
struct EmbedCardView: TemplateFields {
    var title: String
    var canonical: String
    var url: String
    var holder: EmbedHolder
    var award: EmbedAward

    func write(to page: TemplateDocument.Writer) {
        page.field("title", title)
        page.field("canonical", canonical)
        page.field("url", url)
        page.field("holder", holder)
        page.field("award", award)
    }
}

struct EmbedHolder: TemplateFields {
    var name: String

    func write(to page: TemplateDocument.Writer) {
        page.field("name", name)
    }
}

/// Cards exist only for listed awards, so an award is valid or expired.
struct EmbedAward: TemplateFields {
    var id: String
    var issued: DateView
    var expires: DateView?
    var expired: Bool
    var status: String
    var statusLabel: String

    func write(to page: TemplateDocument.Writer) {
        page.field("id", id)
        page.field("issued", issued)
        page.field("expires", expires)
        page.field("expired", expired)
        page.field("status", status)
        page.field("statusLabel", statusLabel)
    }
}
