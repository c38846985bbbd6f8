import SitegenModel
import SitegenMustache
import SitegenPlan

/// A badge as the item pages of one locale show it, worked out once per build: its view, its
/// issuer's, and the pieces of award pages that depend on the badge alone. A class, so a page
/// takes it by reference; set up by `badgeParts` and never changed after.
final class BadgeParts: @unchecked Sendable {
    var view: TemplateValue = .null
    var issuerView: TemplateValue = .null
    /// `badge` and `issuer` as the award pages of the badge show them: a context they share.
    var awardLayer: TemplateValue = .null
    var name = ""
    var issuerName = ""
    /// `{label, href}` for breadcrumbs.
    var crumb = PageRenderer.emptyRecord
    /// The `og.image` object, or nil when link previews get no picture.
    var openGraphImage: TemplateValue?
    var twitterCard = "summary"
    /// The baked image's extension and how the download button names it.
    var bakedFormat = ""
    var bakedFormatLabel = ""
    var kindLabel = ""
    var retired = false
}

/// A badge and an issuer as every page shows them, with links relative to `root`.
extension PageRenderer {
    func badgeParts(_ index: Int, _ locale: PageLocale) -> BadgeParts {
        let published = plan.badges[index]
        let badge = published.badge
        let issuer = plan.issuers[published.issuerIndex]
        let root = locale.itemRoot
        let parts = BadgeParts()
        parts.view = badgeView(index, locale, root: root)
        parts.issuerView = issuerView(published.issuerIndex, locale, root: root)
        parts.awardLayer = .record(["badge": parts.view, "issuer": parts.issuerView])
        parts.name = text(badge.name, locale)
        parts.issuerName = text(issuer.name, locale)
        parts.crumb = PageRenderer.crumb(label: parts.name, href: root + routes.badgePage(badge.id, locale.code))
        if let image = previewImage(index, alt: parts.name, locale: locale.code) {
            parts.openGraphImage = Self.openGraphImage(image)
            parts.twitterCard = image.large ? "summary_large_image" : "summary"
        }
        parts.bakedFormat = badge.image.format == .svg ? "svg" : "png"
        parts.bakedFormatLabel = parts.bakedFormat.uppercased()
        parts.kindLabel = locale["kind_" + badge.kind.rawValue]
        parts.retired = badge.status == .retired
        return parts
    }

    func badgeView(_ index: Int, _ locale: PageLocale, root: String) -> TemplateValue {
        let published = plan.badges[index]
        let badge = published.badge
        let name = text(badge.name, locale)
        let size = ImageSize.of(badge.image)

        var criteria: TemplateValue = .null
        if badge.criteria.narrative != nil || badge.criteria.url != nil {
            criteria = .record([
                "narrative": text(badge.criteria.narrative, locale).map { .string($0) } ?? .null,
                "url": badge.criteria.url.map { .string($0) } ?? .null,
            ])
        }
        let alignment: [TemplateValue] = badge.alignment.map { item in
            .record([
                "name": .string(text(item.name, locale)),
                "url": .string(item.url),
                "framework": item.framework.map { .string($0) } ?? .null,
                "code": item.code.map { .string($0) } ?? .null,
                "description": text(item.description, locale).map { .string($0) } ?? .null,
            ])
        }
        // Only parts that are published themselves can be linked; the others are left out.
        let requires: [TemplateValue] = badge.requires.compactMap { reference in
            guard let part = plan.badges.firstIndex(where: { $0.badge.id == reference.id }) else { return nil }
            let partBadge = plan.badges[part].badge
            return .record([
                "name": .string(text(partBadge.name, locale)),
                "href": .string(root + routes.badgePage(partBadge.id, locale.code)),
                "image": .string(root + routes.badgeImage(partBadge.id, partBadge.image.format.rawValue)),
            ])
        }
        let skills: [TemplateValue] = badge.skills.map { .string(text($0, locale)) }
        let earners = published.listedAwards.count
        return .record([
            "id": .string(badge.id),
            "name": .string(name),
            "description": .string(text(badge.description, locale)),
            "href": .string(root + routes.badgePage(badge.id, locale.code)),
            "json": .string(root + routes.badgeClass(badge.id)),
            "jsonURL": .string(routes.url(routes.badgeClass(badge.id))),
            "image": .record([
                "src": .string(root + routes.badgeImage(badge.id, badge.image.format.rawValue)),
                "alt": .string(name),
                "width": size.map { .string(String($0.width)) } ?? .null,
                "height": size.map { .string(String($0.height)) } ?? .null,
            ]),
            "kind": .string(badge.kind.rawValue),
            "kindLabel": .string(locale["kind_" + badge.kind.rawValue]),
            "retired": .bool(badge.status == .retired),
            "skills": .list(skills),
            "hasSkills": .bool(!skills.isEmpty),
            "criteria": criteria,
            "alignment": .list(alignment),
            "hasAlignment": .bool(!alignment.isEmpty),
            "requires": .list(requires),
            "hasRequires": .bool(!requires.isEmpty),
            "earnerCount": .string(String(earners)),
            "hasEarners": .bool(earners > 0),
            "issuer": issuerView(published.issuerIndex, locale, root: root),
        ])
    }

    func issuerView(_ index: Int, _ locale: PageLocale, root: String) -> TemplateValue {
        .record(issuerFields(index, locale, root: root))
    }

    func issuerFields(_ index: Int, _ locale: PageLocale, root: String) -> TemplateRecord {
        let issuer = plan.issuers[index]
        var image: TemplateValue = .null
        if let picture = issuer.image {
            let size = ImageSize.of(picture)
            image = .record([
                "src": .string(root + routes.issuerImage(issuer.id, picture.format.rawValue)),
                "width": size.map { .string(String($0.width)) } ?? .null,
                "height": size.map { .string(String($0.height)) } ?? .null,
            ])
        }
        return [
            "id": .string(issuer.id),
            "name": .string(text(issuer.name, locale)),
            "href": .string(root + routes.issuerPage(issuer.id, locale.code)),
            "url": .string(issuer.url),
            "host": .string(Self.host(of: issuer.url)),
            "description": text(issuer.description, locale).map { .string($0) } ?? .null,
            "image": image,
            "json": .string(root + routes.issuerProfile(issuer.id)),
            "jsonURL": .string(routes.url(routes.issuerProfile(issuer.id))),
        ]
    }

    /// The precomputed view for pages one folder below their locale root, else a fresh one.
    func badgeView(_ index: Int, _ locale: PageLocale, forPage path: String) -> TemplateValue {
        let root = Routes.root(from: path)
        if root == locale.itemRoot, locale.badges.indices.contains(index) { return locale.badges[index].view }
        return badgeView(index, locale, root: root)
    }

    func issuerView(_ index: Int, _ locale: PageLocale, forPage path: String) -> TemplateValue {
        let root = Routes.root(from: path)
        if root == locale.itemRoot, locale.issuers.indices.contains(index) { return locale.issuers[index] }
        return issuerView(index, locale, root: root)
    }
}
