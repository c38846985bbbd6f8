import Foundation
import SitegenModel
import SitegenSignature
import SitegenSource

/// What a run of sitegen is asked to do, as the CLI or a test gives it.
public struct BuildOptions: Sendable {
    public var contentDirectory = "Content"
    public var themesDirectory = "Themes"
    /// Whether the user named the themes folder (`--themes`): then its absence is worth a warning.
    public var themesDirectoryGiven = false
    /// nil: the site's `theme`, else `default`.
    public var themeName: String?
    public var outputDirectory = "Output"
    /// Overrides `site.base_url` (previews, tests).
    public var baseURL: String?
    /// nil: SOURCE_DATE_EPOCH, else the clock.
    public var date: Day?
    public var jobs = BuildOptions.defaultJobs
    public var force = false
    /// Shard K of N (1-based), or nil for the whole site.
    public var shard: Shard?
    /// The site secret for recipient salts; nil: SITEGEN_SECRET, else the secret file.
    public var secret: [UInt8]?
    /// The issuer's signing key; nil: SITEGEN_SIGNING_KEY, else the key file (`build` creates it).
    public var signingKey: Ed25519.PrivateKey?
    /// Whether every award gets its signed Open Badges 3.0 credential. Off only to measure a
    /// build without them (`sitegen-bench build --no-credentials`): the output then differs.
    public var signsCredentials = true
    public var fileSystem: any ContentFileSystem = DiskFileSystem()
    public var environment: [String: String] = [:]

    public init() {}

    public static var defaultJobs: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// These options reading the content from `snapshot` (when there is one) instead of the disk.
    func reading(from snapshot: SnapshotFileSystem?) -> BuildOptions {
        guard let snapshot else { return self }
        var options = self
        options.fileSystem = snapshot
        return options
    }
}

public struct Shard: Sendable, Equatable {
    public var index: Int
    public var count: Int

    public init?(index: Int, count: Int) {
        guard count >= 1, (1...count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }
}
