import Foundation
import Testing
@testable import Sitegen
import SitegenDigest
import SitegenLinkedData
import SitegenRender
import SitegenSignature

/// Open Badges 3.0 credentials in a real build: one for every published award, revoked ones
/// included, none for anything unpublished, each verifying against the key the built DID
/// document publishes.
@Suite(.serialized)
struct CredentialBuildTests {
    @Test func everyPublishedAwardHasACredentialThatVerifiesAgainstTheBuiltDIDDocument() throws {
        let folder = TemporaryFolder()
        let output = folder.sub("out")
        let report = SiteBuild.run(SampleSite.options(output: output))
        #expect(report.succeeded, "\(report.diagnostics.sorted)")
        let files = readTree(output)
        let didBytes = try #require(files[".well-known/did.json"])
        let did = try #require(JSONSerialization.jsonObject(with: Data(didBytes)) as? [String: Any])
        let method = try #require((did["verificationMethod"] as? [[String: Any]])?.first)
        let multibase = try #require(method["publicKeyMultibase"] as? String)
        let key = try Multikey.publicKey(multibase: multibase)
        #expect(key == TestSigningKeys.sample.publicKey)

        let assertions = files.keys.filter { $0.hasPrefix("awards/") && $0.hasSuffix(".json") && $0.split(separator: "/").count == 2 }
        let credentials = files.keys.filter { $0.hasSuffix("/credential.json") }
        #expect(assertions.count > 50)
        #expect(Set(credentials) == Set(assertions.map { String($0.dropLast(".json".count)) + "/credential.json" }))
        var revoked = 0
        for path in credentials {
            let bytes = try #require(files[path])
            let json = try #require(JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
            let proof = try #require(json["proof"] as? [String: Any])
            #expect(proof["verificationMethod"] as? String == method["id"] as? String)
            let proofValue = try #require(proof["proofValue"] as? String)
            let signature = try Multibase.decode(proofValue).bytes
            let inputs = try LinkedDataDocument.canonicalSigningInputs(signedJSON: bytes)
            #expect(key.isValidSignature(signature, for: SHA256.hash(inputs.proofConfiguration) + SHA256.hash(inputs.document)), "\(path)")
            let assertionBytes = try #require(files[String(path.dropLast("/credential.json".count)) + ".json"])
            let assertion = String(decoding: assertionBytes, as: UTF8.self)
            if assertion.contains("\"revoked\": true") { revoked += 1 }
        }
        #expect(revoked >= 2, "revoked awards keep their credential")

        // Baked images carry the 2.0 assertion and, beside it, the very credential published.
        var baked = 0
        for (path, bytes) in files where path.hasSuffix("/badge.png") || path.hasSuffix("/badge.svg") {
            let credential = files[String(path.dropLast("badge.png".count)) + "credential.json"]
            let carried = path.hasSuffix(".png") ? try PNGBaker.credential(in: bytes) : SVGBaker.credential(in: bytes)
            #expect(carried != nil && carried == credential, "\(path)")
            #expect((path.hasSuffix(".png") ? try PNGBaker.assertion(in: bytes) : SVGBaker.assertion(in: bytes)) != nil)
            baked += 1
        }
        #expect(baked > 50)
    }

    /// The comparison build of issue 13: the same site without credentials differs only by them,
    /// their status lists, and the baked images and award pages that carry or show them.
    @Test func aBuildWithoutCredentialsLacksExactlyThem() throws {
        let folder = TemporaryFolder()
        #expect(SiteBuild.run(SampleSite.options(output: folder.sub("with"))).succeeded)
        var options = SampleSite.options(output: folder.sub("without"))
        options.signsCredentials = false
        #expect(SiteBuild.run(options).succeeded)
        let with = readTree(folder.sub("with")), without = readTree(folder.sub("without"))
        #expect(Set(with.keys).subtracting(without.keys).allSatisfy { $0.hasSuffix("/credential.json") || $0.hasPrefix("status/") })
        // What shows or carries the credential differs too: the award pages and the baked images.
        let differing = without.keys.filter { with[$0] != without[$0] }
        #expect(differing.allSatisfy { $0.contains("/badge.") || ($0.contains("awards/") && $0.hasSuffix("/index.html")) },
                "\(differing.filter { !$0.contains("/badge.") && !$0.hasSuffix("/index.html") }.prefix(5))")
    }
}
