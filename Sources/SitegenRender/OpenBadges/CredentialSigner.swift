import SitegenDigest
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
        let message = try Self.signingInput(credential: credential, proofConfiguration: proofConfiguration)
        return Multibase.encode(key.signature(for: message).bytes, as: .base58btc)
    }

    /// SHA-256(canonical proof configuration) ‖ SHA-256(canonical credential): what is signed,
    /// and what a verifier checks the signature against.
    public static func signingInput(credential: [UInt8], proofConfiguration: [UInt8]) throws(LinkedDataError) -> [UInt8] {
        let configuration = try LinkedDataDocument.canonicalNQuads(json: proofConfiguration)
        let document = try LinkedDataDocument.canonicalNQuads(json: credential)
        return SHA256.hash(configuration) + SHA256.hash(document)
    }
}
