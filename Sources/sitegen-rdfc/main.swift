import Foundation
import SitegenLinkedData

// sitegen's RDF canonicalisation on the command line, for Scripts/check-rdfc.py (which compares
// it with pyld's) and for timing it:
//   sitegen-rdfc [--part document|proof] FILE   canonical N-Quads of a JSON-LD file; with --part,
//                                              of a signed file's document or proof configuration
//   sitegen-rdfc --nquads FILE                  canonical N-Quads of an N-Quads file
//   sitegen-rdfc --bench FILE...                microseconds per file (parse, expand, toRdf,
//                                              canonicalise), first round and best of 200 rounds (SITEGEN_RDFC_ROUNDS)
//   sitegen-rdfc --bench-signed FILE...         the same for signed credentials: document and proof
//                                              configuration, as eddsa-rdfc-2022 canonicalises them

func fail(_ message: String, status: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(status)
}

func read(_ path: String) -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    return [UInt8](data)
}

var arguments = Array(CommandLine.arguments.dropFirst())
let usage = "usage: sitegen-rdfc [--part document|proof | --nquads] FILE | --bench FILE... | --bench-signed FILE..."
guard let first = arguments.first else { fail(usage, status: 2) }

do {
    switch first {
    case "--bench":
        let inputs = arguments.dropFirst().map(read)
        guard !inputs.isEmpty else { fail(usage, status: 2) }
        var best = Double.infinity
        var firstRound = 0.0
        var bytes = 0
        let rounds = Int(ProcessInfo.processInfo.environment["SITEGEN_RDFC_ROUNDS"] ?? "") ?? 200
        for round in 0..<rounds {
            let start = DispatchTime.now().uptimeNanoseconds
            for input in inputs { bytes &+= try LinkedDataDocument.canonicalNQuads(json: input).count }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1000 / Double(inputs.count)
            if round == 0 { firstRound = elapsed }
            best = min(best, elapsed)
        }
        // The two stages apart, best rounds: JSON-LD to RDF, then canonicalisation.
        let datasets = try inputs.map { try LinkedDataDocument.dataset(json: $0) }
        var bestDataset = Double.infinity
        var bestCanonical = Double.infinity
        for _ in 0..<rounds {
            var start = DispatchTime.now().uptimeNanoseconds
            for input in inputs { bytes &+= try LinkedDataDocument.dataset(json: input).count }
            bestDataset = min(bestDataset, Double(DispatchTime.now().uptimeNanoseconds - start) / 1000 / Double(inputs.count))
            start = DispatchTime.now().uptimeNanoseconds
            for dataset in datasets { bytes &+= try RDFCanonicalization.canonicalNQuads(dataset).count }
            bestCanonical = min(bestCanonical, Double(DispatchTime.now().uptimeNanoseconds - start) / 1000 / Double(inputs.count))
        }
        print(String(format: "µs per document: first round %.1f, best round %.1f (JSON-LD to RDF %.1f, canonicalisation %.1f; %d documents, checksum %d)",
                     firstRound, best, bestDataset, bestCanonical, inputs.count, bytes))
    case "--bench-signed":
        // What eddsa-rdfc-2022 canonicalises for one credential: its document and proof configuration.
        let inputs = arguments.dropFirst().map(read)
        guard !inputs.isEmpty else { fail(usage, status: 2) }
        var best = Double.infinity
        var firstRound = 0.0
        var bytes = 0
        let rounds = Int(ProcessInfo.processInfo.environment["SITEGEN_RDFC_ROUNDS"] ?? "") ?? 200
        for round in 0..<rounds {
            let start = DispatchTime.now().uptimeNanoseconds
            for input in inputs {
                let parts = try LinkedDataDocument.canonicalSigningInputs(signedJSON: input)
                bytes &+= parts.document.count + parts.proofConfiguration.count
            }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1000 / Double(inputs.count)
            if round == 0 { firstRound = elapsed }
            best = min(best, elapsed)
        }
        print(String(format: "µs per signed credential (document and proof configuration): first round %.1f, best round %.1f (%d credentials, checksum %d)",
                     firstRound, best, inputs.count, bytes))
    case "--part":
        guard arguments.count == 3 else { fail(usage, status: 2) }
        let parts = try LinkedDataDocument.canonicalSigningInputs(signedJSON: read(arguments[2]))
        switch arguments[1] {
        case "document": FileHandle.standardOutput.write(Data(parts.document))
        case "proof": FileHandle.standardOutput.write(Data(parts.proofConfiguration))
        default: fail(usage, status: 2)
        }
    case "--nquads":
        guard arguments.count == 2 else { fail(usage, status: 2) }
        let dataset = try NQuadsReader.parse(read(arguments[1]))
        FileHandle.standardOutput.write(Data(try RDFCanonicalization.canonicalNQuads(dataset)))
    default:
        guard arguments.count == 1 else { fail(usage, status: 2) }
        FileHandle.standardOutput.write(Data(try LinkedDataDocument.canonicalNQuads(json: read(first))))
    }
} catch {
    fail("sitegen-rdfc: \(error)")
}
