import SitegenModel
import SitegenRender
import SitegenSignature
import SitegenSource

/// `sitegen did`: the issuer's DID, the verification method credentials name and its public
/// key, as `build` publishes them in the DID document — for registering the issuer with a
/// wallet or verifier, and for noting the public key before a rotation (it is what
/// `retired_keys` lists). Reads the key, never creates it, and never prints it.
public enum DIDCommand {
    public struct Output: Sendable {
        public var text = ""
        public var diagnostics = Diagnostics()
    }

    public static func run(_ options: BuildOptions, format: SnippetFormat) -> Output {
        var output = Output()
        var times = StepTimes()
        var checked = Diagnostics()
        let content = ContentCheck.run(options, times: &times, diagnostics: &checked)
        // The content's warnings are `check`'s business; its errors stop this command too.
        for diagnostic in checked.all where diagnostic.severity == .error { output.diagnostics.append(diagnostic) }
        guard let content else { return output }
        let key: Ed25519.PrivateKey
        if let given = options.signingKey {
            key = given
        } else {
            switch SigningKey.resolve(environment: options.environment, contentDirectory: options.contentDirectory, create: false) {
            case .success(let resolved):
                key = resolved.key
                if let warning = resolved.warning { output.diagnostics.warning(warning, at: nil) }
            case .failure(let error):
                output.diagnostics.error(error.message, at: nil)
                return output
            }
        }
        let baseURL = options.baseURL ?? content.site.baseURL
        let identity: IssuerIdentity
        do throws(DIDWeb.Problem) {
            identity = IssuerIdentity(didWeb: try DIDWeb(baseURL: baseURL), currentKey: Multikey.publicKeyMultibase(key.publicKey),
                                      retiredKeys: content.site.retiredKeys)
        } catch {
            output.diagnostics.error("the base URL \(baseURL) gives no did:web DID for the issuer: \(error)", at: nil)
            return output
        }
        output.text = format == .json ? json(identity) : text(identity)
        return output
    }

    static func text(_ identity: IssuerIdentity) -> String {
        var lines = [
            "did: \(identity.did)",
            "verification method: \(identity.currentVerificationMethod)",
            "public key (publicKeyMultibase): \(identity.currentKey)",
            "DID document: \(identity.didWeb.documentURL) (\(identity.didWeb.documentPath) in the web root)",
        ]
        for key in identity.retiredKeys { lines.append("retired key: \(key)") }
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ identity: IssuerIdentity) -> String {
        var json = JSONWriter(pretty: true)
        json.beginObject()
        json.field("did", identity.did)
        json.field("verificationMethod", identity.currentVerificationMethod)
        json.field("publicKeyMultibase", identity.currentKey)
        json.field("documentURL", identity.didWeb.documentURL)
        json.field("documentPath", identity.didWeb.documentPath)
        json.key("retiredKeys")
        json.beginArray()
        for key in identity.retiredKeys { json.string(key) }
        json.endArray()
        json.endObject()
        return String(decoding: json.bytes, as: UTF8.self)
    }
}
