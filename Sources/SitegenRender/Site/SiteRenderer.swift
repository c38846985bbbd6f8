import Dispatch
import SitegenCard
import SitegenDigest
import SitegenLinkedData
import SitegenModel
import SitegenMustache
import SitegenPlan
import SitegenSource

/// Render stage: names every file of the web root (`units`, `jobs(of:)`, `path(of:)`) and turns
/// each into bytes (`render`) as a pure function of the plan and the theme, so jobs can run in
/// any order, on any thread, and give the same bytes.
public struct SiteRenderer: Sendable {
    public let plan: SitePlan
    public let theme: Theme
    public let routes: Routes
    public let documents: OpenBadgesDocuments
    /// The DID and public keys; nil for renderers that write no DID document (snippets, tools).
    public let identity: IssuerIdentity?
    /// The awards' Open Badges 3.0 credentials and what signs them; nil: none are written
    /// (no issuer key, or left out on purpose, as benchmarks do).
    public let credentials: CredentialOutput?

    /// What the Open Badges 3.0 outputs are written and signed with.
    public struct CredentialOutput: Sendable {
        public let documents: OpenBadgeCredentials
        public let statusLists: StatusListCredentials
        let signer: CredentialSigner
        let proofConfigurations = ProofConfigurationHashes()
        let handOff = SignedCredentialHandOff()
        let batches: CredentialBatches
    }
    /// The page renderer works out every view the pages share up front (a good tenth of a
    /// second for 100,000 awards): made on first use, or ahead of it by `preparePages`.
    public var pages: PageRenderer { readyPages ?? lazyPages.value }
    let lazyPages: LazyPageRenderer
    /// Set by `withPages`, so that rendering takes no lock.
    private var readyPages: PageRenderer?
    /// Made on first use: its page list names every award and holder, and a rebuild that
    /// renders no sitemap part should not pay for it.
    let sitemap: LazySitemap
    /// Per published badge, its image checked once for baking.
    let bakers: [Result<BadgeImageBaker, BakingError>]
    /// Which link-preview cards exist, and their artwork while a badge's cards are rendered.
    let socialCards: SocialCards
    let cardBackdrops = CardBackdropCache()

    public init(plan: SitePlan, theme: Theme, baseURL: String? = nil, identity: IssuerIdentity? = nil,
                signer: CredentialSigner? = nil) {
        self.plan = plan
        self.theme = theme
        self.identity = identity
        let routes = Routes(baseURL: baseURL ?? plan.site.baseURL, defaultLocale: plan.site.defaultLocale)
        self.routes = routes
        credentials = identity.flatMap { identity in
            signer.map { signer in
                let issuer = OpenBadgeCredentials.Signer(did: identity.did, verificationMethod: identity.currentVerificationMethod)
                return CredentialOutput(documents: OpenBadgeCredentials(plan: plan, routes: routes, signer: issuer),
                                        statusLists: StatusListCredentials(plan: plan, routes: routes, signer: issuer), signer: signer,
                                        batches: CredentialBatches(awardCount: plan.awards.count))
            }
        }
        documents = OpenBadgesDocuments(plan: plan, routes: routes)
        let credentialIssuer = credentials?.documents.signer
        lazyPages = LazyPageRenderer { [documents] in
            PageRenderer(plan: plan, theme: theme, routes: routes,
                         dates: DateTexts(days: Self.days(plan), locales: plan.site.locales), documents: documents,
                         credentialIssuer: credentialIssuer)
        }
        sitemap = LazySitemap(plan: plan, routes: routes)
        bakers = plan.badges.map { badge in Result { () throws(BakingError) in try BadgeImageBaker(badge.badge.image) } }
        socialCards = SocialCards(plan: plan)
    }

    /// Starts making the page renderer on another thread, so that it is ready by the time the
    /// first page is rendered while this thread goes on with other work.
    public func preparePages() {
        let pages = lazyPages
        DispatchQueue.global(qos: .userInitiated).async { _ = pages.value }
    }

