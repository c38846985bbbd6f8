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
    var crumb = Prototype.empty
    /// The `og.image` object, or nil when link previews get no picture.
    var openGraphImage: OpenGraphImage?
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
        parts.crumb = Prototype(LinkView(label: parts.name, href: root + routes.badgePage(badge.id, locale.code)))
        if let preview = previewImage(index, alt: parts.name, locale: locale.code) {
            parts.openGraphImage = preview.openGraph
            parts.twitterCard = preview.large ? "summary_large_image" : "summary"
        }
        parts.bakedFormat = badge.image.format == .svg ? "svg" : "png"
        parts.bakedFormatLabel = parts.bakedFormat.uppercased()
        parts.kindLabel = locale["kind_" + badge.kind.rawValue]
        parts.retired = badge.status == .retired
        return parts
    }

    func badgeView(_ index: Int, _ locale: PageLocale, root: String) -> TemplateValue {
        badgeView(index: index, locale, root: root).templateValue
    }

    func badgeView(index: Int, _ locale: PageLocale, root: String) -> BadgeView {
        let published = plan.badges[index]
        let badge = published.badge
        let name = text(badge.name, locale)
        let size = ImageSize.of(badge.image)
        var criteria: CriteriaView?
        if badge.criteria.narrative != nil || badge.criteria.url != nil {
            criteria = CriteriaView(narrative: text(badge.criteria.narrative, locale), url: badge.criteria.url)
        }
        let alignment = badge.alignment.map { item in
            AlignmentView(name: text(item.name, locale), url: item.url, framework: item.framework, code: item.code,
                          description: text(item.description, locale))
        }
        // Only parts that are published themselves can be linked; the others are left out.
        let requires: [RequiredBadgeView] = badge.requires.compactMap { reference in
            guard let part = plan.badges.firstIndex(where: { $0.badge.id == reference.id }) else { return nil }
            let partBadge = plan.badges[part].badge
            return RequiredBadgeView(name: text(partBadge.name, locale), href: root + routes.badgePage(partBadge.id, locale.code),
                                     image: root + routes.badgeImage(partBadge.id, partBadge.image.format.rawValue))
        }
        let skills = badge.skills.map { text($0, locale) }
        let earners = published.listedAwards.count
        return BadgeView(
            id: badge.id,
            name: name,
            description: text(badge.description, locale),
            href: root + routes.badgePage(badge.id, locale.code),
            json: root + routes.badgeClass(badge.id),
            jsonURL: routes.url(routes.badgeClass(badge.id)),
            image: BadgeImageView(src: root + routes.badgeImage(badge.id, badge.image.format.rawValue), alt: name,
                                  width: size.map { String($0.width) }, height: size.map { String($0.height) }),
            kind: badge.kind.rawValue,
            kindLabel: locale["kind_" + badge.kind.rawValue],
            retired: badge.status == .retired,
            skills: skills,
            hasSkills: !skills.isEmpty,
            criteria: criteria,
            alignment: alignment,
            hasAlignment: !alignment.isEmpty,
            requires: requires,
            hasRequires: !requires.isEmpty,
            earnerCount: String(earners),
            hasEarners: earners > 0,
            issuer: issuerView(index: published.issuerIndex, locale, root: root))
    }

    func issuerView(_ index: Int, _ locale: PageLocale, root: String) -> TemplateValue {
        issuerView(index: index, locale, root: root).templateValue
    }

    func issuerView(index: Int, _ locale: PageLocale, root: String) -> IssuerView {
        let issuer = plan.issuers[index]
        let image = issuer.image.map { picture in
            let size = ImageSize.of(picture)
            return IssuerImageView(src: root + routes.issuerImage(issuer.id, picture.format.rawValue),
                                   width: size.map { String($0.width) }, height: size.map { String($0.height) })
        }
        return IssuerView(
            id: issuer.id,
            name: text(issuer.name, locale),
            href: root + routes.issuerPage(issuer.id, locale.code),
            url: issuer.url,
            host: Self.host(of: issuer.url),
            description: text(issuer.description, locale),
            image: image,
            json: root + routes.issuerProfile(issuer.id),
            jsonURL: routes.url(routes.issuerProfile(issuer.id)))
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
