import Dispatch
import SitegenCard
import SitegenModel
import SitegenPlan
import SitegenSource

/// Which link-preview cards the site has: one per badge and distinct text (name and issuer in a
/// locale), so a badge named the same in every language has one card, `social/<badge>.png`, and
/// a locale whose text differs from the default locale's gets `social/<badge>.<locale>.png`.
/// A badge with a `social_image` has none: its own picture wins.
public struct SocialCards: Sendable {
    struct BadgeCards: Sendable {
        /// The locale each card is made for, the default locale's first.
        var locales: [String]
        /// For each locale of the site, the locale of the card it shows.
        var cardLocale: [String: String]
    }

    /// Per published badge; nil: it has a `social_image`.
    let badges: [BadgeCards?]

    init(plan: SitePlan) {
        let locales = plan.site.locales, fallback = plan.site.defaultLocale
        let ordered = [fallback] + locales.filter { $0 != fallback }
        badges = plan.badges.map { published in
            guard published.badge.socialImage == nil else { return nil }
            let issuer = plan.issuer(of: published).name
            var cards = BadgeCards(locales: [], cardLocale: [:])
            var byText: [[String]: String] = [:]
            for locale in ordered {
                let text = [published.badge.name.text(in: locale, fallback: fallback), issuer.text(in: locale, fallback: fallback)]
                if let same = byText[text] {
                    cards.cardLocale[locale] = same
                } else {
                    byText[text] = locale
                    cards.locales.append(locale)
                    cards.cardLocale[locale] = locale
                }
            }
            return cards
        }
    }

    /// The locales of the badge's cards, default locale first; empty with a `social_image`.
    func cardLocales(_ badge: Int) -> [String] { badges[badge]?.locales ?? [] }

    /// The path of the card a page in `locale` shows, or nil when the badge has a `social_image`:
    /// worked out from the plan alone (a few text lookups), so that pages need no copy of this.
    public static func path(_ badge: Int, locale: String, plan: SitePlan, routes: Routes) -> String? {
        let published = plan.badges[badge]
        guard published.badge.socialImage == nil else { return nil }
        let fallback = plan.site.defaultLocale
        let issuer = plan.issuer(of: published).name
        func text(_ code: String) -> (String, String) {
            (published.badge.name.text(in: code, fallback: fallback), issuer.text(in: code, fallback: fallback))
        }
        let wanted = text(locale)
        // The first locale with the same text, in the order `init` makes cards in.
        let card = ([fallback] + plan.site.locales.filter { $0 != fallback }).first { text($0) == wanted } ?? fallback
        return routes.socialCard(published.badge.id, locale: card == routes.defaultLocale ? nil : card)
    }

    /// The badge whose card stands for a set of badges (an issuer's, or the whole catalogue's):
    /// the one with the most public earners, the first of them on a tie.
    public static func featuredBadge(_ plan: SitePlan, issuer: Int? = nil) -> Int? {
        var best: Int?
        for index in plan.badges.indices where issuer == nil || plan.badges[index].issuerIndex == issuer {
            if best == nil || plan.badges[index].listedAwards.count > plan.badges[best!].listedAwards.count { best = index }
        }
        return best
    }

    /// Problems that leave something off a badge's cards, each badge once: SVG features the card
    /// cannot draw, artwork that cannot be read, characters no font of the theme has.
    func warnings(plan: SitePlan, design: CardDesign) -> Diagnostics {
        var diagnostics = Diagnostics()
        let fallback = plan.site.defaultLocale
        for (index, cards) in badges.enumerated() {
            guard let cards else { continue }
            let published = plan.badges[index]
            let badge = published.badge
            diagnostics.append(contentsOf: Self.artworkWarnings(badge))
            var missing: [(locale: String, problem: MissingCardGlyphs)] = []
            for locale in cards.locales {
                let name = badge.name.text(in: locale, fallback: fallback)
                let issuer = plan.issuer(of: published).name.text(in: locale, fallback: fallback)
                if let problem = design.missingGlyphs(name: name, issuer: issuer) { missing.append((locale, problem)) }
            }
            if !missing.isEmpty {
                let locales = missing.map(\.locale).joined(separator: ", ")
                let cardsCarry = missing.count == 1 ? "card for \(locales) carries" : "cards for \(locales) carry"
                diagnostics.warning("badge '\(badge.id)': the theme's fonts have no glyph for \(missing.map { "\($0.locale): \($0.problem)" }.joined(separator: "; ")); its link-preview \(cardsCarry) no text",
                                    at: badge.location)
            }
        }
        return diagnostics
    }

    /// What a badge's SVG artwork uses that cards leave out, one warning per badge, at its image.
    public static func artworkWarnings(_ badge: BadgeClass) -> Diagnostics {
        var diagnostics = Diagnostics()
        guard badge.socialImage == nil, badge.image.format == .svg else { return diagnostics }
        let features = CardDesign.unsupportedFeatures(ofSVG: badge.image.bytes)
        if !features.isEmpty {
            diagnostics.warning("badge '\(badge.id)': \(badge.image.path) uses what its link-preview card cannot draw and leaves out: \(features.joined(separator: ", "))",
                                at: badge.image.location)
        }
        return diagnostics
    }
}

/// A badge's card backdrop (background and artwork, drawn and compressed), made once and kept
/// for the badge's other cards: a badge's cards are one unit, rendered one after another, so a
/// few entries (about 6.5 MB each: the canvas, its filtered rows, the band's filtered rows and
/// its bits written once; and up to two 2.3 MB scratch canvases and two 1.8 MB band copies its
/// cards worked in) are enough.
final class CardBackdropCache: @unchecked Sendable {
    private let lock = DispatchSemaphore(value: 1)
    private var entries: [(badge: Int, backdrop: CardBackdrop)] = []
    private let capacity = 4

    func backdrop(_ badge: Int, make: () -> CardBackdrop) -> CardBackdrop {
        lock.wait()
        if let hit = entries.first(where: { $0.badge == badge }) {
            lock.signal()
            return hit.backdrop
        }
        lock.signal()
        let made = make()
        lock.wait()
        if !entries.contains(where: { $0.badge == badge }) {
            entries.append((badge, made))
            if entries.count > capacity { entries.removeFirst() }
        }
        lock.signal()
        return made
    }
}