    /// This renderer with its page renderer made (waited for, if another thread is making it):
    /// hundreds of thousands of pages then render without taking a lock each.
    public func withPages() -> SiteRenderer {
        var ready = self
        ready.readyPages = lazyPages.value
        return ready
    }

    /// Every day an award shows (issued, expires, revoked). Awards share few days: a bit per
    /// possible day finds them without hashing 100,000 awards' dates, and the awards are read
    /// in place rather than copied.
    static func days(_ plan: SitePlan) -> Set<Day> {
        var seen = [UInt64](repeating: 0, count: 10_000 * 16 * 32 / 64)
        var days = Set<Day>()
        func insert(_ day: Day) {
            let bit = (day.year * 16 + day.month) * 32 + day.day
            guard seen[bit >> 6] & (1 << UInt64(bit & 63)) == 0 else { return }
            seen[bit >> 6] |= 1 << UInt64(bit & 63)
            days.insert(day)
        }
        plan.awards.withUnsafeBufferPointer { awards in
            for index in awards.indices {
                insert(awards[index].issuedOn)
                if let expires = awards[index].expiresOn { insert(expires) }
                if let revoked = awards[index].revocation?.date { insert(revoked) }
            }
        }
        return days
    }

    /// Every unit of the site, site-wide ones first, in a fixed order.
    public func units() -> [OutputUnit] {
        var units: [OutputUnit] = [.shared, .sitemap, .sitePages]
        units.reserveCapacity(4 + plan.badges.count + plan.awards.count + plan.holders.count)
        if identity != nil { units.append(.identity) }
        if credentials != nil { units.append(.statusLists) }
        units += plan.badges.indices.map { .badge($0) }
        units += plan.badges.indices.filter { !socialCards.cardLocales($0).isEmpty }.map { .socialCards($0) }
        units += plan.awards.indices.map { .award($0) }
        units += plan.holders.indices.map { .holder($0) }
        return units
    }

    /// The unit's name in the manifest.
    public func name(of unit: OutputUnit) -> OutputUnitName {
        switch unit {
        case .shared: return OutputUnitName(kind: "shared", id: "")
        case .sitePages: return OutputUnitName(kind: "pages", id: "")
        case .sitemap: return OutputUnitName(kind: "sitemap", id: "")
        case .identity: return OutputUnitName(kind: "did", id: "")
        case .statusLists: return OutputUnitName(kind: "status", id: "")
        case .badge(let index): return OutputUnitName(kind: "badge", id: plan.badges[index].badge.id)
        case .socialCards(let index): return OutputUnitName(kind: "card", id: plan.badges[index].badge.id)
        case .award(let index): return OutputUnitName(kind: "award", id: plan.awards[index].id)
        case .holder(let index): return OutputUnitName(kind: "holder", id: plan.holders[index].id)
        }
    }

    /// The unit's files, in a fixed order.
    public func jobs(of unit: OutputUnit) -> [OutputJob] {
        var jobs: [OutputJob] = []
        forEachJob(of: unit) { jobs.append($0) }
        return jobs
    }

    /// How many of the unit's files are HTML pages, without naming them.
    public func pageCount(of unit: OutputUnit) -> Int {
        // The closure reads the assets alone: reading `theme` off `self` in it copied the whole
        // renderer for every unit, retaining and releasing each of its fields on every thread at
        // once: two thirds of a one-name rebuild's `keys` step (perf, 50,000 holders).
        let assets = theme.assets
        var count = 0
        forEachJob(of: unit) { job in
            switch job {
            case .asset(let index): if assets[index].path.hasSuffix(".html") { count += 1 }
            case .indexPage, .notFoundPage, .issuerPage, .badgePage, .awardPage, .embedCard, .holderPage: count += 1
            case .issuerProfile, .issuerImage, .badgeClass, .badgeImage, .socialImage, .socialCard, .assertion, .bakedImage, .oEmbed,
                 .credential, .statusList, .sitemap, .robots, .didDocument: break
            }
        }
        return count
    }

