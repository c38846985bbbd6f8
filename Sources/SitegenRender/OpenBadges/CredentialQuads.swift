import SitegenLinkedData
import SitegenModel
import SitegenPlan

/// The RDF of an unsigned credential written straight from the award: the quads
/// `LinkedDataDocument.dataset(json: unsigned(award))` gives, term for term, without processing
/// the JSON-LD (about 40% of a credential's CPU). `writeCredentialFields` and this must change
/// together; `CredentialQuadsTests` proves them equal on many varied credentials.
extension OpenBadgeCredentials {
    /// The canonical N-Quads eddsa-rdfc-2022 hashes for `award`'s credential. `unsigned` is its
    /// JSON, canonicalised the general way when a value falls outside what the direct writer
    /// vouches for (an IRI not plainly absolute, a control character): the same bytes or the
    /// same error.
    public func canonicalNQuads(_ award: PublishedAward, unsigned: [UInt8]) throws(LinkedDataError) -> [UInt8] {
        if let dataset = dataset(award) { return try RDFCanonicalization.canonicalNQuads(dataset) }
        return try LinkedDataDocument.canonicalNQuads(json: unsigned)
    }

    /// The credential's dataset, or nil when a value needs the general path.
    func dataset(_ award: PublishedAward) -> RDFDataset? {
        guard let badgeQuads = badgeQuads[award.badgeIndex] else { return nil }
        var quads = CredentialQuadWriter()
        let credential = quads.iri(credentialURL(award))
        quads.type(credential, "https://www.w3.org/2018/credentials#VerifiableCredential")
        quads.type(credential, "https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential")
        quads.literal(credential, "https://schema.org/name", plan.badges[award.badgeIndex].badge.name.text(in: locale, fallback: locale))
        quads.link(credential, "https://www.w3.org/2018/credentials#issuer", quads.iri(signer.did))

        quads.literal(credential, "https://www.w3.org/2018/credentials#validFrom", Self.dateTime(award.issuedOn),
                      datatype: "http://www.w3.org/2001/XMLSchema#dateTime")
        if let expires = award.expiresOn {
            quads.literal(credential, "https://www.w3.org/2018/credentials#validUntil", Self.dateTime(expires),
                          datatype: "http://www.w3.org/2001/XMLSchema#dateTime")
        }

        let (list, position) = StatusListCredentials.place(of: award.statusIndex)
        let listURL = routes.url(routes.statusList(list))
        let status = quads.iri(listURL + "#" + String(position))
        quads.link(credential, "https://www.w3.org/2018/credentials#credentialStatus", status)
        quads.type(status, "https://www.w3.org/ns/credentials/status#BitstringStatusListEntry")
        quads.literal(status, "https://www.w3.org/ns/credentials/status#statusPurpose", "revocation")
        quads.literal(status, "https://www.w3.org/ns/credentials/status#statusListIndex", String(position))
        quads.link(status, "https://www.w3.org/ns/credentials/status#statusListCredential", quads.iri(listURL))

        let subject = quads.blank()
        quads.link(credential, "https://www.w3.org/2018/credentials#credentialSubject", subject)
        quads.type(subject, "https://purl.imsglobal.org/spec/vc/ob/vocab.html#AchievementSubject")
        let identity = quads.blank()
        quads.link(subject, "https://purl.imsglobal.org/spec/vc/ob/vocab.html#identifier", identity)
        quads.type(identity, "https://purl.imsglobal.org/spec/vc/ob/vocab.html#IdentityObject")
        quads.literal(identity, "https://purl.imsglobal.org/spec/vc/ob/vocab.html#identityHash", award.recipient.identity)
        quads.literal(identity, "https://purl.imsglobal.org/spec/vc/ob/vocab.html#identityType", "emailAddress")
        quads.literal(identity, "https://purl.imsglobal.org/spec/vc/ob/vocab.html#hashed", "true",
                      datatype: "https://www.w3.org/2001/XMLSchema#boolean")
        quads.literal(identity, "https://purl.imsglobal.org/spec/vc/ob/vocab.html#salt", award.recipient.salt)
        quads.link(subject, "https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievement",
                   quads.iri(routes.url(routes.badgePage(plan.badges[award.badgeIndex].badge.id, locale))))

        for evidence in award.evidence {
            let node = evidence.url.map { quads.iri($0) } ?? quads.blank()
            quads.link(credential, "https://www.w3.org/2018/credentials#evidence", node)
            quads.type(node, "https://purl.imsglobal.org/spec/vc/ob/vocab.html#Evidence")
            if let narrative = evidence.narrative {
                quads.literal(node, "https://purl.imsglobal.org/spec/vc/ob/vocab.html#narrative", narrative.text(in: locale, fallback: locale))
            }
        }
        // Quads are canonicalised in any order: the badge's own come last, as written once.
        quads.dataset.append(contentsOf: badgeQuads)
        return quads.isVerbatim ? quads.dataset : nil
    }

