import SitegenDigest
import SitegenModel
import SitegenPlan
import SitegenSource

/// The inputs each output unit is made from, as a digest: a rebuild renders a unit only when its
/// key changed. A key covers the plan's records that unit's views are made from, plus the theme
/// and this version of sitegen, so a stale file can't survive a change that matters. The records
/// are digested through their own encodings (`KeyEncoder`): a field added to the plan is in every
/// key that reads its record, with nothing to remember.
///
/// - every unit: the site, every issuer and badge (few, and shown in navigation), the theme;
/// - an award's files: its `PublishedAward` (its own fields and its holder's public ones);
/// - a holder's profile and a badge's page: their records and the keys of the awards they list;
/// - catalogue, issuer pages, 404: every award (cheap, and the bytes usually stay equal);
/// - the sitemap: the ids of the pages it lists, in its order (it shows nothing else, and it is
///   the one file too big to re-render for every renamed holder);
/// - the DID document: the DID and the public keys (never a secret: keys are stored in the
///   manifest), so a rotated or retired key rewrites it and nothing else.
///
/// A unit's files, and so their paths, are a function of these inputs too: the key of an
/// unchanged unit vouches for its paths as well as for its bytes.
public struct OutputKeys: Sendable {
    /// Bump when a change to sitegen changes output for the same input.
    public static let version = "sitegen-0.1.0"

    let plan: SitePlan
    let shared: Digest128
    let awards: [Digest128]
    let everything: Digest128
    let sitemap: Digest128
    /// Of the DID and its public keys, current first: what the DID document shows, and what a
    /// signed output's key must include too.
    public let identity: Digest128
    /// What every card is drawn with: the theme (its card style and fonts) and the locales.
    let cardBase: Digest128

    /// Award keys are the bulk of the work (one per award), spread over `threads`.
    public init(plan: SitePlan, theme: Theme, routes: Routes, identity issuer: IssuerIdentity? = nil, threads: Int = 1) {
        self.plan = plan
        var identity = KeyDigest()
        identity.add(Self.version)
        identity.add(issuer?.did ?? "")
        identity.add(issuer?.keys ?? [])
        self.identity = identity.finalize()
        // Every award's credential names the DID and is signed by the current key.
        let shared = KeyEncoder.key(of: SharedInputs(
            version: Self.version, identity: self.identity, themeFingerprint: theme.fingerprint, baseURL: routes.baseURL,
            site: plan.site, issuers: plan.issuers, badges: plan.badges))
        // Cards show their badge's name and issuer in every locale, drawn in the theme's style:
        // nothing of the site's identity or earners.
        let card = KeyEncoder()
        card.add("card")
        card.add(Self.version)
        card.add(theme.fingerprint)
        card.add(plan.site.defaultLocale)
        card.add(plan.site.locales)
        cardBase = card.finalize()
        self.shared = shared
        awards = Self.awardKeys(plan, shared: shared, threads: threads)

        let all = KeyEncoder()
        all.add(shared)
        all.add(awards)
        all.add(plan.holders)
        everything = all.finalize()

        // The sitemap's pages in its order (see `SiteRenderer.sitemapPages`): their ids are all
        // that varies; routes, locales and base URL are in `shared`.
        var map = KeyDigest()
        map.add(shared)
        map.add(plan.issuers.count)
        for issuer in plan.issuers { map.add(issuer.id) }
        map.add(plan.badges.count)
        for badge in plan.badges { map.add(badge.badge.id) }
        plan.awards.withUnsafeBufferPointer { awards in
            // Read in place: copying an award retains each of its fields.
            var listed = 0
            for index in awards.indices where awards[index].isListed { listed += 1 }
            map.add(listed)
            for index in awards.indices where awards[index].isListed { map.add(awards[index].id) }
        }
        map.add(plan.holders.count)
        for index in plan.holders.indices { map.add(plan.holders[index].id) }
        sitemap = map.finalize()
    }

    private static func awardKeys(_ plan: SitePlan, shared: Digest128, threads: Int) -> [Digest128] {
        let count = plan.awards.count
        return [Digest128](unsafeUninitializedCapacity: count) { buffer, initialized in
            // Each chunk writes its own slots of the buffer, so the threads never share one.
            nonisolated(unsafe) let base = buffer.baseAddress
            Chunks(count: count, size: 2048).forEach(threads: threads) { _, chunk in
                let encoder = KeyEncoder()
                plan.awards.withUnsafeBufferPointer { awards in
                    // Read in place: a copy of an award retains each of its fields.
                    for award in chunk {
                        encoder.reset()
                        encoder.add(shared)
                        encoder.add(at: awards.baseAddress.unsafelyUnwrapped + award)
                        (base! + award).initialize(to: encoder.finalize())
                    }
                }
            }
            initialized = count
        }
    }