    func forEachJob(of unit: OutputUnit, _ body: (OutputJob) -> Void) {
        let locales = plan.site.locales
        switch unit {
        case .shared:
            for index in theme.assets.indices { body(.asset(index)) }
            body(.robots)
            for (index, issuer) in plan.issuers.enumerated() {
                body(.issuerProfile(index))
                if issuer.image != nil { body(.issuerImage(index)) }
            }
        case .sitemap:
            for part in 0...Sitemap.partCount(pages: sitemap.pageCount, locales: locales.count) { body(.sitemap(part: part)) }
        case .statusLists:
            if let credentials { for list in 1...credentials.statusLists.count { body(.statusList(list)) } }
        case .identity:
            if identity != nil { body(.didDocument) }
        case .sitePages:
            for locale in locales {
                body(.indexPage(locale: locale))
                body(.notFoundPage(locale: locale))
                for index in plan.issuers.indices { body(.issuerPage(index, locale: locale)) }
            }
        case .badge(let index):
            body(.badgeClass(index))
            body(.badgeImage(index))
            if plan.badges[index].badge.socialImage != nil { body(.socialImage(index)) }
            for locale in locales { body(.badgePage(index, locale: locale)) }
        case .socialCards(let index):
            for locale in socialCards.cardLocales(index) { body(.socialCard(index, locale: locale)) }
        case .award(let index):
            body(.assertion(index))
            if credentials != nil { body(.credential(index)) }
            for locale in locales { body(.awardPage(index, locale: locale)) }
            if plan.awards[index].isListed {
                body(.bakedImage(index))
                body(.embedCard(index))
                body(.oEmbed(index))
            }
        case .holder(let index):
            for locale in locales { body(.holderPage(index, locale: locale)) }
        }
    }

    public func path(of job: OutputJob) -> String {
        switch job {
        case .asset(let index): return routes.asset(theme.assets[index].path)
        case .robots: return "robots.txt"
        case .didDocument: return identity?.didWeb.documentPath ?? DIDWeb.bareOriginDocumentPath
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
        case .socialCard(let index, let locale):
            return routes.socialCard(plan.badges[index].badge.id, locale: locale == routes.defaultLocale ? nil : locale)
        case .awardPage(let index, let locale): return Routes.file(for: routes.awardPage(plan.awards[index].id, locale))
        case .assertion(let index): return routes.assertion(plan.awards[index].id)
        case .bakedImage(let index):
            let award = plan.awards[index]
            return routes.bakedImage(award.id, documents.bakedImageFormat(award))
        case .embedCard(let index): return routes.embed(plan.awards[index].id)
        case .oEmbed(let index): return routes.oEmbed(plan.awards[index].id)
        case .credential(let index): return routes.award(plan.awards[index].id, .credential)
        case .statusList(let list): return routes.statusList(list)
        case .holderPage(let index, let locale): return Routes.file(for: routes.holderPage(plan.holders[index].id, locale))
        }
    }

    public func render(_ job: OutputJob) throws(Diagnostic) -> [UInt8] {
        switch job {
        case .asset(let index): return theme.assets[index].bytes
        case .robots: return Array("User-agent: *\nAllow: /\nSitemap: \(routes.url(Sitemap.path(part: 0)))\n".utf8)
        case .sitemap(let part): return sitemap.value.render(part: part)
        case .didDocument:
            guard let identity else { throw Diagnostic.error("no issuer key to write the DID document with", at: nil) }
            return identity.document()
        case .indexPage(let locale): return try pages.indexPage(locale: locale)
        case .notFoundPage(let locale): return try pages.notFoundPage(locale: locale)
        case .issuerPage(let index, let locale): return try pages.issuerPage(index, locale: locale)
        case .issuerProfile(let index): return documents.issuerProfile(plan.issuers[index])
        case .issuerImage(let index): return plan.issuers[index].image?.bytes ?? []
        case .badgePage(let index, let locale): return try pages.badgePage(index, locale: locale)
        case .badgeClass(let index): return documents.badgeClass(plan.badges[index])
        case .badgeImage(let index): return plan.badges[index].badge.image.bytes
        case .socialImage(let index): return plan.badges[index].badge.socialImage?.bytes ?? []
        case .socialCard(let index, let locale): return socialCard(index, locale: locale)
        case .awardPage(let index, let locale): return try pages.awardPage(index, locale: locale)
        case .assertion(let index): return documents.assertion(plan.awards[index])
        case .bakedImage(let index): return try bake(index)
        case .embedCard(let index): return try pages.embedCard(index)
        case .oEmbed(let index): return pages.oEmbed(index)
        case .credential(let index): return try signedCredential(index)
        case .statusList(let list): return try signedStatusList(list)
        case .holderPage(let index, let locale): return try pages.holderPage(index, locale: locale)
        }
    }

