/// A JSON-LD document under the pinned contexts, as RDF: what eddsa-rdfc-2022 signs.
public enum LinkedDataDocument {
    /// The document's RDF dataset (JSON-LD 1.1 expansion and toRdf, in safe mode).
    public static func dataset(json: [UInt8]) throws(LinkedDataError) -> RDFDataset {
        var emitter = RDFEmitter()
        try emitter.emitDocument(JSONReader.parse(json))
        return emitter.dataset
    }

    /// The RDFC-1.0 canonical N-Quads of the document's dataset, the bytes whose SHA-256 a Data
    /// Integrity proof signs.
    public static func canonicalNQuads(json: [UInt8]) throws(LinkedDataError) -> [UInt8] {
        try RDFCanonicalization.canonicalNQuads(dataset(json: json))
    }
}
