import Testing
import SitegenLinkedData

/// A dataset made of parts (a badge's quads written once, appended to each credential's own)
/// canonicalises to the same N-Quads as the dataset written in one go: the part's blank nodes
/// are numbered after the whole's, and no label or quad is lost or shared by mistake.
struct DatasetAppendTests {
    /// Two blank nodes of the credential and two of the badge, one of them linked from it.
    static func credentialQuads(into dataset: inout RDFDataset) {
        let subject = QuadNode.blank(dataset.addBlankNode())
        let identity = QuadNode.blank(dataset.addBlankNode())
        dataset.appendLink(.iri("https://example.org/c/1"), "https://example.org/v#subject", subject)
        dataset.appendLink(subject, "https://example.org/v#identifier", identity)
        dataset.appendLiteral(identity, "https://example.org/v#hash", "sha256$abc")
        dataset.appendLink(subject, "https://example.org/v#achievement", .iri("https://example.org/b/1"))
    }

    static func badgeQuads(into dataset: inout RDFDataset) {
        let first = QuadNode.blank(dataset.addBlankNode())
        let second = QuadNode.blank(dataset.addBlankNode())
        dataset.appendLink(.iri("https://example.org/b/1"), "https://example.org/v#alignment", first)
        dataset.appendLink(.iri("https://example.org/b/1"), "https://example.org/v#alignment", second)
        dataset.appendLiteral(first, "https://example.org/v#name", "One")
        dataset.appendLiteral(second, "https://example.org/v#name", "Two")
        dataset.appendType(.iri("https://example.org/b/1"), "https://example.org/v#Achievement")
    }

    @Test func anAppendedPartCanonicalisesAsIfWrittenInPlace() throws {
        var whole = RDFDataset()
        Self.credentialQuads(into: &whole)
        Self.badgeQuads(into: &whole)
        var part = RDFDataset()
        Self.badgeQuads(into: &part)
        var joined = RDFDataset()
        Self.credentialQuads(into: &joined)
        joined.append(contentsOf: part)
        #expect(joined.count == whole.count)
        #expect(joined.blankNodeCount == 4)
        let expected = String(decoding: try RDFCanonicalization.canonicalNQuads(whole), as: UTF8.self)
        #expect(String(decoding: try RDFCanonicalization.canonicalNQuads(joined), as: UTF8.self) == expected)
        #expect(expected.contains("_:c14n3"))
        // The part itself is left as it was, and can be appended again elsewhere.
        var again = RDFDataset()
        Self.credentialQuads(into: &again)
        again.append(contentsOf: part)
        #expect(try RDFCanonicalization.canonicalNQuads(again) == RDFCanonicalization.canonicalNQuads(whole))
    }
}