    /// The credential with its `eddsa-rdfc-2022` proof. A failure here is sitegen's own fault
    /// (it writes only terms the pinned contexts define), reported rather than trapped.
    func signedCredential(_ index: Int) throws(Diagnostic) -> [UInt8] {
        let award = plan.awards[index]
        guard let credentials else {
            throw Diagnostic.error("no issuer key to sign the credential of award '\(award.id)' with", at: nil)
        }
        if let signed = credentials.handOff.take(index) { return signed }
        let signed = try credentials.batches.credential(index) { signCredentials($0, credentials) }
        // Its baked image carries it too (listed awards only: a revoked one has none).
        if award.isListed { credentials.handOff.leave(index, signed) }
        return signed
    }

    /// The signed credentials of `awards`, their documents hashed side by side (`CredentialBatches`).
    private func signCredentials(_ awards: [Int], _ credentials: CredentialOutput) -> [CredentialBatches.Signed] {
        let documents = credentials.documents
        var results = [CredentialBatches.Signed?](repeating: nil, count: awards.count)
        var unsigned: [[UInt8]] = []
        var canonical: [[UInt8]] = []
        var configurations: [[UInt8]] = []
        var signing: [Int] = []
        for (slot, index) in awards.enumerated() {
            let award = plan.awards[index]
            do {
                let configuration = try credentials.proofConfigurations.hash(for: award.issuedOn) { () throws(LinkedDataError) in
                    try documents.canonicalProofConfiguration(award)
                }
                let json = documents.unsigned(award)
                canonical.append(try documents.canonicalNQuads(award, unsigned: json))
                unsigned.append(json)
                configurations.append(configuration)
                signing.append(slot)
            } catch {
                results[slot] = .failure(Diagnostic.error("cannot sign the credential of award '\(award.id)': \(error)", at: nil))
            }
        }
        let hashes = SHA256.digests(of: canonical)
        let proofValues = credentials.signer.proofValues(signingInputs: zip(configurations, hashes).map { $0 + $1.bytes })
        for (position, slot) in signing.enumerated() {
            let award = plan.awards[awards[slot]]
            results[slot] = .success(documents.signed(award, unsigned: unsigned[position], proofValue: proofValues[position]))
        }
        return results.map { $0! }
    }

    /// Signs the credentials of `jobs` in groups in the order the jobs name them, so that a
    /// build renders each group's credentials close together and signs only those it writes.
    public func groupCredentials(of jobs: [OutputJob]) {
        guard let credentials else { return }
        var awards: [Int] = []
        for job in jobs {
            switch job {
            case .credential(let index), .bakedImage(let index): awards.append(index)
            default: break
            }
        }
        credentials.batches.group(awards)
    }

    /// Forgets the signed credentials waiting for their baked image's job, so that a benchmark
    /// round signs every credential again instead of taking the previous round's.
    public func discardHandedOffCredentials() {
        credentials?.handOff.discardAll()
        credentials?.batches.discardAll()
    }

    /// The badge's card for `locale`: its backdrop made once for all of its cards.
    func socialCard(_ index: Int, locale: String) -> [UInt8] {
        let published = plan.badges[index]
        let image = published.badge.image
        let design = theme.card
        let backdrop = cardBackdrops.backdrop(index) {
            switch image.format {
            case .svg: return design.backdrop(artwork: try? design.artwork(.svg(image.bytes)))
            case .png: return design.backdrop(artwork: try? design.artwork(.png(image.bytes)))
            case .jpeg: return design.backdrop(artwork: nil)
            }
        }
        let fallback = plan.site.defaultLocale
        return design.card(backdrop: backdrop, name: published.badge.name.text(in: locale, fallback: fallback),
                           issuer: plan.issuer(of: published).name.text(in: locale, fallback: fallback))
    }