    /// The quads every credential of badge `index` shares: its issuer's profile and the
    /// achievement (all but the subject's link to it), or nil when a value needs the general path.
    func badgeDataset(_ index: Int) -> RDFDataset? {
        var quads = CredentialQuadWriter()
        let published = plan.badges[index]
        let badge = published.badge
        let issuer = plan.issuer(of: published)
        let issuerNode = quads.iri(signer.did)
        quads.type(issuerNode, "https://purl.imsglobal.org/spec/vc/ob/vocab.html#Profile")
        quads.literal(issuerNode, "https://schema.org/name", issuer.name.text(in: locale, fallback: locale))
        quads.literal(issuerNode, "https://schema.org/url", issuer.url, datatype: "https://www.w3.org/2001/XMLSchema#anyURI")
        if let email = issuer.email { quads.literal(issuerNode, "https://schema.org/email", email) }
        if let description = issuer.description {
            quads.literal(issuerNode, "https://schema.org/description", description.text(in: locale, fallback: locale))
        }
        if let image = issuer.image {
            let imageNode = quads.iri(routes.url(routes.issuerImage(issuer.id, image.format.rawValue)))
            quads.link(issuerNode, "https://purl.imsglobal.org/spec/vc/ob/vocab.html#image", imageNode)
            quads.type(imageNode, "https://purl.imsglobal.org/spec/vc/ob/vocab.html#Image")
        }

        let achievement = quads.iri(routes.url(routes.badgePage(badge.id, locale)))
        quads.type(achievement, "https://purl.imsglobal.org/spec/vc/ob/vocab.html#Achievement")
        quads.literal(achievement, "https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievementType",
                      badge.kind == .exam ? "Assessment" : "Certification")
        quads.literal(achievement, "https://schema.org/name", badge.name.text(in: locale, fallback: locale))
        quads.literal(achievement, "https://schema.org/description", badge.description.text(in: locale, fallback: locale))
        let criteria = badge.criteria.url.map { quads.iri($0) } ?? quads.blank()
        quads.link(achievement, "https://purl.imsglobal.org/spec/vc/ob/vocab.html#Criteria", criteria)
        if let narrative = badge.criteria.narrative {
            quads.literal(criteria, "https://purl.imsglobal.org/spec/vc/ob/vocab.html#narrative", narrative.text(in: locale, fallback: locale))
        }
        let image = quads.iri(routes.url(routes.badgeImage(badge.id, badge.image.format.rawValue)))
        quads.link(achievement, "https://purl.imsglobal.org/spec/vc/ob/vocab.html#image", image)
        quads.type(image, "https://purl.imsglobal.org/spec/vc/ob/vocab.html#Image")
        for alignment in badge.alignment {
            let node = quads.blank()
            quads.link(achievement, "https://purl.imsglobal.org/spec/vc/ob/vocab.html#alignment", node)
            quads.type(node, "https://schema.org/AlignmentObject")
            quads.literal(node, "https://schema.org/targetName", alignment.name.text(in: locale, fallback: locale))
            quads.literal(node, "https://schema.org/targetUrl", alignment.url, datatype: "https://www.w3.org/2001/XMLSchema#anyURI")
            if let description = alignment.description {
                quads.literal(node, "https://schema.org/targetDescription", description.text(in: locale, fallback: locale))
            }
            if let framework = alignment.framework { quads.literal(node, "https://schema.org/targetFramework", framework) }
            if let code = alignment.code { quads.literal(node, "https://purl.imsglobal.org/spec/vc/ob/vocab.html#targetCode", code) }
        }
        for skill in badge.skills {
            quads.literal(achievement, "https://schema.org/keywords", skill.text(in: locale, fallback: locale))
        }
        return quads.isVerbatim ? quads.dataset : nil
    }

