import Testing
import SitegenModel

/// The did:web DID of a base URL and where its document is published. The examples from the
/// did:web method specification (W3C CCG, §3.1 and §3.2) are marked; the others are the cases a
/// site's base URL can take.
struct DIDWebTests {
    struct Case: Sendable, CustomStringConvertible {
        var baseURL: String
        var did: String
        var path: String
        var url: String
        var description: String { baseURL }
    }

    static let derived: [Case] = [
        // Spec: did:web:w3c-ccg.github.io → https://w3c-ccg.github.io/.well-known/did.json
        Case(baseURL: "https://w3c-ccg.github.io/", did: "did:web:w3c-ccg.github.io",
             path: ".well-known/did.json", url: "https://w3c-ccg.github.io/.well-known/did.json"),
        // Spec: did:web:w3c-ccg.github.io:user:alice → https://w3c-ccg.github.io/user/alice/did.json
        Case(baseURL: "https://w3c-ccg.github.io/user/alice/", did: "did:web:w3c-ccg.github.io:user:alice",
             path: "did.json", url: "https://w3c-ccg.github.io/user/alice/did.json"),
        // Spec: did:web:example.com%3A3000:user:alice → https://example.com:3000/user/alice/did.json
        Case(baseURL: "https://example.com:3000/user/alice/", did: "did:web:example.com%3A3000:user:alice",
             path: "did.json", url: "https://example.com:3000/user/alice/did.json"),
        Case(baseURL: "https://badges.example.org", did: "did:web:badges.example.org",
             path: ".well-known/did.json", url: "https://badges.example.org/.well-known/did.json"),
        // DNS ignores case; DIDs are compared byte for byte, so the host is lowercased.
        Case(baseURL: "HTTPS://Badges.Example.ORG/Certs/", did: "did:web:badges.example.org:Certs",
             path: "did.json", url: "https://badges.example.org/Certs/did.json"),
        // A preview: the port's colon is %3A, and the default port of the scheme is left out.
        Case(baseURL: "http://127.0.0.1:8000/", did: "did:web:127.0.0.1%3A8000",
             path: ".well-known/did.json", url: "https://127.0.0.1:8000/.well-known/did.json"),
        Case(baseURL: "https://example.com:443/", did: "did:web:example.com",
             path: ".well-known/did.json", url: "https://example.com/.well-known/did.json"),
        // Punycode hosts are plain ASCII names.
        Case(baseURL: "https://xn--bcher-kva.example/", did: "did:web:xn--bcher-kva.example",
             path: ".well-known/did.json", url: "https://xn--bcher-kva.example/.well-known/did.json"),
        // Path bytes that are no DID idchar are percent-encoded: `:` would split the segment,
        // `~` and non-ASCII are not allowed; an existing %XX is kept (hex uppercased).
        Case(baseURL: "https://example.com/~alice/a:b/", did: "did:web:example.com:%7Ealice:a%3Ab",
             path: "did.json", url: "https://example.com/%7Ealice/a%3Ab/did.json"),
        Case(baseURL: "https://example.com/café/", did: "did:web:example.com:caf%C3%A9",
             path: "did.json", url: "https://example.com/caf%C3%A9/did.json"),
        Case(baseURL: "https://example.com/caf%c3%a9/x_y-z.1/", did: "did:web:example.com:caf%C3%A9:x_y-z.1",
             path: "did.json", url: "https://example.com/caf%C3%A9/x_y-z.1/did.json"),
    ]

    @Test(arguments: derived)
    func derivesTheDIDAndTheDocumentLocation(_ expected: Case) throws {
        let web = try DIDWeb(baseURL: expected.baseURL)
        #expect(web.did == expected.did)
        #expect(web.documentPath == expected.path)
        #expect(web.documentURL == expected.url)
    }

    static let refused: [(String, String)] = [
        ("https://bücher.example/", "punycode"),
        ("https://user:pw@example.com/", "user name"),
        ("https://[::1]:8000/", "IPv6"),
        ("https://example.com:0/", "port"),
        ("https://example.com:99999/", "port"),
        ("https://example.com:80a/", "port"),
        ("https://example.com:/", "port"),
        ("https://example..com/", "domain name"),
        ("https://.example.com/", "domain name"),
        ("https://exa%41mple.com/", "domain name"),
        ("https://example.com//badges/", "empty segment"),
        ("https://example.com/a/../", "'..'"),
        ("https://example.com/a/?q=1", "query"),
        ("https://example.com/#top", "query or fragment"),
        ("ftp://example.com/", "https://"),
        ("https:///path/", "no host"),
    ]

    @Test func refusesBaseURLsWithNoDID() {
        for (baseURL, reason) in Self.refused {
            do {
                let web = try DIDWeb(baseURL: baseURL)
                Issue.record("\(baseURL) gave \(web.did)")
            } catch {
                #expect(error.description.contains(reason), "\(baseURL): \(error)")
            }
        }
    }

    @Test func checkReportsABaseURLWithNoDIDAtItsLine() {
        var site = ModelTestSite()
        site.files["C/site.yaml"] = "title: T\nbase_url: https://bücher.example/\ndefault_locale: en\nissuer: acme\n"
        let (_, diagnostics) = site.run()
        #expect(diagnostics.contains { $0.hasPrefix("C/site.yaml:2:11: error: 'base_url' gives no did:web DID") && $0.contains("xn--") },
                "\(diagnostics)")
    }

    /// RFC 8032 §7.1 test 1's public key and test 2's, as Multikeys (`0xed01` + key, base58btc).
    static let rfcKey1 = "z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw"
    static let rfcKey2 = "z6MkiaMbhXHNA4eJVCCj8dbzKzTgYDKf6crKgHVHid1F1WCT"

    @Test func retiredKeysAreDecodedInOrder() throws {
        var site = ModelTestSite()
        site.files["C/site.yaml"]! += "retired_keys:\n  - \(Self.rfcKey2)\n  - \(Self.rfcKey1)\n"
        let (content, diagnostics) = site.run()
        #expect(diagnostics == [])
        #expect(try #require(content).site.retiredKeys == [Self.rfcKey2, Self.rfcKey1])
    }

    @Test func badRetiredKeysAreLocatedErrorsThatDoNotEchoTheText() {
        // A secret key (RFC 8032 test 1's seed as secretKeyMultibase) pasted by mistake.
        let secret = "z3u2bpACJXYj89Vh7HqHn8oVv2A2niEy9FcQUzzuQTYJ61AX"
        let lines = [
            "retired_keys:",
            "  - \(Self.rfcKey1)",
            "  - \(secret)",
            "  - z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMs0",
            "  - \(Self.rfcKey1)",
            "  - 6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw",
        ]
        var site = ModelTestSite()
        site.files["C/site.yaml"]! += lines.joined(separator: "\n") + "\n"
        let (_, diagnostics) = site.run()
        let errors = diagnostics.filter { $0.contains(": error: ") }
        #expect(errors.count == 4, "\(diagnostics)")
        #expect(errors.contains { $0.hasPrefix("C/site.yaml:8:5: error:") && $0.contains("ed25519-priv") })
        #expect(errors.contains { $0.hasPrefix("C/site.yaml:9:5: error:") && $0.contains("base58") })
        #expect(errors.contains { $0.hasPrefix("C/site.yaml:10:5: error:") && $0.contains("listed twice") })
        #expect(errors.contains { $0.hasPrefix("C/site.yaml:11:5: error:") && $0.contains("multibase") })
        #expect(!diagnostics.joined().contains(secret.dropFirst(4).prefix(12)))
    }
}