    /// Status list `list`, signed like the credentials.
    func signedStatusList(_ list: Int) throws(Diagnostic) -> [UInt8] {
        guard let credentials else { throw Diagnostic.error("no issuer key to sign status list \(list) with", at: nil) }
        let lists = credentials.statusLists
        do {
            let document = lists.document(list)
            let proofValue = try credentials.signer.proofValue(credential: document.unsigned,
                                                               proofConfiguration: document.proofConfiguration)
            return lists.signed(document, proofValue: proofValue)
        } catch {
            throw Diagnostic.error("cannot sign status list \(list): \(error)", at: nil)
        }
    }

    /// The badge image with the award's assertion baked in, and its signed credential when
    /// the site issues them.
    func bake(_ index: Int) throws(Diagnostic) -> [UInt8] {
        let award = plan.awards[index]
        let image = plan.badge(of: award).badge.image
        let credential = credentials == nil ? nil : try signedCredential(index)
        do {
            return try bakers[award.badgeIndex].get().bake(documents.assertion(award, pretty: false),
                                                            verify: routes.url(routes.assertion(award.id)), credential: credential)
        } catch {
            throw Diagnostic.error("cannot bake the badge image for award '\(award.id)': \(error)", at: image.location)
        }
    }
}

extension SiteRenderer {
    /// Problems found before anything is written: a badge image that cannot be baked is a
    /// located error now rather than a failure half-way through the writing; what a badge's
    /// link-preview cards must leave out is a warning.
    public func preflight() -> Diagnostics {
        var diagnostics = Diagnostics()
        for (published, baker) in zip(plan.badges, bakers) {
            let badge = published.badge
            if case .failure(let error) = baker {
                diagnostics.error("'image' \(badge.image.path) cannot be baked: \(error)", at: badge.image.location)
            }
        }
        diagnostics.append(contentsOf: socialCards.warnings(plan: plan, design: theme.card))
        return diagnostics
    }
}

/// The sitemap, made once by whichever thread first renders a part of it.
final class LazySitemap: @unchecked Sendable {
    private let plan: SitePlan
    private let routes: Routes
    private let lock = DispatchSemaphore(value: 1)
    private var made: Sitemap?

    init(plan: SitePlan, routes: Routes) {
        self.plan = plan
        self.routes = routes
    }

    /// The number of pages it lists: the catalogue, issuers, badges, listed awards, holders.
    var pageCount: Int {
        let listed = plan.awards.withUnsafeBufferPointer { awards in
            awards.indices.reduce(0) { $0 + (awards[$1].isListed ? 1 : 0) }
        }
        return 1 + plan.issuers.count + plan.badges.count + listed + plan.holders.count
    }

    var value: Sitemap {
        lock.wait()
        defer { lock.signal() }
        if let made { return made }
        // The order `OutputKeys.sitemap` digests.
        var listed: [String] = [routes.index(routes.defaultLocale)]
        listed += plan.issuers.map { routes.issuerPage($0.id, routes.defaultLocale) }
        listed += plan.badges.map { routes.badgePage($0.badge.id, routes.defaultLocale) }
        listed += plan.awards.filter(\.isListed).map { routes.awardPage($0.id, routes.defaultLocale) }
        listed += plan.holders.map { routes.holderPage($0.id, routes.defaultLocale) }
        let sitemap = Sitemap(pages: listed, routes: routes, locales: plan.site.locales)
        made = sitemap
        return sitemap
    }
}

/// The page renderer, made once by whichever thread first needs it.
final class LazyPageRenderer: @unchecked Sendable {
    private let make: @Sendable () -> PageRenderer
    private let lock = DispatchSemaphore(value: 1)
    private var made: PageRenderer?

    init(_ make: @escaping @Sendable () -> PageRenderer) {
        self.make = make
    }

    var value: PageRenderer {
        lock.wait()
        defer { lock.signal() }
        if let made { return made }
        let pages = make()
        made = pages
        return pages
    }
}
