import Foundation
import Testing
import SitegenLinkedData

/// OB 3.0 credentials (Fixtures/Credentials/*.json) whose canonical N-Quads were made by pyld's
/// `normalize` (URDNA2015) with Scripts/check-rdfc.py --write, serving the vendored contexts.
/// A signed credential is checked as eddsa-rdfc-2022 hashes it: document and proof configuration.
@Suite struct PyLDFixtureTests {
    static let names = ["full-award", "hostile-strings", "keywords-and-literals", "results-and-numbers", "twin-evidence"]

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

/// The processed contexts are shared by every thread: canonicalising at once from many threads
/// gives every thread the same bytes.
@Suite struct ConcurrencyTests {
    @Test func sameBytesFromManyThreads() throws {
        let json = try Fixtures.bytes("Credentials/full-award.json")
        let expected = try LinkedDataDocument.canonicalNQuads(json: json)
        let results = ResultBox(count: 16)
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            results.set(index, try? LinkedDataDocument.canonicalNQuads(json: json))
        }
        #expect(results.values.allSatisfy { $0 == expected })
    }

    final class ResultBox: @unchecked Sendable {
        private let lock = NSLock()
        private var storage: [[UInt8]?]

        init(count: Int) {
            storage = Array(repeating: nil, count: count)
        }

        func set(_ index: Int, _ value: [UInt8]?) {
            lock.lock()
            storage[index] = value
            lock.unlock()
        }

        var values: [[UInt8]?] {
            lock.lock()
            defer { lock.unlock() }
            return storage
        }
    }
}
