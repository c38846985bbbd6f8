import Foundation
import Testing
import SitegenSignature

/// Project Wycheproof's Ed25519 vectors (Fixtures/wycheproof-ed25519_test.json, Apache-2.0):
/// every case is accepted or rejected exactly as marked. This version of the file marks every
/// case "valid" or "invalid"; an "acceptable" case (either outcome allowed) would be counted and
/// must not crash, and the test says how many there were.
@Suite struct WycheproofTests {
    struct File: Decodable {
        let algorithm: String
        let numberOfTests: Int
        let testGroups: [Group]
    }

    struct Group: Decodable {
        let type: String
        let publicKey: Key
        let tests: [Case]
    }

    struct Key: Decodable {
        let curve: String
        let pk: String
    }

    struct Case: Decodable {
        let tcId: Int
        let comment: String
        let msg: String
        let sig: String
        let result: String
        let flags: [String]
    }

    @Test func everyCaseAsMarked() throws {
        let file = try JSONDecoder().decode(File.self, from: FixtureFile.data("wycheproof-ed25519_test.json"))
        #expect(file.algorithm == "EDDSA")
        var counts: [String: Int] = [:]
        for group in file.testGroups {
            #expect(group.type == "EddsaVerify")
            #expect(group.publicKey.curve == "edwards25519")
            // A key that does not decode verifies nothing: each of its cases must be invalid.
            let key = try? Ed25519.PublicKey(bytes: bytes(hex: group.publicKey.pk))
            for test in group.tests {
                let accepted = key?.isValidSignature(bytes(hex: test.sig), for: bytes(hex: test.msg)) ?? false
                counts[test.result, default: 0] += 1
                switch test.result {
                case "valid":
                    #expect(accepted, "tcId \(test.tcId) (\(test.comment), \(test.flags)) must verify")
                case "invalid":
                    #expect(!accepted, "tcId \(test.tcId) (\(test.comment), \(test.flags)) must be rejected")
                case "acceptable":
                    break
                default:
                    Issue.record("tcId \(test.tcId): unknown result \(test.result)")
                }
            }
        }
        #expect(counts.values.reduce(0, +) == file.numberOfTests)
        #expect(counts["valid", default: 0] > 0 && counts["invalid", default: 0] > 0)
        #expect(counts["acceptable", default: 0] == 0, "acceptable cases are new in the vendored file: document how they go")
    }
}
