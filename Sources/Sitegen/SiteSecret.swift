import Foundation
import SitegenDigest

/// The key behind recipient salts: SITEGEN_SECRET, else `.sitegen-secret` in the content folder,
/// created once with random bytes. Keep it out of version control (the sample's .gitignore
/// does); losing it changes the salts of every assertion, never a URL.
enum SiteSecret {
    static let fileName = ".sitegen-secret"

    struct Resolved {
        var secret: [UInt8]
        /// Set when this run created the file, to tell the user.
        var createdFile: String?
    }

    /// The secret a build would use, if there is one already; creates nothing.
    static func existing(environment: [String: String], contentDirectory: String) -> [UInt8]? {
        guard case .success(let resolved) = resolve(environment: environment, contentDirectory: contentDirectory, create: false) else {
            return nil
        }
        return resolved.secret
    }

    static func resolve(environment: [String: String], contentDirectory: String, create: Bool = true) -> Result<Resolved, BuildError> {
        if let value = environment["SITEGEN_SECRET"], !value.isEmpty {
            return .success(Resolved(secret: Array(value.utf8), createdFile: nil))
        }
        let path = contentDirectory.hasSuffix("/") ? contentDirectory + fileName : contentDirectory + "/" + fileName
        if let data = FileManager.default.contents(atPath: path) {
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard text.utf8.count >= 32 else { return .failure(BuildError("\(path) is too short to be a secret (32 characters at least)")) }
            return .success(Resolved(secret: Array(text.utf8), createdFile: nil))
        }
        guard create else { return .failure(BuildError("no secret yet")) }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let text = hexString(bytes) + "\n"
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            return .failure(BuildError("cannot create the secret file \(path); set SITEGEN_SECRET instead"))
        }
        return .success(Resolved(secret: Array(text.dropLast().utf8), createdFile: path))
    }
}
