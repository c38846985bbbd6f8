import Foundation
import Testing
import SitegenModel
import SitegenPlan
@testable import SitegenRender
import SitegenDigest
import SitegenLinkedData
import SitegenSignature

/// The Open Badges 3.0 credential documents, before signing: the fields SPEC names, from the
/// award, its badge and issuer, and nothing of the earner but the salted hash.
struct OpenBadgeCredentialsTests {
    static let signer = OpenBadgeCredentials.Signer(did: "did:web:badges.example.org",
                                                    verificationMethod: "did:web:badges.example.org#z6MkTest")
    let fixture = PageFixture.shared
    var credentials: OpenBadgeCredentials { OpenBadgeCredentials(plan: fixture.plan, routes: fixture.routes, signer: Self.signer) }

    func object(_ bytes: [UInt8]) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    @Test func anAwardsCredentialCarriesItsBadgeIssuerAndHashedRecipient() throws {
        let award = fixture.plan.awards[fixture.award("a-ja")]
        let json = try object(credentials.unsigned(award))
        #expect(json["@context"] as? [String] == OpenBadgeCredentials.contexts)
        #expect(json["id"] as? String == "https://badges.example.org/awards/a-ja/credential.json")
        #expect(json["type"] as? [String] == ["VerifiableCredential", "OpenBadgeCredential"])
        #expect(json["validFrom"] as? String == "2024-05-01T00:00:00Z")
        #expect(json["validUntil"] as? String == "2026-05-01T00:00:00Z")
        #expect(json["proof"] == nil)
        let issuer = try #require(json["issuer"] as? [String: Any])
        #expect(issuer["id"] as? String == Self.signer.did)
        #expect(issuer["name"] as? String == "Acme Academy")
        #expect(issuer["type"] as? [String] == ["Profile"])
        let subject = try #require(json["credentialSubject"] as? [String: Any])
        let identity = try #require((subject["identifier"] as? [[String: Any]])?.first)
        #expect(identity["identityHash"] as? String == award.recipient.identity)
        #expect(identity["salt"] as? String == award.recipient.salt)
        #expect(identity["identityType"] as? String == "emailAddress")
        let achievement = try #require(subject["achievement"] as? [String: Any])
        #expect(achievement["id"] as? String == "https://badges.example.org/badges/b1/")
        #expect(achievement["name"] as? String == "Badge One")
        #expect(achievement["achievementType"] as? String == "Certification")
        #expect(achievement["tag"] as? [String] == ["Planning", "Testing"])
        #expect((achievement["criteria"] as? [String: Any])?["id"] as? String == "https://acme.example/criteria/b1")
        let alignment = try #require((achievement["alignment"] as? [[String: Any]])?.first)
        #expect(alignment["targetCode"] as? String == "E-1")
        #expect((achievement["image"] as? [String: Any])?["id"] as? String == "https://badges.example.org/badges/b1/image.png")
        #expect(!credentials.unsigned(award).text.contains("yuki@example.com"))
    }

    @Test func hostileTextStaysJSONAndEvidenceComesAlong() throws {
        let award = fixture.plan.awards[fixture.award("a-hostile")]
        let bytes = credentials.unsigned(award)
        let json = try object(bytes)
        let evidence = try #require((json["evidence"] as? [[String: Any]])?.first)
        #expect(evidence["id"] as? String == "https://evidence.example/1")
        #expect(evidence["narrative"] as? String == PageFixture.hostileEvidence)
        #expect(evidence["type"] as? [String] == ["Evidence"])
        #expect(json["validUntil"] == nil)
        #expect(!bytes.text.contains("</script>"))
    }

    @Test func theProofConfigurationAndTheSignedCredentialAgree() throws {
        let award = fixture.plan.awards[fixture.award("a-expired")]
        let proof = try object(credentials.proofConfiguration(award))
        #expect(proof["@context"] as? [String] == OpenBadgeCredentials.contexts)
        #expect(proof["cryptosuite"] as? String == "eddsa-rdfc-2022")
        #expect(proof["created"] as? String == "2023-01-10T00:00:00Z")
        #expect(proof["verificationMethod"] as? String == Self.signer.verificationMethod)
        let signed = try object(credentials.signed(award, proofValue: "z5signature"))
        let embedded = try #require(signed["proof"] as? [String: Any])
        #expect(embedded["proofValue"] as? String == "z5signature")
        for key in ["type", "cryptosuite", "created", "verificationMethod", "proofPurpose"] {
            #expect(embedded[key] as? String == proof[key] as? String, "\(key)")
        }
        var unsigned = signed
        unsigned["proof"] = nil
        #expect(NSDictionary(dictionary: unsigned) == NSDictionary(dictionary: try object(credentials.unsigned(award))))
        #expect(credentials.unsigned(award) == credentials.unsigned(award))
        // The proof spliced into the unsigned bytes, byte for byte what writing it whole gives.
        var unsignedWriter = JSONWriter(pretty: true)
        var wholeWriter = JSONWriter(pretty: true)
        unsignedWriter.beginObject()
        wholeWriter.beginObject()
        for key: StaticString in ["name", "description"] {
            unsignedWriter.key(key); unsignedWriter.string("<\"x\">\n")
            wholeWriter.key(key); wholeWriter.string("<\"x\">\n")
        }
        unsignedWriter.endObject()
        wholeWriter.key("proof")
        wholeWriter.beginObject()
        OpenBadgeCredentials.writeProofFields(created: award.issuedOn, verificationMethod: "did:web:x#z6Mk", into: &wholeWriter)
        wholeWriter.key("proofValue"); wholeWriter.string("z5x")
        wholeWriter.endObject()
        wholeWriter.endObject()
        #expect(OpenBadgeCredentials.withProof(unsignedWriter.bytes, created: award.issuedOn, verificationMethod: "did:web:x#z6Mk",
                                               proofValue: "z5x") == wholeWriter.bytes)
    }
}

