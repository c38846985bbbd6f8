import Testing
import SitegenLinkedData

/// What JSON-LD would drop silently (and so leave unsigned), or what verifiers would canonicalise
/// differently, is refused with a clear error, and bad bytes never trap.
@Suite struct SafeModeTests {
    static let contexts = #"["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]"#

    static func credential(_ fields: String, context: String = contexts) -> [UInt8] {
        Array(#"{"@context": \#(context), "id": "urn:example:1", "type": ["VerifiableCredential", "OpenBadgeCredential"], \#(fields)}"#.utf8)
    }

    static func error(_ json: [UInt8]) -> String? {
        do {
            _ = try LinkedDataDocument.canonicalNQuads(json: json)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func aWellFormedCredentialPasses() throws {
        let nquads = try LinkedDataDocument.canonicalNQuads(json: Self.credential(#""name": "ok""#))
        #expect(String(decoding: nquads, as: UTF8.self).contains("<urn:example:1> <https://schema.org/name> \"ok\" .\n"))
    }

    @Test(arguments: [
        (#""nmae": "typo""#, "\"nmae\" is not a term"),
        (#""issuer": {"id": "did:web:example.org", "type": "Profile", "colour": "red"}"#, "\"colour\" is not a term"),
        (#""credentialSubject": {"type": "AchievementSubject", "criteria": {"narrative": "x"}}"#, "\"criteria\" is not a term"),
        (#""issuer": {"id": "did:web:example.org", "type": "Issuer"}"#, "type \"Issuer\""),
        (#""issuer": "relative/path""#, "not an absolute IRI"),
        (#""issuer": "https://example.org/a b""#, "a character an IRI cannot"),
        (#""name": "bell \u0007""#, "U+0007"),
        (#""name": "form feed \f""#, "U+000C"),
        (#""name": "delete \u007f""#, "U+007F"),
        (#""name": {"@value": "x", "@language": "en"}"#, "@language is not supported"),
        (#""name": "x", "https://schema.org/name": "y", "name": "z""#, "duplicate key"),
    ])
    func refused(_ fields: String, _ reason: String) {
        let message = Self.error(Self.credential(fields))
        #expect(message?.contains(reason) == true, "\(message ?? "accepted")")
    }

    @Test(arguments: [
        #""https://www.w3.org/2018/credentials/v1""#,
        #"["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json"]"#,
        #"["https://www.w3.org/ns/credentials/v2", {"@vocab": "https://example.org/#"}]"#,
    ])
    func onlyPinnedContexts(_ context: String) {
        let message = Self.error(Self.credential(#""name": "x""#, context: context))
        #expect(message != nil)
        #expect(message?.contains("pinned") == true || message?.contains("embedded") == true, "\(message ?? "accepted")")
    }

    @Test(arguments: [
        "", "{", "[1,]", #"{"a": 01}"#, #"{"a": "\ud800"}"#, "\u{FEFF}", #"{"a":"\#u{1}"}"#, "nul", #"{"a" 1}"#, "[\"\\u12\"]",
    ])
    func badJSONIsAnError(_ text: String) {
        #expect(Self.error(Array(text.utf8)) != nil)
    }

    @Test func invalidUTF8IsAnError() {
        for bytes: [UInt8] in [[0x22, 0xC0, 0xAF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], [0x22, 0xE2, 0x82]] {
            #expect(Self.error(Array(#"{"@context": "https://www.w3.org/ns/credentials/v2", "name": "#.utf8) + bytes + [0x7D]) != nil)
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = Array(String(repeating: "[", count: 100_000).utf8)
        #expect(Self.error(deep)?.contains("nesting") == true)
    }

    /// pyld and RDFC-1.0 agree on tab, LF and CR; those pass.
    @Test func tabsAndLineBreaksAreText() throws {
        let nquads = try LinkedDataDocument.canonicalNQuads(json: Self.credential(#""name": "a\tb\nc\rd\"e\\f""#))
        #expect(String(decoding: nquads, as: UTF8.self).contains(#""a\tb\nc\rd\"e\\f" ."#))
    }
}

/// Blank node identifiers written in a document can make any graph, a poison clique included:
/// canonicalisation refuses it within its work limit rather than running for hours.
@Suite struct PoisonGraphTests {
    static func clique(of size: Int) -> [UInt8] {
        let nodes = (0..<size).map { node in
            let others = (0..<size).filter { $0 != node }.map { "\"_:b\($0)\"" }.joined(separator: ", ")
            return #"{"id": "_:b\#(node)", "type": "VerifiableCredential", "relatedResource": [\#(others)]}"#
        }
        return Array(#"{"@context": "https://www.w3.org/ns/credentials/v2", "id": "urn:example:poison", "type": "VerifiableCredential", "relatedResource": [\#(nodes.joined(separator: ", "))]}"#.utf8)
    }

    @Test func aCliqueOfTenIsRefused() {
        #expect {
            _ = try LinkedDataDocument.canonicalNQuads(json: Self.clique(of: 10))
        } throws: { error in
            (error as? LinkedDataError)?.message.contains("poison graph") == true
        }
    }

    /// The same shape, small, is canonicalised: the n-degree algorithm tells its nodes apart.
    @Test func aCliqueOfThreeIsCanonicalised() throws {
        let nquads = String(decoding: try LinkedDataDocument.canonicalNQuads(json: Self.clique(of: 3)), as: UTF8.self)
        for label in ["_:c14n0", "_:c14n1", "_:c14n2"] { #expect(nquads.contains(label)) }
        #expect(!nquads.contains("_:c14n3"))
    }
}
