/// A JSON-LD document under the pinned contexts, as RDF: what eddsa-rdfc-2022 signs.
public enum LinkedDataDocument {
    /// The document's RDF dataset (JSON-LD 1.1 expansion and toRdf, in safe mode).
    public static func dataset(json: [UInt8]) throws(LinkedDataError) -> RDFDataset {
        try dataset(JSONReader.parse(json))
    }

    /// The RDFC-1.0 canonical N-Quads of the document's dataset, the bytes whose SHA-256 a Data
    /// Integrity proof signs.
    public static func canonicalNQuads(json: [UInt8]) throws(LinkedDataError) -> [UInt8] {
        try RDFCanonicalization.canonicalNQuads(dataset(json: json))
    }

    /// The two canonical forms eddsa-rdfc-2022 hashes for a signed document (Data Integrity EdDSA
    /// Cryptosuites §3.3): the document without `proof`, and the proof configuration — the proof
    /// without `proofValue`, under the document's `@context`. For checking a signature.
    public static func canonicalSigningInputs(signedJSON: [UInt8]) throws(LinkedDataError) -> (document: [UInt8], proofConfiguration: [UInt8]) {
        guard case let .object(entries) = try JSONReader.parse(signedJSON) else {
            throw LinkedDataError("a signed document must be an object")
        }
        guard let proof = entries.first(where: { $0.key == "proof" })?.value, case let .object(proofEntries) = proof else {
            throw LinkedDataError("the document has no proof object")
        }
        guard let context = entries.first(where: { $0.key == "@context" })?.value else {
            throw LinkedDataError("the document has no @context")
        }
        let document = JSONValue.object(entries.filter { $0.key != "proof" })
        let configuration = JSONValue.object([JSONMember("@context", context)] + proofEntries.filter { $0.key != "proofValue" && $0.key != "@context" })
        return (try RDFCanonicalization.canonicalNQuads(dataset(document)),
                try RDFCanonicalization.canonicalNQuads(dataset(configuration)))
    }

    static func dataset(_ document: JSONValue) throws(LinkedDataError) -> RDFDataset {
        var emitter = RDFEmitter()
        try emitter.emitDocument(document)
        return emitter.dataset
    }
}
