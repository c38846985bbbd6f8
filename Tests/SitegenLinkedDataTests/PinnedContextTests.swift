import SitegenDigest
import Testing
@testable import SitegenLinkedData

/// The contexts compiled into the binary are the vendored files openbadgeslib ships, byte for
/// byte (Fixtures/Contexts; openbadgeslib is LGPL-3.0, see openbadgeslib-LICENSE.txt; the
/// contexts themselves are W3C's and 1EdTech's).
@Suite struct PinnedContextTests {
    /// openbadgeslib 4.6.3's provenance list (ob3/contexts/__init__.py) gives these digests.
    static let pinned: [(url: String, file: String, sha256: String)] = [
        ("https://www.w3.org/ns/credentials/v2", "credentials-v2.json",
         "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734"),
        ("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", "ob-v3p0-context-3.0.3.json",
         "3d34f4d4ef1bce691106e63798beb5e7b862ba841423f5ee1e53ab7ddf3bca84"),
    ]

    @Test func compiledContextsAreTheVendoredFiles() throws {
        let compiled = PinnedContext.documents
        #expect(compiled.map(\.url) == Self.pinned.map(\.url))
        for ((url, bytes), pin) in zip(compiled, Self.pinned) {
            let vendored = try Fixtures.bytes("Contexts/\(pin.file)")
            #expect(hexString(SHA256.hash(vendored)) == pin.sha256, "vendored \(pin.file)")
            #expect(hexString(SHA256.hash(bytes)) == pin.sha256, "compiled \(url)")
        }
    }

    @Test func bothContextsProcess() throws {
        for (url, _) in PinnedContext.documents {
            let context = try ContextProcessing.apply(PinnedContext.source(url), to: .initial)
            #expect(context.terms["id"]?.iri == "@id")
            #expect(context.terms["type"]?.iri == "@type")
        }
    }

    /// The traps the issue names: OB maps `criteria` to the class IRI …#Criteria and types `url`
    /// as xsd:anyURI (https, as the context writes it); VC 2.0 holds `proof` in a @graph container.
    @Test func openBadgesTermTraps() throws {
        var context = try ContextProcessing.apply(documentContext: .array([.string(PinnedContext.credentialsV2URL),
                                                                           .string(PinnedContext.openBadgesV3p0URL)]), to: .initial)
        #expect(context.terms["url"]?.iri == "https://schema.org/url")
        #expect(context.terms["url"]?.typeMapping == "https://www.w3.org/2001/XMLSchema#anyURI")
        let achievement = try #require(context.terms["Achievement"]?.localContext)
        let inAchievement = try ContextProcessing.apply(achievement, to: context, propagate: false)
        #expect(inAchievement.terms["criteria"]?.iri == "https://purl.imsglobal.org/spec/vc/ob/vocab.html#Criteria")
        #expect(inAchievement.terms["criteria"]?.typeMapping == "@id")
        #expect(inAchievement.previous === context)
        let credential = try #require(context.terms["VerifiableCredential"]?.localContext)
        context = try ContextProcessing.apply(credential, to: context, propagate: false)
        #expect(context.terms["proof"]?.container == [.graph])
        #expect(context.terms["proof"]?.iri == "https://w3id.org/security#proof")
    }

    @Test func processedContextsAreReused() throws {
        let url = PinnedContext.credentialsV2URL
        let first = try ContextProcessing.apply(PinnedContext.source(url), to: .initial)
        let second = try ContextProcessing.apply(PinnedContext.source(url), to: .initial)
        #expect(first === second)
    }
}
