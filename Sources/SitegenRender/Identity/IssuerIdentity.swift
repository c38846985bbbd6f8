import SitegenModel

/// The issuer's did:web identity as the output sees it: the DID and public keys, nothing secret.
/// The secret key stays with the build (`SiteBuild.Prepared.signingKey`); whatever signs gets a
/// signer from there, never the key through the renderer's inputs or its output keys.
///
/// Verification methods are named `DID#publicKeyMultibase`: the fragment is the key itself, so a
/// method's id never changes when keys are rotated or retired, and credentials signed years ago
/// still name a method the document holds.
public struct IssuerIdentity: Sendable, Equatable {
    public let didWeb: DIDWeb
    /// The key that signs this build's credentials, as Multikey `publicKeyMultibase` (`z6Mk…`).
    public let currentKey: String
    /// Keys that signed earlier credentials, still trusted for those: the site's `retired_keys`
    /// in order, without the current key.
    public let retiredKeys: [String]

    public init(didWeb: DIDWeb, currentKey: String, retiredKeys: [String]) {
        self.didWeb = didWeb
        self.currentKey = currentKey
        self.retiredKeys = retiredKeys.filter { $0 != currentKey }
    }

    public var did: String { didWeb.did }

    public func verificationMethod(_ key: String) -> String { did + "#" + key }

    /// The `verificationMethod` a proof signed by the current key names.
    public var currentVerificationMethod: String { verificationMethod(currentKey) }

    /// Every key of the document, the current one first.
    public var keys: [String] { [currentKey] + retiredKeys }

    /// The DID document: every key a Multikey verification method and an `assertionMethod`
    /// (credentials are assertions); only the current key also in `authentication`, since a
    /// retired key vouches for what it signed, not for the DID's controller today.
    public func document() -> [UInt8] {
        var json = JSONWriter(pretty: true)
        json.beginObject()
        json.key("@context")
        json.beginArray()
        json.string("https://www.w3.org/ns/did/v1")
        json.string("https://w3id.org/security/multikey/v1")
        json.endArray()
        json.field("id", did)
        json.key("verificationMethod")
        json.beginArray()
        for key in keys {
            json.beginObject()
            json.field("id", verificationMethod(key))
            json.field("type", "Multikey")
            json.field("controller", did)
            json.field("publicKeyMultibase", key)
            json.endObject()
        }
        json.endArray()
        json.key("authentication")
        json.beginArray()
        json.string(currentVerificationMethod)
        json.endArray()
        json.key("assertionMethod")
        json.beginArray()
        for key in keys { json.string(verificationMethod(key)) }
        json.endArray()
        json.endObject()
        return json.bytes
    }
}
