import Testing
import SitegenLinkedData

/// OB 3.0 credentials (Fixtures/Credentials/*.json) whose canonical N-Quads were made by pyld's
/// `normalize` (URDNA2015) with Scripts/check-rdfc.py --write, serving the vendored contexts.
/// A signed credential is checked as eddsa-rdfc-2022 hashes it: document and proof configuration.
@Suite struct PyLDFixtureTests {
    static let names = ["full-award", "hostile-strings", "results-and-numbers", "twin-evidence"]

    @Test func everyFixtureIsListed() throws {
        let files = try Fixtures.names(in: "Credentials").filter { $0.hasSuffix(".json") }
        #expect(files == Self.names.map { $0 + ".json" })
    }

    @Test(arguments: names)
    func sameBytesAsPyLD(_ name: String) throws {
        let json = try Fixtures.bytes("Credentials/\(name).json")
        if name == "full-award" {
            let parts = try LinkedDataDocument.canonicalSigningInputs(signedJSON: json)
            let document = try Fixtures.bytes("Credentials/\(name).document.nq")
            let proof = try Fixtures.bytes("Credentials/\(name).proof.nq")
            #expect(String(decoding: parts.document, as: UTF8.self) == String(decoding: document, as: UTF8.self))
            #expect(String(decoding: parts.proofConfiguration, as: UTF8.self) == String(decoding: proof, as: UTF8.self))
            // The proof's statements live in a graph of their own when the signed file is read whole.
            let whole = String(decoding: try LinkedDataDocument.canonicalNQuads(json: json), as: UTF8.self)
            #expect(whole.contains("<https://w3id.org/security#proof> _:c14n"))
            #expect(whole.contains("<https://w3id.org/security#proofValue> \"z5x9a"))
        } else {
            let expected = try Fixtures.bytes("Credentials/\(name).nq")
            let actual = try LinkedDataDocument.canonicalNQuads(json: json)
            #expect(String(decoding: actual, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        }
    }

    /// The twin evidence and alignments are blank nodes with equal first-degree hashes: only the
    /// n-degree algorithm tells them apart, and they must come out as one statement set each.
    @Test func twinBlankNodesAreCollapsedOrSeparatedAsPyLDDoes() throws {
        let text = String(decoding: try Fixtures.bytes("Credentials/twin-evidence.nq"), as: UTF8.self)
        let evidenceLinks = text.split(separator: "\n").filter { $0.contains("credentials#evidence") }
        #expect(evidenceLinks.count == 3)
    }
}
