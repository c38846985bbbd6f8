import SitegenModel
import SitegenMustache
import SitegenPlan
import SitegenSource

/// Render stage: names every file of the web root (`jobs`, `path(of:)`) and turns each into
/// bytes (`render`) as a pure function of the plan and the theme, so jobs can run in any order,
/// on any thread, and give the same bytes.
public struct SiteRenderer: Sendable {
    public let plan: SitePlan
    public let theme: Theme
    public let routes: Routes
    public let documents: OpenBadgesDocuments
    public let pages: PageRenderer
    let sitemap: Sitemap
    let keys: OutputKeys
    /// Per published badge, its image checked once for baking.
    let bakers: [Result<BadgeImageBaker, BakingError>]

    public init(plan: SitePlan, theme: Theme, baseURL: String? = nil) {
        self.plan = plan
        self.theme = theme
        let routes = Routes(baseURL: baseURL ?? plan.site.baseURL, defaultLocale: plan.site.defaultLocale)
        self.routes = routes
        documents = OpenBadgesDocuments(plan: plan, routes: routes)
        var days = Set<Day>()
        for award in plan.awards {
            days.insert(award.issuedOn)
            if let expires = award.expiresOn { days.insert(expires) }
            if let revoked = award.revocation?.date { days.insert(revoked) }
        }
        pages = PageRenderer(plan: plan, theme: theme, routes: routes,
                             dates: DateTexts(days: days, locales: plan.site.locales), documents: documents)
        var listed: [String] = [routes.index(routes.defaultLocale)]
        listed += plan.issuers.map { routes.issuerPage($0.id, routes.defaultLocale) }
        listed += plan.badges.map { routes.badgePage($0.badge.id, routes.defaultLocale) }
        listed += plan.awards.filter(\.isListed).map { routes.awardPage($0.id, routes.defaultLocale) }
        listed += plan.holders.map { routes.holderPage($0.id, routes.defaultLocale) }
        sitemap = Sitemap(pages: listed, routes: routes, locales: plan.site.locales)
        keys = OutputKeys(plan: plan, theme: theme, routes: routes)
        bakers = plan.badges.map { badge in Result { () throws(BakingError) in try BadgeImageBaker(badge.badge.image) } }
    }

    /// Every file of the site, shared pages first, in a fixed order.
    public func jobs() -> [OutputJob] {
        var jobs: [OutputJob] = theme.assets.indices.map { .asset($0) }
        jobs += [.robots]
        jobs += (0...sitemap.partCount).map { .sitemap(part: $0) }
        for (index, issuer) in plan.issuers.enumerated() {
            jobs.append(.issuerProfile(index))
            if issuer.image != nil { jobs.append(.issuerImage(index)) }
        }
        for (index, badge) in plan.badges.enumerated() {
            jobs += [.badgeClass(index), .badgeImage(index)]
            if badge.badge.socialImage != nil { jobs.append(.socialImage(index)) }
        }
        for locale in plan.site.locales {
            jobs += [.indexPage(locale: locale), .notFoundPage(locale: locale)]
            jobs += plan.issuers.indices.map { .issuerPage($0, locale: locale) }
            jobs += plan.badges.indices.map { .badgePage($0, locale: locale) }
        }
        jobs += awardJobs(plan.awards.indices)
        jobs += holderJobs(plan.holders.indices)
        return jobs
    }

    private func awardJobs(_ indices: Range<Int>) -> [OutputJob] {
        var jobs: [OutputJob] = []
        jobs.reserveCapacity(indices.count * (3 + plan.site.locales.count))
        for index in indices {
            jobs.append(.assertion(index))
            jobs += plan.site.locales.map { .awardPage(index, locale: $0) }
            if plan.awards[index].isListed { jobs += [.bakedImage(index), .embedCard(index), .oEmbed(index)] }
        }
        return jobs
    }

    private func holderJobs(_ indices: Range<Int>) -> [OutputJob] {
        indices.flatMap { index in plan.site.locales.map { OutputJob.holderPage(index, locale: $0) } }
    }

