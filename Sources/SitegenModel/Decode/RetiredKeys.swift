import SitegenSignature
import SitegenSource

/// `site.retired_keys`: the public keys of issuer keys no longer used for signing, kept in the
/// DID document so the credentials they signed keep verifying. Each must be an Ed25519 Multikey
/// public key (`z6Mk…`), checked here so a typo is a located error rather than a DID document
/// no verifier can use.
enum RetiredKeys {
    static func decode(_ node: SourceNode, _ diagnostics: inout Diagnostics) -> [String] {
        guard let items = Values.list(node, "retired_keys", &diagnostics) else { return [] }
        var keys: [String] = []
        for item in items {
            guard let text = Values.string(item, "retired_keys", &diagnostics) else { continue }
            do {
                let key = try Multikey.publicKey(multibase: text)
                // Written back in its one canonical form: the DID document and the key
                // comparisons then never depend on how the file spelled it.
                let canonical = Multikey.publicKeyMultibase(key)
                if keys.contains(canonical) {
                    diagnostics.error("key '\(canonical)' is listed twice in 'retired_keys'", at: item.location)
                } else {
                    keys.append(canonical)
                }
            } catch {
                // A secret key pasted here by mistake must not be echoed back: the message names
                // what is wrong, never the text.
                diagnostics.error("'retired_keys' entries must be Ed25519 public keys in Multikey form (publicKeyMultibase, z6Mk…): \(error)",
                                  at: item.location)
            }
        }
        return keys
    }
}
