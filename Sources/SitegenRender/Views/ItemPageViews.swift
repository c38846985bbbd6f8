import SitegenMustache

/// The catalogue's own variables (docs/themes.md, "index").
struct IndexPageView: TemplateFields {
    var frame: FrameFields
    var issuers: [IndexIssuerView]
    var badgeCount: String
    var earnerCount: String
    var credentialCount: String

    func write(to page: TemplateDocument.Writer) {
        page.fields(frame)
        page.field("issuers", issuers)
        page.field("badgeCount", badgeCount)
        page.field("earnerCount", earnerCount)
        page.field("credentialCount", credentialCount)
    }
}

/// An issuer of the catalogue: its view's fields and its badges.
struct IndexIssuerView: TemplateFields {
    var issuer: Inline<IssuerView>
    var badges: [TemplateValue]
    var badgeCount: String
    var hasBadges: Bool

    func write(to page: TemplateDocument.Writer) {
        page.fields(issuer)
        page.key("badges")
        page.value(.list(badges))
        page.field("badgeCount", badgeCount)
        page.field("hasBadges", hasBadges)
    }
}

/// An issuer page's own variables (docs/themes.md, "issuer").
struct IssuerPageView: TemplateFields {
    var frame: FrameFields
    var issuer: TemplateValue
    var badges: [TemplateValue]
    var badgeCount: String

    func write(to page: TemplateDocument.Writer) {
        page.fields(frame)
        page.field("issuer", value: issuer)
        page.field("badges", value: .list(badges))
        page.field("badgeCount", badgeCount)
    }
}

/// A badge page's own variables (docs/themes.md, "badge").
struct BadgePageView: TemplateFields {
    var frame: FrameFields
    var badge: TemplateValue
    var issuer: TemplateValue
    var earners: [EarnerView]
    var earnerCount: String
    var partOf: [LinkToBadge]
    var hasPartOf: Bool
    var isBadgePage: Bool

    func write(to page: TemplateDocument.Writer) {
        page.fields(frame)
        page.field("badge", value: badge)
        page.field("issuer", value: issuer)
        page.field("earners", earners)
        page.field("earnerCount", earnerCount)
        page.field("partOf", partOf)
        page.field("hasPartOf", hasPartOf)
        page.field("isBadgePage", isBadgePage)
    }
}

/// A public, listed award on its badge's page.
struct EarnerView: TemplateFields {
    var name: String
    var href: String
    var issued: DateView
    var expired: Bool

    func write(to page: TemplateDocument.Writer) {
        page.field("name", name)
        page.field("href", href)
        page.field("issued", issued)
        page.field("expired", expired)
    }
}

struct LinkToBadge: TemplateFields {
    var name: String
    var href: String

    func write(to page: TemplateDocument.Writer) {
        page.field("name", name)
        page.field("href", href)
    }
}

/// A holder's profile's own variables (docs/themes.md, "holder").
struct HolderPageView: TemplateFields {
    var frame: FrameFields
    var holder: HolderSummary
    var awards: [HolderAwardView]

    func write(to page: TemplateDocument.Writer) {
        page.fields(frame)
        page.field("holder", holder)
        page.field("awards", awards)
    }
}

struct HolderSummary: TemplateFields {
    var name: String
    var count: String
    var summary: String

    func write(to page: TemplateDocument.Writer) {
        page.field("name", name)
        page.field("count", count)
        page.field("summary", summary)
    }
}

struct HolderAwardView: TemplateFields {
    var id: String
    var href: String
    var badge: TemplateValue
    var issued: DateView
    var expires: DateView?
    var expired: Bool

    func write(to page: TemplateDocument.Writer) {
        page.field("id", id)
        page.field("href", href)
        page.field("badge", value: badge)
        page.field("issued", issued)
        page.field("expires", expires)
        page.field("expired", expired)
    }
}

/// The 404 page: the frame alone.
struct NotFoundPageView: TemplateFields {
    var frame: FrameFields

    func write(to page: TemplateDocument.Writer) {
        page.fields(frame)
    }
}
