import Foundation
import SitegenDigest
import SitegenSignature

/// `sitegen-bench ed25519 [--count N] [--rounds N] [--only sign|verify|key]`: CPU µs per Ed25519 key derivation,
/// signature and verification on one thread, signing 64-byte messages (what eddsa-rdfc-2022
/// signs: two SHA-256 digests). Prints the first round (cold: includes building the
/// base-point tables) and the best round.
enum SignatureBenchmark {
    static func run(count: Int, rounds: Int, only: String?) {
        let key = Ed25519.PrivateKey.generate()
        var messages: [[UInt8]] = []
        for i in 0..<count {
            messages.append(SHA256.hash(Array("proof configuration \(i)".utf8)) + SHA256.hash(Array("credential \(i)".utf8)))
        }
        var signatures: [Ed25519.Signature] = []
        signatures.reserveCapacity(count)

        func measure(_ label: String, _ body: () -> Int) {
            if let only, only != label, !(only == "verify" && label == "sign") { return }
            var first = 0.0, best = Double.infinity
            for round in 0..<rounds {
                let start = clock()
                let done = body()
                let seconds = Double(clock() - start) / Double(CLOCKS_PER_SEC)
                let perItem = seconds / Double(max(1, done)) * 1e6
                if round == 0 { first = perItem }
                best = min(best, perItem)
            }
            print("\(label): first round \(String(format: "%.2f", first)) µs, best of \(rounds) \(String(format: "%.2f", best)) µs each (\(count) per round)")
        }

        measure("sign") {
            signatures.removeAll(keepingCapacity: true)
            for message in messages { signatures.append(key.signature(for: message)) }
            return messages.count
        }
        measure("verify") {
            var valid = 0
            for (message, signature) in zip(messages, signatures) where key.publicKey.isValidSignature(signature, for: message) {
                valid += 1
            }
            precondition(valid == messages.count, "a signature did not verify")
            return messages.count
        }
        measure("key") {
            var seed = [UInt8](repeating: 0, count: 32)
            var keys = 0
            for i in 0..<count {
                seed[0] = UInt8(truncatingIfNeeded: i)
                seed[1] = UInt8(truncatingIfNeeded: i >> 8)
                if (try? Ed25519.PrivateKey(seed: seed)) != nil { keys += 1 }
            }
            return keys
        }
    }
}
