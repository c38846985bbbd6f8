import Foundation
import SitegenDigest
import SitegenModel
import SitegenLinkedData
import SitegenSignature

/// Signs credentials with the `eddsa-rdfc-2022` cryptosuite: the proof configuration and the
/// credential are each canonicalised (RDFC-1.0) and hashed with SHA-256, and the Ed25519
/// signature of the two hashes, configuration first, is the proof's value (multibase
/// base58btc). The issuer's private key stays inside: renderers get a signer, never the key.
public struct CredentialSigner: Sendable {
    private let key: Ed25519.PrivateKey

    public init(key: Ed25519.PrivateKey) {
        self.key = key
    }

    public var publicKey: Ed25519.PublicKey { key.publicKey }

    public func proofValue(credential: [UInt8], proofConfiguration: [UInt8]) throws(LinkedDataError) -> String {
        try proofValue(credential: credential, proofConfigurationHash: Self.canonicalHash(proofConfiguration))
    }

    /// The same, with the proof configuration's hash already made: many credentials share one
    /// configuration (`ProofConfigurationHashes`).
    public func proofValue(credential: [UInt8], proofConfigurationHash: [UInt8]) throws(LinkedDataError) -> String {
        let message = try proofConfigurationHash + Self.canonicalHash(credential)
        return Multibase.encode(key.signature(for: message).bytes, as: .base58btc)
    }

    /// The proof values of several credentials from what each signs, SHA-256(canonical proof
    /// configuration) ‖ SHA-256(canonical credential), signed together (`signatures(for:)`).
    public func proofValues(signingInputs: [[UInt8]]) -> [String] {
        key.signatures(for: signingInputs).map { Multibase.encode($0.bytes, as: .base58btc) }
    }

    /// SHA-256(canonical proof configuration) ‖ SHA-256(canonical credential): what is signed,
    /// and what a verifier checks the signature against.
    public static func signingInput(credential: [UInt8], proofConfiguration: [UInt8]) throws(LinkedDataError) -> [UInt8] {
        try canonicalHash(proofConfiguration) + canonicalHash(credential)
    }

    /// SHA-256 of a JSON-LD document's canonical N-Quads.
    public static func canonicalHash(_ json: [UInt8]) throws(LinkedDataError) -> [UInt8] {
        SHA256.hash(try LinkedDataDocument.canonicalNQuads(json: json))
    }
}

/// The canonical hash of each proof configuration, made once: an award's configuration differs
/// from another's only in `created`, its issue day, and a site has few of those. Canonicalising
/// and hashing it for every credential was about a tenth of a credential's cost.
final class ProofConfigurationHashes: @unchecked Sendable {
    private let lock = NSLock()
    private var hashes: [Day: [UInt8]] = [:]

    /// The hash of `day`'s configuration, `canonical` giving its canonical N-Quads if not known yet.
    func hash(for day: Day, _ canonical: () throws(LinkedDataError) -> [UInt8]) throws(LinkedDataError) -> [UInt8] {
        lock.lock()
        let known = hashes[day]
        lock.unlock()
        if let known { return known }
        let made = SHA256.hash(try canonical())
        lock.lock()
        hashes[day] = made
        lock.unlock()
        return made
    }
}