    /// The canonical N-Quads of `award`'s proof configuration, written straight too (the JSON
    /// when the verification method is not a plain IRI). A site has one per issue day, a
    /// thousand or more: canonicalising each from its JSON was about 5 µs of every credential
    /// in `sitegen-bench render`'s first round.
    public func canonicalProofConfiguration(_ award: PublishedAward) throws(LinkedDataError) -> [UInt8] {
        if let dataset = Self.proofConfigurationDataset(created: award.issuedOn, verificationMethod: signer.verificationMethod) {
            return try RDFCanonicalization.canonicalNQuads(dataset)
        }
        return try LinkedDataDocument.canonicalNQuads(json: proofConfiguration(award))
    }

    /// The dataset of `writeProofFields` under the credential's contexts, or nil when the
    /// verification method needs the general path.
    static func proofConfigurationDataset(created: Day, verificationMethod: String) -> RDFDataset? {
        guard RDFDataset.isVerbatimIRI(verificationMethod) else { return nil }
        var dataset = RDFDataset()
        let proof = QuadNode.blank(dataset.addBlankNode())
        dataset.appendType(proof, "https://w3id.org/security#DataIntegrityProof")
        dataset.appendLiteral(proof, "https://w3id.org/security#cryptosuite", "eddsa-rdfc-2022",
                              datatype: "https://w3id.org/security#cryptosuiteString")
        dataset.appendLiteral(proof, "http://purl.org/dc/terms/created", dateTime(created),
                              datatype: "http://www.w3.org/2001/XMLSchema#dateTime")
        dataset.appendLink(proof, "https://w3id.org/security#verificationMethod", .iri(verificationMethod))
        dataset.appendLink(proof, "https://w3id.org/security#proofPurpose", .iri("https://w3id.org/security#assertionMethod"))
        return dataset
    }

    /// `YYYY-MM-DDT00:00:00Z`, as `OpenBadgesDocuments.appendDateTime` writes it.
    static func dateTime(_ day: Day) -> String {
        day.description + "T00:00:00Z"
    }
}

/// The dataset being written, and whether every value so far is one the general path would
/// take as it is.
private struct CredentialQuadWriter {
    var dataset = RDFDataset()
    var isVerbatim = true

    mutating func iri(_ value: String) -> QuadNode {
        if !RDFDataset.isVerbatimIRI(value) { isVerbatim = false }
        return .iri(value)
    }

    mutating func blank() -> QuadNode {
        .blank(dataset.addBlankNode())
    }

    mutating func type(_ subject: QuadNode, _ type: StaticString) {
        dataset.appendType(subject, type)
    }

    mutating func link(_ subject: QuadNode, _ predicate: StaticString, _ object: QuadNode) {
        dataset.appendLink(subject, predicate, object)
    }

    mutating func literal(_ subject: QuadNode, _ predicate: StaticString, _ value: String, datatype: StaticString? = nil) {
        if !RDFDataset.isVerbatimLiteral(value) { isVerbatim = false }
        dataset.appendLiteral(subject, predicate, value, datatype: datatype)
    }
}
