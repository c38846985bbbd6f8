import SitegenDigest
import Testing
import SitegenLinkedData

/// The 1EdTech Open Badges 3.0 Linked Data Proof test vector (Fixtures/OpenBadgesTestVector,
/// from 1EdTech/openbadges-specification): the canonical document and proof configuration, and
/// the two SHA-256 hashes the vector prints.
@Suite struct OpenBadgesTestVectorTests {
    @Test func canonicalDocumentAndItsHash() throws {
        let json = try Fixtures.bytes("OpenBadgesTestVector/credential.json")
        let canonical = try LinkedDataDocument.canonicalNQuads(json: json)
        let expected = try Fixtures.bytes("OpenBadgesTestVector/document-canon.txt")
        #expect(String(decoding: canonical, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        #expect(hexString(SHA256.hash(canonical)) == "87f65a76d40146205e3b3e06cb0fbd153f97f9ce70372390f52566bb7f9e0773")
    }

    @Test func canonicalProofConfigurationAndItsHash() throws {
        let json = try Fixtures.bytes("OpenBadgesTestVector/proof-configuration.json")
        let canonical = try LinkedDataDocument.canonicalNQuads(json: json)
        let expected = try Fixtures.bytes("OpenBadgesTestVector/proof-canon.txt")
        #expect(String(decoding: canonical, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        #expect(hexString(SHA256.hash(canonical)) == "d34009cea0dbc1ca941e09dc01c8c9d3e3ce3c5b853f67ee44698dcea10f5d19")
    }

    /// The vector's page prints the hashes it signs; the vendored copy must still say so.
    @Test func vendoredPageCarriesTheHashes() throws {
        let page = String(decoding: try Fixtures.bytes("OpenBadgesTestVector/linked-data-proof-ob.html"), as: UTF8.self)
        #expect(page.contains("87f65a76d40146205e3b3e06cb0fbd153f97f9ce70372390f52566bb7f9e0773"))
        #expect(page.contains("d34009cea0dbc1ca941e09dc01c8c9d3e3ce3c5b853f67ee44698dcea10f5d19"))
    }
}
