/// A JSON-LD document under the pinned contexts, as RDF: what eddsa-rdfc-2022 signs.
public enum LinkedDataDocument {
    /// The document's RDF dataset (JSON-LD 1.1 expansion and toRdf, in safe mode).
    public static func dataset(json: [UInt8]) throws(LinkedDataError) -> RDFDataset {
        try TapeEmitter.dataset(json: json)
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
        let datasets = try TapeEmitter.signingDatasets(signedJSON: signedJSON)
        return (try RDFCanonicalization.canonicalNQuads(datasets.document),
                try RDFCanonicalization.canonicalNQuads(datasets.proofConfiguration))
    }
}
