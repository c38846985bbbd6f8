import SitegenModel
import SitegenMustache
import SitegenPlan

/// A badge and an issuer as every page shows them, with links relative to `root`.
extension PageRenderer {
    func badgeView(_ index: Int, _ locale: PageLocale, root: String) -> TemplateValue {
        let published = plan.badges[index]
        let badge = published.badge
        let name = text(badge.name, locale)
        let size = ImageSize.of(badge.image)

        var criteria: TemplateValue = .null
        if badge.criteria.narrative != nil || badge.criteria.url != nil {
            criteria = .object([
                "narrative": text(badge.criteria.narrative, locale).map { .string($0) } ?? .null,
                "url": badge.criteria.url.map { .string($0) } ?? .null,
            ])
        }
        let alignment: [TemplateValue] = badge.alignment.map { item in
            .object([
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
            return .object([
                "name": .string(text(partBadge.name, locale)),
                "href": .string(root + routes.badgePage(partBadge.id, locale.code)),
                "image": .string(root + routes.badgeImage(partBadge.id, partBadge.image.format.rawValue)),
            ])
        }
        let skills: [TemplateValue] = badge.skills.map { .string(text($0, locale)) }
        let earners = published.listedAwards.count
        return .object([
            "id": .string(badge.id),
            "name": .string(name),
            "description": .string(text(badge.description, locale)),
            "href": .string(root + routes.badgePage(badge.id, locale.code)),
            "json": .string(root + routes.badgeClass(badge.id)),
            "jsonURL": .string(routes.url(routes.badgeClass(badge.id))),
            "image": .object([
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
        let issuer = plan.issuers[index]
        var image: TemplateValue = .null
        if let picture = issuer.image {
            let size = ImageSize.of(picture)
            image = .object([
                "src": .string(root + routes.issuerImage(issuer.id, picture.format.rawValue)),
                "width": size.map { .string(String($0.width)) } ?? .null,
                "height": size.map { .string(String($0.height)) } ?? .null,
            ])
        }
        return .object([
            "id": .string(issuer.id),
            "name": .string(text(issuer.name, locale)),
            "href": .string(root + routes.issuerPage(issuer.id, locale.code)),
            "url": .string(issuer.url),
            "host": .string(Self.host(of: issuer.url)),
            "description": text(issuer.description, locale).map { .string($0) } ?? .null,
            "image": image,
            "json": .string(root + routes.issuerProfile(issuer.id)),
            "jsonURL": .string(routes.url(routes.issuerProfile(issuer.id))),
        ])
    }

    /// The precomputed view for pages one folder below their locale root, else a fresh one.
    func badgeView(_ index: Int, _ locale: PageLocale, forPage path: String) -> TemplateValue {
        let root = Routes.root(from: path)
        if root == Routes.root(from: routes.badgePage("x", locale.code)), let cached = itemBadges[locale.code]?[index] {
            return cached
        }
        return badgeView(index, locale, root: root)
    }

    func issuerView(_ index: Int, _ locale: PageLocale, forPage path: String) -> TemplateValue {
        let root = Routes.root(from: path)
        if root == Routes.root(from: routes.badgePage("x", locale.code)), let cached = itemIssuers[locale.code]?[index] {
            return cached
        }
        return issuerView(index, locale, root: root)
    }
}
