import Foundation
import SitegenSignature
import SitegenSource
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The issuer's Ed25519 signing key: SITEGEN_SIGNING_KEY (Multikey `secretKeyMultibase`, `z3u2…`),
/// else `.sitegen-signing-key` in the content folder, which `build` creates once. Only its public
/// key ever reaches the output (the DID document); the key itself goes nowhere but into signing.
/// Messages about a bad key say what is wrong with it and never show it.
///
/// Losing the key file means new credentials are signed by a new key; the old ones keep
/// verifying only when the old public key is listed in `site.retired_keys` (docs/credentials.md).
enum SigningKey {
    static let fileName = ".sitegen-signing-key"
    static let environmentVariable = "SITEGEN_SIGNING_KEY"

    struct Resolved {
        var key: Ed25519.PrivateKey
        /// Set when this run created the file, to tell the user.
        var createdFile: String?
        /// A file others can read: worth a warning, not a failed build.
        var warning: String?
    }

    static func path(contentDirectory: String) -> String {
        contentDirectory.hasSuffix("/") ? contentDirectory + fileName : contentDirectory + "/" + fileName
    }

    /// The key a build would use, if there is a good one already; creates nothing.
    static func existing(environment: [String: String], contentDirectory: String) -> Ed25519.PrivateKey? {
        guard case .success(let resolved) = resolve(environment: environment, contentDirectory: contentDirectory, create: false) else {
            return nil
        }
        return resolved.key
    }

    /// `check`'s look at the key: the problems of a key that is there (bad, or readable by
    /// others); none when there is no key yet, since `build` will make one.
    static func problems(environment: [String: String], contentDirectory: String) -> Diagnostics {
        var diagnostics = Diagnostics()
        let given = environment[environmentVariable].map { !$0.allSatisfy(\.isWhitespace) } ?? false
        guard given || FileManager.default.fileExists(atPath: path(contentDirectory: contentDirectory)) else { return diagnostics }
        switch resolve(environment: environment, contentDirectory: contentDirectory, create: false) {
        case .success(let resolved):
            if let warning = resolved.warning { diagnostics.warning(warning, at: nil) }
        case .failure(let error):
            diagnostics.error(error.message, at: nil)
        }
        return diagnostics
    }

    /// The key from the environment, else the file, else (with `create`) a new file. Without
    /// `create` and without a key, the failure says how to get one.
    static func resolve(environment: [String: String], contentDirectory: String, create: Bool = true) -> Result<Resolved, BuildError> {
        if let value = environment[environmentVariable], !value.allSatisfy(\.isWhitespace) {
            do {
                return .success(Resolved(key: try Multikey.privateKey(secretKeyMultibase: value)))
            } catch {
                return .failure(BuildError("\(environmentVariable) is not an Ed25519 secret key in Multikey form (secretKeyMultibase, z3u2…): \(explain(error))"))
            }
        }
        let path = path(contentDirectory: contentDirectory)
        if let data = FileManager.default.contents(atPath: path) {
            return read(data, path: path)
        }
        guard create else {
            return .failure(BuildError("no signing key: set \(environmentVariable), or run `sitegen build`, which creates \(DisplayPath.of(path))"))
        }
        let key = Ed25519.PrivateKey.generate()
        let text = """
        # sitegen's issuer signing key (Ed25519, Multikey secretKeyMultibase). Secret: keep it out of
        # version control, back it up, never share it. Its public key is in the site's DID document.
        \(Multikey.secretKeyMultibase(key))

        """
        switch createExclusively(path, contents: Array(text.utf8)) {
        case .created:
            return .success(Resolved(key: key, createdFile: path))
        case .exists:
            // Another build made it meanwhile: that one is the key.
            guard let data = FileManager.default.contents(atPath: path) else {
                return .failure(BuildError("cannot read the signing key file \(DisplayPath.of(path))"))
            }
            return read(data, path: path)
        case .failed(let reason):
            return .failure(BuildError("cannot create the signing key file \(DisplayPath.of(path)) (\(reason)); set \(environmentVariable) instead"))
        }
    }

    /// The file's one key line; blank lines and `#` comments are skipped.
    static func read(_ data: Data, path: String) -> Result<Resolved, BuildError> {
        let display = DisplayPath.of(path)
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard lines.count == 1 else {
            return .failure(BuildError("\(display) must hold one line with the key (secretKeyMultibase, z3u2…) besides '#' comments; it holds \(lines.count)"))
        }
        let key: Ed25519.PrivateKey
        do {
            key = try Multikey.privateKey(secretKeyMultibase: lines[0])
        } catch {
            return .failure(BuildError("\(display) does not hold an Ed25519 secret key in Multikey form (secretKeyMultibase, z3u2…): \(explain(error))"))
        }
        var resolved = Resolved(key: key)
        if let mode = (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int, mode & 0o077 != 0 {
            resolved.warning = "\(display) can be read by other users (mode \(String(mode & 0o777, radix: 8))): make it owner-only with `chmod 600`"
        }
        return .success(resolved)
    }

    /// What is wrong with a key, in words that never quote it: the messages that name the first
    /// character found, or the first bytes of an unknown header, are replaced, since those are
    /// part of the secret text.
    static func explain(_ error: EncodingError) -> String {
        switch error {
        case .unsupportedMultibasePrefix, .wrongMultibase, .empty:
            return "it must start with 'z' (multibase base58btc)"
        case .wrongMulticodec(let expected, let found) where found.hasPrefix("0x"):
            return "its multicodec header is not \(expected)"
        default:
            return error.description
        }
    }

    enum Creation {
        case created, exists
        case failed(String)
    }

    /// Creates the file owner-only from its first byte: `open` with O_EXCL and mode 0600, rather
    /// than writing then changing permissions, which leaves a moment when others could read it.
    static func createExclusively(_ path: String, contents: [UInt8]) -> Creation {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            let code = errno
            return code == EEXIST ? .exists : .failed(String(cString: strerror(code)))
        }
        var written = 0
        while written < contents.count {
            let count = contents[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                unlink(path)
                return .failed(reason)
            }
            written += count
        }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        guard synced else {
            unlink(path)
            return .failed("cannot flush it to disk")
        }
        return .created
    }
}
