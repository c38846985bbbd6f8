import Foundation
import Testing
@testable import Sitegen
import SitegenModel
import SitegenSignature

/// The issuer's signing key and its DID document, through real builds into temporary folders:
/// where the key comes from, that the key file is made once and owner-only, that a bad key is
/// an error that never shows it, that the DID document holds the public keys and nothing else,
/// and that no encoding of the secret reaches any byte a build writes or says.
@Suite struct IssuerKeyTests {
    /// The fixture site on disk (the key file is a real file) with no key given: the build finds
    /// or makes one as `sitegen build` does.
    static func site(_ folder: TemporaryFolder, siteYAML extra: String = "") throws -> BuildOptions {
        for (path, text) in FixtureSite.base {
            let full = folder.sub(path)
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try (path == "Content/site.yaml" ? text + extra : text).write(toFile: full, atomically: true, encoding: .utf8)
        }
        var options = BuildOptions()
        options.contentDirectory = folder.sub("Content")
        options.themesDirectory = FixtureSite.themesDirectory
        options.outputDirectory = folder.sub("site/out")
        options.date = Day(year: 2026, month: 11, day: 21)
        options.secret = Array("key-test-secret-key-test-secret".utf8)
        options.jobs = 2
        return options
    }

    static func keyFile(_ options: BuildOptions) -> String { options.contentDirectory + "/" + SigningKey.fileName }

    static func didDocument(_ output: String, path: String = ".well-known/did.json") throws -> [String: Any] {
        let data = try #require(FileManager.default.contents(atPath: output + "/" + path), "no \(path)")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func methods(_ document: [String: Any]) -> [[String: String]] {
        (document["verificationMethod"] as? [[String: String]]) ?? []
    }

    /// Everything a build said: notes and diagnostics.
    static func said(_ report: SiteBuild.Report) -> String {
        (report.notes + report.diagnostics.all.map(\.description)).joined(separator: "\n")
    }