    public func key(of unit: OutputUnit) -> Digest128 {
        switch unit {
        case .award(let index):
            return awards[index]
        case .holder(let index):
            return listKey(plan.holders[index], awards: plan.holders[index].awards)
        case .badge(let index):
            return listKey(plan.badges[index], awards: plan.badges[index].listedAwards)
        case .socialCards(let index):
            // The badge (its name and images) and its issuer: nothing of its earners.
            let published = plan.badges[index]
            let key = KeyEncoder()
            key.add(cardBase)
            key.add(published.badge)
            key.add(plan.issuer(of: published))
            return key.finalize()
        case .shared:
            var key = KeyDigest()
            key.add("shared")
            key.add(shared)
            return key.finalize()
        case .sitePages:
            var key = KeyDigest()
            key.add("pages")
            key.add(everything)
            return key.finalize()
        case .sitemap:
            return sitemap
        case .statusLists:
            // What the lists show: their number and each revoked index with its day.
            var key = KeyDigest()
            key.add("status")
            key.add(shared)
            key.add(plan.statusIndices.count)
            plan.awards.withUnsafeBufferPointer { awards in
                for index in awards.indices where awards[index].revocation != nil {
                    key.add(awards[index].statusIndex)
                    key.add(awards[index].revocation?.date)
                    key.add(awards[index].issuedOn)
                }
            }
            key.add(plan.awards.lazy.map(\.issuedOn).min())
            return key.finalize()
        case .identity:
            return identity
        }
    }

    /// A holder's profile or a badge's page: its own record and the keys of the awards it lists.
    private func listKey(_ owner: some Encodable, awards listed: [Int]) -> Digest128 {
        let key = KeyEncoder()
        key.add(shared)
        key.add(owner)
        key.add(listed.count)
        for award in listed { key.add(awards[award]) }
        return key.finalize()
    }
}

/// What every output unit is made from besides its own records: sitegen's version, the signing
/// identity, the theme, the base URL, and the site's settings, issuers and badges (few, and shown
/// in navigation).
private struct SharedInputs: Encodable {
    var version: String
    var identity: Digest128
    var themeFingerprint: String
    var baseURL: String
    var site: Site
    var issuers: [Issuer]
    var badges: [PublishedBadge]
}

/// SipHash-128 over length-prefixed fields, so no two different field lists digest alike. Fields
/// are read in place: a key costs no allocation.
///
/// Fields are gathered in a block on the stack and hashed a block at a time. An award's key is
/// some 30 short fields, and hashing each as it came cost nearly as much in the hasher's
/// bookkeeping (a part word carried over, a length word) as in its rounds. The digest is the
/// same: SipHash digests the bytes, however they are cut into updates.
struct KeyDigest {
    private var hasher = SipHash128(key0: 0x7469_7365_6e65_6700, key1: 0x7379_656b_2d74_7570)
    /// 512 bytes, all of a typical award's fields: plain storage (a tuple would spell out 64 words).
    private var block = SIMD64<UInt64>()
    private var blockCount = 0

    mutating func add(_ fields: String...) {
        for field in fields { add(field) }
    }

    mutating func add(_ field: String) {
        let done: Void? = field.utf8.withContiguousStorageIfAvailable { add(UnsafeRawBufferPointer($0)) }
        if done == nil { add(Array(field.utf8)) }
    }

    mutating func add(_ list: [String]) {
        add(list.count)
        for item in list { add(item) }
    }

    /// Each entry after a 1, then a 0: one pass over the entries.
    mutating func add(_ text: LocalizedText?) {
        guard let text else { return add(-1) }
        text.forEachEntry { entry in
            add(1)
            add(entry.locale)
            add(entry.text)
        }
        add(0)
    }

    mutating func add(_ day: Day?) {
        guard let day else { return add(-1) }
        add(day.year * 10_000 + day.month * 100 + day.day)
    }

    mutating func add(_ number: Int) {
        append(UInt64(8))
        append(UInt64(bitPattern: Int64(number)))
    }

    mutating func add(_ digest: Digest128) {
        append(UInt64(16))
        append(digest.first)
        append(digest.second)
    }

    mutating func add(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { add($0) }
    }

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        append(UInt64(bytes.count))
        append(bytes)
    }

    mutating func finalize() -> Digest128 {
        flush()
        return hasher.finalize()
    }

    /// Eight bytes, little-endian, as `SipHash128.update(_: UInt64)` takes them.
    private mutating func append(_ word: UInt64) {
        if blockCount + 8 > MemoryLayout.size(ofValue: block) { flush() }
        let offset = blockCount
        withUnsafeMutableBytes(of: &block) { $0.storeBytes(of: word.littleEndian, toByteOffset: offset, as: UInt64.self) }
        blockCount += 8
    }

    private mutating func append(_ bytes: UnsafeRawBufferPointer) {
        let capacity = MemoryLayout.size(ofValue: block)
        if blockCount + bytes.count > capacity {
            flush()
            // Bigger than the block (an image): straight to the hasher.
            guard bytes.count <= capacity else { return hasher.update(bytes) }
        }
        guard let source = bytes.baseAddress else { return }
        let offset = blockCount
        withUnsafeMutableBytes(of: &block) { ($0.baseAddress.unsafelyUnwrapped + offset).copyMemory(from: source, byteCount: bytes.count) }
        blockCount += bytes.count
    }

    private mutating func flush() {
        let count = blockCount
        withUnsafeBytes(of: &block) { hasher.update(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        blockCount = 0
    }
}
