import SitegenLinkedData
import SitegenModel
import SitegenMustache
import SitegenPlan

/// The Open Badges 3.0 `OpenBadgeCredential` of each published award (a W3C Verifiable
/// Credential 2.0), before it is signed, and the configuration of its `DataIntegrityProof`.
/// Signing canonicalises both (RDFC-1.0) and appends the proof; this writes only terms the two
/// pinned contexts define, since a term they don't would be dropped from what is signed.
///
/// Strings are in the site's default locale, key order is fixed, and `created` is the award's
/// issue day, not the clock: the same input gives the same bytes, and so the same signature.
public struct OpenBadgeCredentials: Sendable {
    public static let contexts = ["https://www.w3.org/ns/credentials/v2",
                                  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]

    /// Who signs: the site's did:web DID and the verification method (a Multikey in the DID
    /// document) whose key signs.
    public struct Signer: Sendable, Equatable {
        public var did: String
        public var verificationMethod: String

        public init(did: String, verificationMethod: String) {
            self.did = did
            self.verificationMethod = verificationMethod
        }
    }

    public let plan: SitePlan
    public let routes: Routes
    public let signer: Signer
    var locale: String { plan.site.defaultLocale }
    /// Per badge, its credentials' `issuer` and `achievement` values, written once: the same in
    /// every award of the badge, and writing them (escaping the badge's texts) for each award
    /// was most of writing a credential.
    private var badgeValues: [(issuer: [UInt8], achievement: [UInt8])] = []
    /// Per badge, the quads its credentials share (`badgeDataset`), made once for the same reason.
    private(set) var badgeQuads: [RDFDataset?] = []

    public init(plan: SitePlan, routes: Routes, signer: Signer) {
        self.plan = plan
        self.routes = routes
        self.signer = signer
        badgeValues = plan.badges.indices.map { index in
            var issuer = JSONWriter(pretty: true, valueAtDepth: 1)
            writeIssuer(plan.issuer(of: plan.badges[index]), into: &issuer)
            var achievement = JSONWriter(pretty: true, valueAtDepth: 2)
            writeAchievement(plan.badges[index], into: &achievement)
            return (issuer.bytes, achievement.bytes)
        }
        badgeQuads = plan.badges.indices.map(badgeDataset)
    }

    /// The credential's own URL: `/awards/<id>/credential.json`.
    public func credentialURL(_ award: PublishedAward) -> String {
        routes.url(routes.award(award.id, .credential))
    }

    /// The credential without its proof.
    public func unsigned(_ award: PublishedAward) -> [UInt8] {
        var json = JSONWriter(pretty: true)
        json.beginObject()
        writeCredentialFields(award, into: &json)
        json.endObject()
        return json.bytes
    }

    /// The proof's options, under the credential's contexts, as eddsa-rdfc-2022 hashes them.
    public func proofConfiguration(_ award: PublishedAward) -> [UInt8] {
        var json = JSONWriter(pretty: true)
        json.beginObject()
        Self.writeContexts(into: &json)
        writeProofFields(award, into: &json)
        json.endObject()
        return json.bytes
    }

    /// The signed credential: the unsigned fields, then the proof with its `proofValue`
    /// (multibase base58btc of the Ed25519 signature).
    public func signed(_ award: PublishedAward, proofValue: String) -> [UInt8] {
        signed(award, unsigned: unsigned(award), proofValue: proofValue)
    }

    /// The same from the credential's `unsigned` bytes, which signing wrote already.
    public func signed(_ award: PublishedAward, unsigned: [UInt8], proofValue: String) -> [UInt8] {
        Self.withProof(unsigned, created: award.issuedOn, verificationMethod: signer.verificationMethod, proofValue: proofValue)
    }