    @Test func theKeyFileIsMadeOnceOwnerOnlyAndItsPublicKeyIsInTheDIDDocument() throws {
        let folder = TemporaryFolder()
        let options = try Self.site(folder)
        let first = SiteBuild.run(options)
        #expect(first.succeeded, "\(first.diagnostics.sorted)")
        #expect(first.notes.contains { $0.contains("created the issuer signing key") && $0.contains(SigningKey.fileName) })
        let path = Self.keyFile(options)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o777 } == 0o600)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("# "))
        let line = try #require(text.split(separator: "\n").first { !$0.hasPrefix("#") })
        #expect(line.hasPrefix("z3u2"))
        let key = try Multikey.privateKey(secretKeyMultibase: line)

        let document = try Self.didDocument(options.outputDirectory)
        #expect(document["@context"] as? [String] == ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"])
        #expect(document["id"] as? String == "did:web:badges.example.org")
        let methods = Self.methods(document)
        #expect(methods.count == 1)
        let method = try #require(methods.first)
        #expect(method["type"] == "Multikey" && method["controller"] == "did:web:badges.example.org")
        let published = try Multikey.publicKey(multibase: try #require(method["publicKeyMultibase"]))
        #expect(published == key.publicKey)
        #expect(method["id"] == "did:web:badges.example.org#" + (method["publicKeyMultibase"] ?? "?"))
        #expect(document["assertionMethod"] as? [String] == [method["id"]!])
        #expect(document["authentication"] as? [String] == [method["id"]!])
        // The published key verifies what the key file's key signs.
        let message = Array("an award".utf8)
        #expect(published.isValidSignature(key.signature(for: message), for: message))

        // Reused: no note, the same file, the same document; a fresh output folder too.
        let again = SiteBuild.run(options)
        #expect(again.succeeded && again.notes.isEmpty)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        var elsewhere = options
        elsewhere.outputDirectory = folder.sub("site/second")
        #expect(SiteBuild.run(elsewhere).succeeded)
        #expect(readTree(elsewhere.outputDirectory)[".well-known/did.json"] == readTree(options.outputDirectory)[".well-known/did.json"])
    }

    /// The key file is left out of the input fingerprint (its public key is digested instead):
    /// a rebuild with the same key stops at the fingerprint, another key in the file or the
    /// environment defeats it and rewrites what shows or carries the key (see
    /// `anotherKeyRewritesOnlyWhatItSigns`): five files of the one-award site.
    @Test func anotherKeyDefeatsTheFingerprint() throws {
        let folder = TemporaryFolder()
        var options = try Self.site(folder)
        #expect(SiteBuild.run(options).succeeded)
        // The first build numbered the awards in the content's status index record: the content
        // changed, so the next build runs (and writes nothing), and the one after stops early.
        #expect(SiteBuild.run(options).files?.written == 0)
        #expect(SiteBuild.run(options).times.steps.map(\.name) == ["fingerprint"])
        try "\(Multikey.secretKeyMultibase(TestSigningKeys.other))\n".write(toFile: Self.keyFile(options), atomically: true, encoding: .utf8)
        let fromFile = SiteBuild.run(options)
        #expect(fromFile.times.steps.count > 1 && fromFile.files?.written == 5)
        #expect(SiteBuild.run(options).times.steps.map(\.name) == ["fingerprint"])
        options.environment["SITEGEN_SIGNING_KEY"] = Multikey.secretKeyMultibase(TestSigningKeys.sample)
        let fromEnvironment = SiteBuild.run(options)
        #expect(fromEnvironment.times.steps.count > 1 && fromEnvironment.files?.written == 5)
        #expect(SiteBuild.run(options).times.steps.map(\.name) == ["fingerprint"])
        let method = try #require(Self.methods(try Self.didDocument(options.outputDirectory)).first)
        #expect(method["publicKeyMultibase"] == Multikey.publicKeyMultibase(TestSigningKeys.sample.publicKey))
    }

    @Test func aKeyMadeInCIIsAWarning() throws {
        let folder = TemporaryFolder()
        var options = try Self.site(folder)
        options.environment["CI"] = "true"
        let report = SiteBuild.run(options)
        #expect(report.succeeded)
        #expect(report.diagnostics.all.contains { $0.severity == .warning && $0.message.contains("SITEGEN_SIGNING_KEY from the CI's secrets") })
        // With the key there, nothing to say (a fresh output folder, so the build runs in full).
        options.outputDirectory = folder.sub("site/second")
        #expect(!SiteBuild.run(options).diagnostics.all.contains { $0.message.contains("CI") })
    }

    @Test func theEnvironmentKeyWinsAndNoFileIsMade() throws {
        let folder = TemporaryFolder()
        var options = try Self.site(folder)
        let key = TestSigningKeys.other
        options.environment["SITEGEN_SIGNING_KEY"] = "\n  " + Multikey.secretKeyMultibase(key) + "\n"
        let report = SiteBuild.run(options)
        #expect(report.succeeded, "\(report.diagnostics.sorted)")
        #expect(!report.notes.contains { $0.contains("signing key") })
        #expect(!FileManager.default.fileExists(atPath: Self.keyFile(options)))
        let method = try #require(Self.methods(try Self.didDocument(options.outputDirectory)).first)
        #expect(try Multikey.publicKey(multibase: method["publicKeyMultibase"] ?? "") == key.publicKey)
    }

    @Test func checkAndSnippetsAndDIDMakeNoKeyFile() throws {
        let folder = TemporaryFolder()
        let options = try Self.site(folder)
        #expect(!CheckCommand.run(options).hasErrors)
        #expect(!SnippetsCommand.run(options, format: .text, ids: []).diagnostics.hasErrors)
        let did = DIDCommand.run(options, format: .text)
        #expect(did.diagnostics.hasErrors && did.text.isEmpty)
        #expect(did.diagnostics.all.contains { $0.message.contains("no signing key") && $0.message.contains("sitegen build") })
        #expect(!FileManager.default.fileExists(atPath: Self.keyFile(options)))
    }

    /// Malformed keys, each refused with a message that names the problem and the source and
    /// quotes no run of the value, and nothing written.
    @Test func aBadKeyIsAnErrorThatNeverShowsIt() throws {
        let good = Multikey.secretKeyMultibase(TestSigningKeys.other)
        let seedHex = TestSigningKeys.other.seedBytes.map { String(format: "%02x", $0) }.joined()
        let bad: [(String, String)] = [
            (String(good.prefix(20)) + "0" + String(good.dropFirst(21)), "base58"),
            (seedHex, "must start with 'z'"),
            ("Z" + good.dropFirst(), "must start with 'z'"),
            (String(good.dropLast(6)), "multicodec header is not"),
            (Multikey.publicKeyMultibase(TestSigningKeys.other.publicKey), "a public key"),
            // The 64-byte form whose public half belongs to another seed.
            (Multibase.encode([0x80, 0x26] + TestSigningKeys.other.seedBytes + TestSigningKeys.sample.publicKey.bytes, as: .base58btc),
             "second half"),
            (String(repeating: good, count: 4), "too long"),
        ]
        for (value, reason) in bad {
            let folder = TemporaryFolder()
            var options = try Self.site(folder)
            options.environment["SITEGEN_SIGNING_KEY"] = value
            let report = SiteBuild.run(options)
            #expect(!report.succeeded)
            let text = Self.said(report)
            #expect(text.contains("SITEGEN_SIGNING_KEY") && text.contains(reason), "\(text)")
            Self.expectNoRun(of: value, in: text)
            #expect(readTree(options.outputDirectory).isEmpty)
            let did = DIDCommand.run(options, format: .json)
            #expect(did.diagnostics.hasErrors && did.text.isEmpty)
            Self.expectNoRun(of: value, in: did.diagnostics.all.map(\.description).joined())

            // `check` finds it too, without showing it.
            let checked = CheckCommand.run(options)
            #expect(checked.hasErrors && checked.all.contains { $0.message.contains(reason) })
            Self.expectNoRun(of: value, in: checked.all.map(\.description).joined())

            // The same value in the key file: the error names the file.
            options.environment = [:]
            try "# a comment\n\(value)\n".write(toFile: Self.keyFile(options), atomically: true, encoding: .utf8)
            let fromFile = SiteBuild.run(options)
            #expect(!fromFile.succeeded)
            let fileText = Self.said(fromFile)
            #expect(fileText.contains(SigningKey.fileName) && fileText.contains(reason), "\(fileText)")
            Self.expectNoRun(of: value, in: fileText)
            #expect(CheckCommand.run(options).all.contains { $0.severity == .error && $0.message.contains(SigningKey.fileName) })
        }
        // Two keys in the file, or none.
        for text in ["\(good)\n\(good)\n", "# only a comment\n\n"] {
            let folder = TemporaryFolder()
            let options = try Self.site(folder)
            try text.write(toFile: Self.keyFile(options), atomically: true, encoding: .utf8)
            let report = SiteBuild.run(options)
            #expect(!report.succeeded && Self.said(report).contains("must hold one line"))
            Self.expectNoRun(of: good, in: Self.said(report))
        }
    }

    /// No 8 characters in a row of `secret` appear in `text` (the shared `z3u2` prefix is 4).
    static func expectNoRun(of secret: String, in text: String, length: Int = 8) {
        let characters = Array(secret)
        guard characters.count >= length else { return }
        for start in 0...(characters.count - length) {
            let run = String(characters[start..<(start + length)])
            if text.contains(run) {
                Issue.record("the message quotes '\(run)…' of the key")
                return
            }
        }
    }

    @Test func aKeyFileOthersCanReadIsAWarning() throws {
        let folder = TemporaryFolder()
        let options = try Self.site(folder)
        try "\(Multikey.secretKeyMultibase(TestSigningKeys.other))\n".write(toFile: Self.keyFile(options), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: Self.keyFile(options))
        let report = SiteBuild.run(options)
        #expect(report.succeeded)
        #expect(report.diagnostics.all.contains { $0.severity == .warning && $0.message.contains("chmod 600") })
    }

    @Test func retiredKeysFollowTheCurrentOneInTheDIDDocument() throws {
        let folder = TemporaryFolder()
        let retired = [TestSigningKeys.sample, TestSigningKeys.golden].map { Multikey.publicKeyMultibase($0.publicKey) }
        let current = Multikey.publicKeyMultibase(TestSigningKeys.other.publicKey)
        // The current key listed as retired too (a rotation undone) appears once.
        var options = try Self.site(folder, siteYAML: "retired_keys: [\(retired[0]), \(current), \(retired[1])]\n")
        options.signingKey = TestSigningKeys.other
        let report = SiteBuild.run(options)
        #expect(report.succeeded, "\(report.diagnostics.sorted)")
        let document = try Self.didDocument(options.outputDirectory)
        let did = "did:web:badges.example.org"
        #expect(Self.methods(document).compactMap { $0["publicKeyMultibase"] } == [current] + retired)
        #expect(Self.methods(document).allSatisfy { $0["controller"] == did && $0["type"] == "Multikey" })
        #expect(document["assertionMethod"] as? [String] == ([current] + retired).map { did + "#" + $0 })
        #expect(document["authentication"] as? [String] == [did + "#" + current])
    }

    @Test func aBaseURLWithAPathPutsTheDocumentAtTheRootAndARebuildMovesIt() throws {
        let folder = TemporaryFolder()
        var options = try Self.site(folder)
        options.signingKey = TestSigningKeys.fixture
        options.baseURL = "https://example.org:8443/org/badges/"
        #expect(SiteBuild.run(options).succeeded)
        var files = readTree(options.outputDirectory)
        #expect(files[".well-known/did.json"] == nil)
        let document = try Self.didDocument(options.outputDirectory, path: "did.json")
        #expect(document["id"] as? String == "did:web:example.org%3A8443:org:badges")

        options.baseURL = nil
        #expect(SiteBuild.run(options).succeeded)
        files = readTree(options.outputDirectory)
        #expect(files["did.json"] == nil)
        #expect(try Self.didDocument(options.outputDirectory)["id"] as? String == "did:web:badges.example.org")
    }

    /// Only what shows or carries the key changes: the DID document, the credential, the status
    /// list, the baked image that carries the credential, and the award page that names the key.
    @Test func anotherKeyRewritesOnlyWhatItSigns() throws {
        let folder = TemporaryFolder()
        var options = try Self.site(folder)
        options.signingKey = TestSigningKeys.fixture
        #expect(SiteBuild.run(options).succeeded)
        let before = readTree(options.outputDirectory)
        options.signingKey = TestSigningKeys.other
        let report = SiteBuild.run(options)
        let after = readTree(options.outputDirectory)
        #expect(Set(after.keys) == Set(before.keys))
        let changed = after.keys.filter { after[$0] != before[$0] }
        #expect(report.files?.written == changed.count, "\(String(describing: report.files))")
        #expect(Set(changed.map { $0.split(separator: "/").last.map(String.init) ?? $0 })
                == ["did.json", "1.json", "credential.json", "badge.svg", "index.html"])
        #expect(changed.filter { $0.hasSuffix("index.html") }.allSatisfy { $0.contains("awards/") })
    }

    @Test func theDIDCommandPrintsTheDIDAndThePublicKey() throws {
        let folder = TemporaryFolder()
        var options = try Self.site(folder, siteYAML: "retired_keys: [\(Multikey.publicKeyMultibase(TestSigningKeys.sample.publicKey))]\n")
        options.environment["SITEGEN_SIGNING_KEY"] = Multikey.secretKeyMultibase(TestSigningKeys.other)
        let publicKey = Multikey.publicKeyMultibase(TestSigningKeys.other.publicKey)
        let text = DIDCommand.run(options, format: .text)
        #expect(!text.diagnostics.hasErrors)
        let lines = text.text.split(separator: "\n").map(String.init)
        #expect(lines.contains("did: did:web:badges.example.org"))
        #expect(lines.contains("verification method: did:web:badges.example.org#" + publicKey))
        #expect(lines.contains("public key (publicKeyMultibase): " + publicKey))
        #expect(lines.contains("retired key: " + Multikey.publicKeyMultibase(TestSigningKeys.sample.publicKey)))
        options.baseURL = "http://localhost:8000/preview/"
        let json = DIDCommand.run(options, format: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [String: Any])
        #expect(object["did"] as? String == "did:web:localhost%3A8000:preview")
        #expect(object["publicKeyMultibase"] as? String == publicKey)
        #expect(object["documentURL"] as? String == "https://localhost:8000/preview/did.json")
        // What the command prints is what the build publishes.
        #expect(SiteBuild.run(options).succeeded)
        let method = try #require(Self.methods(try Self.didDocument(options.outputDirectory, path: "did.json")).first)
        #expect(method["id"] == object["verificationMethod"] as? String)
        for secret in SecretForms(TestSigningKeys.other).all {
            #expect(!text.text.contains(secret) && !json.text.contains(secret))
        }
    }

    /// The sample site built with a key file the build makes: no encoding of the key in any
    /// byte of the output or the build's own state folder, nor in anything the build said.
    @Test func theSecretKeyIsInNoOutputByteInAnyEncoding() throws {
        let folder = TemporaryFolder()
        let content = try SampleSite.copy(to: folder.path)
        try? FileManager.default.removeItem(atPath: content + "/" + SigningKey.fileName)
        var options = SampleSite.options(output: folder.sub("site/out"), content: content)
        options.signingKey = nil
        let report = SiteBuild.run(options)
        #expect(report.succeeded, "\(report.diagnostics.sorted)")
        let line = try #require(try String(contentsOfFile: content + "/" + SigningKey.fileName, encoding: .utf8)
            .split(separator: "\n").first { !$0.hasPrefix("#") })
        let key = try Multikey.privateKey(secretKeyMultibase: line)
        let forms = SecretForms(key).all
        // The search finds the key where it is: in the key file, beside the content.
        #expect(readTree(content)[SigningKey.fileName]?.contains(Multikey.secretKeyMultibase(key)) == true)
        let tree = readTree(folder.sub("site"))
        #expect(tree.count > 100 && tree.keys.contains { $0.hasPrefix(".sitegen/") } && tree[".well-known/did.json"] == nil)
        #expect(tree["out/.well-known/did.json"] != nil)
        for (path, bytes) in tree {
            for form in forms where bytes.contains(form) {
                Issue.record("\(path) holds the secret key as \(form.prefix(6))…")
            }
        }
        let said = Self.said(report)
        for form in forms { #expect(!said.contains(form)) }
    }
}

/// The key's seed as every encoding a leak could take: hex (both cases), base64 (padded or
/// not), base64url, base58, Multikey multibase (34- and 66-byte forms), and base64url multibase.
struct SecretForms {
    let all: [String]

    init(_ key: Ed25519.PrivateKey) {
        let seed = key.seedBytes
        let multikey = [UInt8]([0x80, 0x26]) + seed
        let hex = seed.map { String(format: "%02x", $0) }.joined()
        let base64 = Data(seed).base64EncodedString()
        let base64URL = base64.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        all = [
            hex, hex.uppercased(),
            base64, String(base64.prefix(40)), base64URL,
            Data(multikey).base64EncodedString(),
            Base58.encode(seed), Base58.encode(multikey),
            Multikey.secretKeyMultibase(key),
            Multibase.encode(multikey + key.publicKey.bytes, as: .base58btc),
            Multibase.encode(multikey, as: .base64url),
        ]
    }
}
