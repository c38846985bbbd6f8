import SitegenMustache

/// A badge as every page shows it (docs/themes.md, "Badge view"), with links relative to the
/// page it is on.
struct BadgeView: TemplateFields {
    var id: String
    var name: String
    var description: String
    var href: String
    var json: String
    var jsonURL: String
    var image: BadgeImageView
    var kind: String
    var kindLabel: String
    var retired: Bool
    var skills: [String]
    var hasSkills: Bool
    var criteria: CriteriaView?
    var alignment: [AlignmentView]
    var hasAlignment: Bool
    var requires: [RequiredBadgeView]
    var hasRequires: Bool
    var earnerCount: String
    var hasEarners: Bool
    var issuer: IssuerView

    func write(to page: TemplateDocument.Writer) {
        page.field("id", id)
        page.field("name", name)
        page.field("description", description)
        page.field("href", href)
        page.field("json", json)
        page.field("jsonURL", jsonURL)
        page.field("image", image)
        page.field("kind", kind)
        page.field("kindLabel", kindLabel)
        page.field("retired", retired)
        page.key("skills")
        page.beginList()
        for skill in skills { page.string(skill) }
        page.endList()
        page.field("hasSkills", hasSkills)
        page.field("criteria", criteria)
        page.field("alignment", alignment)
        page.field("hasAlignment", hasAlignment)
        page.field("requires", requires)
        page.field("hasRequires", hasRequires)
        page.field("earnerCount", earnerCount)
        page.field("hasEarners", hasEarners)
        page.field("issuer", issuer)
    }
}

struct BadgeImageView: TemplateFields {
    var src: String
    var alt: String
    /// PNG only, else nil.
    var width: String?
    var height: String?

    func write(to page: TemplateDocument.Writer) {
        page.field("src", src)
        page.field("alt", alt)
        page.field("width", width)
        page.field("height", height)
    }
}

struct CriteriaView: TemplateFields {
    var narrative: String?
    var url: String?

    func write(to page: TemplateDocument.Writer) {
        page.field("narrative", narrative)
        page.field("url", url)
    }
}

struct AlignmentView: TemplateFields {
    var name: String
    var url: String
    var framework: String?
    var code: String?
    var description: String?

    func write(to page: TemplateDocument.Writer) {
        page.field("name", name)
        page.field("url", url)
        page.field("framework", framework)
        page.field("code", code)
        page.field("description", description)
    }
}

/// An exam a certification is made of.
struct RequiredBadgeView: TemplateFields {
    var name: String
    var href: String
    /// The exam's image URL.
    var image: String

    func write(to page: TemplateDocument.Writer) {
        page.field("name", name)
        page.field("href", href)
        page.field("image", image)
    }
}

/// An issuer as every page shows it (docs/themes.md, "Issuer view").
struct IssuerView: TemplateFields {
    var id: String
    var name: String
    var href: String
    var url: String
    var host: String
    var description: String?
    var image: IssuerImageView?
    var json: String
    var jsonURL: String

    func write(to page: TemplateDocument.Writer) {
        page.field("id", id)
        page.field("name", name)
        page.field("href", href)
        page.field("url", url)
        page.field("host", host)
        page.field("description", description)
        page.field("image", image)
        page.field("json", json)
        page.field("jsonURL", jsonURL)
    }
}

struct IssuerImageView: TemplateFields {
    var src: String
    var width: String?
    var height: String?

    func write(to page: TemplateDocument.Writer) {
        page.field("src", src)
        page.field("width", width)
        page.field("height", height)
    }
}

/// A view whose fields sit in the record of the view that holds it.
struct Inline<Fields: TemplateFields>: InlineFields {
    var fields: Fields

    func write(to page: TemplateDocument.Writer) {
        fields.write(to: page)
    }
}

extension TemplateFields {
    /// The view as a template value of its own, for contexts and lists made once and shared.
    var templateValue: TemplateValue {
        let writer = TemplateDocument.Writer()
        write(to: writer)
        return .document(writer.finish())
    }
}