    /// A pretty-printed unsigned document with its proof put in before the closing brace, as
    /// writing the whole document again would place it: writing it twice cost about a
    /// twentieth of a credential. Credentials and status lists alike.
    static func withProof(_ unsigned: [UInt8], created: Day, verificationMethod: String, proofValue: String) -> [UInt8] {
        let closing = Array("\n}\n".utf8)
        precondition(unsigned.suffix(closing.count).elementsEqual(closing), "a pretty JSONWriter object ends with a line break, }, a line break")
        var proof = JSONWriter(pretty: true)
        proof.beginObject()
        writeProofFields(created: created, verificationMethod: verificationMethod, into: &proof)
        proof.key("proofValue"); proof.string(proofValue)
        proof.endObject()
        let proofBytes = proof.bytes
        // One buffer of the final size, filled a line at a time: a byte at a time, growing, it
        // was about a twentieth of a credential.
        var out: [UInt8] = []
        out.reserveCapacity(unsigned.count + proofBytes.count + 64)
        unsigned.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<($0.count - closing.count)])) }
        out += ",\n  \"proof\": ".utf8
        // The proof object one level in: every line but the first indented by two more spaces.
        proofBytes.withUnsafeBufferPointer { proof in
            let body = UnsafeBufferPointer(rebasing: proof[..<(proof.count - 1)])
            var lineStart = 0
            while let newline = body[lineStart...].firstIndex(of: 0x0A) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: body[lineStart...newline]))
                out.append(0x20)
                out.append(0x20)
                lineStart = newline + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: body[lineStart...]))
        }
        out += closing
        return out
    }

    // MARK: writing

    static func writeContexts(into json: inout JSONWriter) {
        json.key("@context")
        json.beginArray()
        for context in Self.contexts { json.string(context) }
        json.endArray()
    }

    private func writeProofFields(_ award: PublishedAward, into json: inout JSONWriter) {
        Self.writeProofFields(created: award.issuedOn, verificationMethod: signer.verificationMethod, into: &json)
    }

    /// The proof's options, for credentials and status lists alike.
    static func writeProofFields(created: Day, verificationMethod: String, into json: inout JSONWriter) {
        json.key("type"); json.string("DataIntegrityProof")
        json.key("cryptosuite"); json.string("eddsa-rdfc-2022")
        json.key("created"); json.string { OpenBadgesDocuments.appendDateTime(created, to: &$0) }
        json.key("verificationMethod"); json.string(verificationMethod)
        json.key("proofPurpose"); json.string("assertionMethod")
    }

    private func writeCredentialFields(_ award: PublishedAward, into json: inout JSONWriter) {
        Self.writeContexts(into: &json)
        json.key("id"); json.string(credentialURL(award))
        json.key("type")
        json.beginArray()
        json.string("VerifiableCredential")
        json.string("OpenBadgeCredential")
        json.endArray()
        json.key("name"); json.string(plan.badges[award.badgeIndex].badge.name.text(in: locale, fallback: locale))
        json.key("issuer"); json.raw(badgeValues[award.badgeIndex].issuer)
        json.key("validFrom"); json.string { OpenBadgesDocuments.appendDateTime(award.issuedOn, to: &$0) }
        if let expires = award.expiresOn {
            json.key("validUntil"); json.string { OpenBadgesDocuments.appendDateTime(expires, to: &$0) }
        }
        let (list, position) = StatusListCredentials.place(of: award.statusIndex)
        let listURL = routes.url(routes.statusList(list))
        json.key("credentialStatus")
        json.beginObject()
        json.key("id"); json.string(listURL + "#" + String(position))
        json.key("type"); json.string("BitstringStatusListEntry")
        json.key("statusPurpose"); json.string("revocation")
        json.key("statusListIndex"); json.string(String(position))
        json.key("statusListCredential"); json.string(listURL)
        json.endObject()
        json.key("credentialSubject")
        json.beginObject()
        json.key("type")
        json.beginArray()
        json.string("AchievementSubject")
        json.endArray()
        json.key("identifier")
        json.beginArray()
        json.beginObject()
        json.key("type"); json.string("IdentityObject")
        // Hex digits (and `sha256$`) made by the plan: nothing in them to escape.
        json.key("identityHash"); json.string { $0.append(award.recipient.identity) }
        json.key("identityType"); json.string("emailAddress")
        json.key("hashed"); json.bool(true)
        json.key("salt"); json.string { $0.append(award.recipient.salt) }
        json.endObject()
        json.endArray()
        json.key("achievement"); json.raw(badgeValues[award.badgeIndex].achievement)
        json.endObject()
        if !award.evidence.isEmpty {
            json.key("evidence")
            json.beginArray()
            for evidence in award.evidence {
                json.beginObject()
                if let url = evidence.url { json.key("id"); json.string(url) }
                json.key("type")
                json.beginArray()
                json.string("Evidence")
                json.endArray()
                if let narrative = evidence.narrative {
                    json.key("narrative"); json.string(narrative.text(in: locale, fallback: locale))
                }
                json.endObject()
            }
            json.endArray()
        }
    }

    private func writeIssuer(_ issuer: Issuer, into json: inout JSONWriter) {
        json.beginObject()
        json.key("id"); json.string(signer.did)
        json.key("type")
        json.beginArray()
        json.string("Profile")
        json.endArray()
        OpenBadgesDocuments.writeIssuerDescription(issuer, locale: locale, into: &json)
        if let image = issuer.image {
            json.key("image")
            json.beginObject()
            json.key("id"); json.string(routes.url(routes.issuerImage(issuer.id, image.format.rawValue)))
            json.key("type"); json.string("Image")
            json.endObject()
        }
        json.endObject()
    }

    /// The badge as an Achievement; its `id` is the badge's page, stable for as long as the
    /// badge's URL.
    private func writeAchievement(_ published: PublishedBadge, into json: inout JSONWriter) {
        let badge = published.badge
        json.beginObject()
        json.key("id"); json.string(routes.url(routes.badgePage(badge.id, locale)))
        json.key("type")
        json.beginArray()
        json.string("Achievement")
        json.endArray()
        json.key("achievementType"); json.string(badge.kind == .exam ? "Assessment" : "Certification")
        json.key("name"); json.string(badge.name.text(in: locale, fallback: locale))
        json.key("description"); json.string(badge.description.text(in: locale, fallback: locale))
        json.key("criteria")
        OpenBadgesDocuments.writeCriteria(badge.criteria, locale: locale, into: &json)
        json.key("image")
        json.beginObject()
        json.key("id"); json.string(routes.url(routes.badgeImage(badge.id, badge.image.format.rawValue)))
        json.key("type"); json.string("Image")
        json.endObject()
        if !badge.alignment.isEmpty {
            json.key("alignment")
            json.beginArray()
            for alignment in badge.alignment {
                json.beginObject()
                json.key("type")
                json.beginArray()
                json.string("Alignment")
                json.endArray()
                OpenBadgesDocuments.writeAlignmentTarget(alignment, locale: locale, into: &json)
                json.endObject()
            }
            json.endArray()
        }
        if !badge.skills.isEmpty {
            json.key("tag")
            json.beginArray()
            for skill in badge.skills { json.string(skill.text(in: locale, fallback: locale)) }
            json.endArray()
        }
        json.endObject()
    }
}