/// Every credential of the fixture canonicalises under the pinned contexts (no term the
/// contexts lack), signs, and verifies; a changed value breaks the signature.
struct CredentialSigningTests {
    let fixture = PageFixture.shared

    @Test func everyCredentialSignsAndVerifiesAndATamperedOneFails() throws {
        let key = try Ed25519.PrivateKey(seed: [UInt8](repeating: 7, count: 32))
        let signer = CredentialSigner(key: key)
        let credentials = OpenBadgeCredentials(plan: fixture.plan, routes: fixture.routes, signer: OpenBadgeCredentialsTests.signer)
        #expect(fixture.plan.awards.count >= 4)
        for award in fixture.plan.awards {
            let unsigned = credentials.unsigned(award), configuration = credentials.proofConfiguration(award)
            let proofValue = try signer.proofValue(credential: unsigned, proofConfiguration: configuration)
            #expect(proofValue.hasPrefix("z"))
            let signature = try Multibase.decode(proofValue).bytes
            let signed = credentials.signed(award, proofValue: proofValue)
            // What a verifier does: the proof taken off the signed document, both canonicalised.
            let inputs = try LinkedDataDocument.canonicalSigningInputs(signedJSON: signed)
            let message = SHA256.hash(inputs.proofConfiguration) + SHA256.hash(inputs.document)
            #expect(message == (try CredentialSigner.signingInput(credential: unsigned, proofConfiguration: configuration)))
            #expect(key.publicKey.isValidSignature(signature, for: message), "\(award.id)")
            let tampered = Array(signed.text.replacingOccurrences(of: award.issuedOn.description, with: "1999-01-01").utf8)
            #expect(tampered != signed)
            let tamperedInputs = try LinkedDataDocument.canonicalSigningInputs(signedJSON: tampered)
            let tamperedMessage = SHA256.hash(tamperedInputs.proofConfiguration) + SHA256.hash(tamperedInputs.document)
            #expect(!key.publicKey.isValidSignature(signature, for: tamperedMessage), "\(award.id) tampered")
        }
    }
}

/// 1EdTech's Open Badges 3.0 Linked Data Proof test vector, end to end through the signer the
/// build uses: its credential and proof options, canonicalised and hashed as ours are, signed
/// with its key, give exactly the published proofValue.
struct OpenBadgesTestVectorSigningTests {
    @Test func theSignerReproducesThePublishedProofValue() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SitegenLinkedDataTests/Fixtures/OpenBadgesTestVector")
        let credential = try [UInt8](Data(contentsOf: folder.appendingPathComponent("credential.json")))
        let configuration = try [UInt8](Data(contentsOf: folder.appendingPathComponent("proof-configuration.json")))
        let key = try Multikey.privateKey(
            secretKeyMultibase: "zrv2bqTbNwCTsRrHFcJCPjVAduh4Ezcnoq1A3ZxH1GWTNkxipLVuaAoMFmze2gFN9oNXfJjufxSHWVZzsJiUsMHFMcx")
        let input = try CredentialSigner.signingInput(credential: credential, proofConfiguration: configuration)
        #expect(hexString(input) == "d34009cea0dbc1ca941e09dc01c8c9d3e3ce3c5b853f67ee44698dcea10f5d19"
            + "87f65a76d40146205e3b3e06cb0fbd153f97f9ce70372390f52566bb7f9e0773")
        #expect(try CredentialSigner(key: key).proofValue(credential: credential, proofConfiguration: configuration)
            == "z5x9aCBYovW3CQCbKdNyhEm7ffYSw1YpEdPywQJoNbzDD2gkzQDKJ1sYKJaWvqZtkMtSbz35HcbgXVEDYHxCzgkCr")
    }
}