    public func path(of job: OutputJob) -> String {
        switch job {
        case .asset(let index): return routes.asset(theme.assets[index].path)
        case .robots: return "robots.txt"
        case .sitemap(let part): return Sitemap.path(part: part)
        case .indexPage(let locale): return Routes.file(for: routes.index(locale))
        case .notFoundPage(let locale): return routes.notFound(locale)
        case .issuerPage(let index, let locale): return Routes.file(for: routes.issuerPage(plan.issuers[index].id, locale))
        case .issuerProfile(let index): return routes.issuerProfile(plan.issuers[index].id)
        case .issuerImage(let index):
            let issuer = plan.issuers[index]
            return routes.issuerImage(issuer.id, issuer.image?.format.rawValue ?? "png")
        case .badgePage(let index, let locale): return Routes.file(for: routes.badgePage(plan.badges[index].badge.id, locale))
        case .badgeClass(let index): return routes.badgeClass(plan.badges[index].badge.id)
        case .badgeImage(let index):
            let badge = plan.badges[index].badge
            return routes.badgeImage(badge.id, badge.image.format.rawValue)
        case .socialImage(let index):
            let badge = plan.badges[index].badge
            return routes.socialImage(badge.id, badge.socialImage?.format == .jpeg ? "jpg" : "png")
        case .awardPage(let index, let locale): return Routes.file(for: routes.awardPage(plan.awards[index].id, locale))
        case .assertion(let index): return routes.assertion(plan.awards[index].id)
        case .bakedImage(let index):
            let award = plan.awards[index]
            return routes.bakedImage(award.id, documents.bakedImageFormat(award))
        case .embedCard(let index): return routes.embed(plan.awards[index].id)
        case .oEmbed(let index): return routes.oEmbed(plan.awards[index].id)
        case .holderPage(let index, let locale): return Routes.file(for: routes.holderPage(plan.holders[index].id, locale))
        }
    }

    /// A digest of everything `job`'s bytes are made from (see `OutputKeys`).
    public func key(of job: OutputJob) -> String { keys.key(job, path: path(of: job), plan: plan) }

    public func render(_ job: OutputJob) throws(Diagnostic) -> [UInt8] {
        switch job {
        case .asset(let index): return theme.assets[index].bytes
        case .robots: return Array("User-agent: *\nAllow: /\nSitemap: \(routes.url(Sitemap.path(part: 0)))\n".utf8)
        case .sitemap(let part): return sitemap.render(part: part)
        case .indexPage(let locale): return try pages.indexPage(locale: locale)
        case .notFoundPage(let locale): return try pages.notFoundPage(locale: locale)
        case .issuerPage(let index, let locale): return try pages.issuerPage(index, locale: locale)
        case .issuerProfile(let index): return documents.issuerProfile(plan.issuers[index])
        case .issuerImage(let index): return plan.issuers[index].image?.bytes ?? []
        case .badgePage(let index, let locale): return try pages.badgePage(index, locale: locale)
        case .badgeClass(let index): return documents.badgeClass(plan.badges[index])
        case .badgeImage(let index): return plan.badges[index].badge.image.bytes
        case .socialImage(let index): return plan.badges[index].badge.socialImage?.bytes ?? []
        case .awardPage(let index, let locale): return try pages.awardPage(index, locale: locale)
        case .assertion(let index): return documents.assertion(plan.awards[index])
        case .bakedImage(let index): return try bake(plan.awards[index])
        case .embedCard(let index): return try pages.embedCard(index)
        case .oEmbed(let index): return pages.oEmbed(index)
        case .holderPage(let index, let locale): return try pages.holderPage(index, locale: locale)
        }
    }

    func bake(_ award: PublishedAward) throws(Diagnostic) -> [UInt8] {
        let image = plan.badge(of: award).badge.image
        do {
            return try bakers[award.badgeIndex].get().bake(documents.assertion(award, pretty: false),
                                                            verify: routes.url(routes.assertion(award.id)))
        } catch {
            throw Diagnostic.error("cannot bake the badge image for award '\(award.id)': \(error)", at: image.location)
        }
    }
}

extension SiteRenderer {
    /// Problems found before anything is written: a badge image that cannot be baked is a
    /// located error now rather than a failure half-way through the writing; a badge whose pages
    /// can have no link-preview image is a warning.
    public func preflight() -> Diagnostics {
        var diagnostics = Diagnostics()
        for (published, baker) in zip(plan.badges, bakers) {
            let badge = published.badge
            if case .failure(let error) = baker {
                diagnostics.error("'image' \(badge.image.path) cannot be baked: \(error)", at: badge.image.location)
            }
            if badge.socialImage == nil && badge.image.format == .svg && !published.listedAwards.isEmpty {
                diagnostics.warning("badge '\(badge.id)' has an SVG image and no 'social_image': its pages get no og:image, since LinkedIn and Facebook do not show SVG",
                                    at: badge.location)
            }
        }
        return diagnostics
    }
}
