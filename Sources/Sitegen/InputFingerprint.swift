import Dispatch
import Foundation
import SitegenDigest
import SitegenEmbedded
import SitegenModel
import SitegenRender
import SitegenSignature
import SitegenSource

/// A digest of everything a build's output depends on, taken before anything is parsed: this
/// version of sitegen (and its executable, so a rebuilt tool never trusts an old result), its
/// built-in themes, every
/// file of the content and themes folders (path and bytes, images and dot files included), and
/// every option that changes output or diagnostics — the day the build takes for today, the
/// base URL, the theme, the shard, the secret, the signing key's public key, and the folders as messages show them. When it
/// equals the fingerprint the last finished build recorded in the output folder, that build's
/// output and warnings are this build's too.
///
/// The jobs count and `--force` are left out: output is the same whatever they are.
struct InputFingerprint {
    /// The files that were digested, for the build to read them from; nil once they are parsed.
    private(set) var snapshot: SnapshotFileSystem?
    /// Everything but the secret and the signing key, which may not exist yet (`build` creates them).
    private let inputs: Digest128

    /// The files, handed over once: the fingerprint holds none while the site renders.
    mutating func takeSnapshot() -> SnapshotFileSystem? {
        defer { snapshot = nil }
        return snapshot
    }

    /// The fingerprint to record, once the secret and the signing key are known. Only a digest
    /// goes into the output folder, and of the key only its public half goes into the digest
    /// (the seed determines it, and the output depends on nothing else of the key).
    /// output folder.
    func value(secret: [UInt8], signingKey: Ed25519.PublicKey) -> String {
        var hasher = SipHash128(key0: Self.key0, key1: Self.key1)
        hasher.update(inputs.first)
        hasher.update(inputs.second)
        hasher.update(UInt64(secret.count))
        hasher.update(secret)
        hasher.update(UInt64(signingKey.bytes.count))
        hasher.update(signingKey.bytes)
        return hasher.finalize().description
    }

    private static let key0: UInt64 = 0x6e69_6667_6e69_7270
    private static let key1: UInt64 = 0x7374_7570_6e69_7465
    /// Files are digested in pieces this big, in parallel: one holders.json may be most of a site.
    private static let pieceSize = 1 << 20
    /// A tree deeper or larger than this (a symlink loop, a misplaced home folder) is not
    /// fingerprinted; the build then just runs in full.
    private static let maxDepth = 24
    private static let maxEntries = 2_000_000

    /// nil when the folders can't be walked within the limits.
    static func take(_ options: BuildOptions, today: Day, threads: Int) -> InputFingerprint? {
        let fileSystem = options.fileSystem
        var walk = Walk(fileSystem: fileSystem)
        let roots = [options.contentDirectory, options.themesDirectory]
        for root in roots {
            guard walk.visit(root, depth: 0) else { return nil }
        }
        let files = walk.files
        let contents = ResultSlots<[UInt8]>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            contents[index] = try? fileSystem.contents(of: files[index])
        }
        var pieces: [(file: Int, range: Range<Int>)] = []
        for index in files.indices {
            let count = contents[index]?.count ?? 0
            var start = 0
            repeat {
                pieces.append((index, start..<min(count, start + pieceSize)))
                start += pieceSize
            } while start < count
        }
        let digests = ResultSlots<Digest128>(count: pieces.count)
        let workers = max(1, min(threads, pieces.count))
        DispatchQueue.concurrentPerform(iterations: workers) { [pieces] worker in
            var index = worker
            while index < pieces.count {
                let piece = pieces[index]
                let bytes = contents[piece.file] ?? []
                digests[index] = bytes.withUnsafeBytes { SipHash128.hash(UnsafeRawBufferPointer(rebasing: $0[piece.range])) }
                index += workers
            }
        }

        var hasher = SipHash128(key0: key0, key1: key1)
        func add(_ text: String) {
            hasher.update(UInt64(text.utf8.count))
            hasher.update(text.utf8)
        }
        add("sitegen input fingerprint 1")
        add(CommandLineInterface.version)
        add(OutputKeys.version)
        add(executableIdentity())
        add(options.contentDirectory)
        add(DisplayPath.of(options.contentDirectory))
        add(options.themesDirectory)
        add(DisplayPath.of(options.themesDirectory))
        add(options.themeName.map { "theme " + $0 } ?? "no theme option")
        add(EmbeddedArchive.builtInThemes.digest)
        add(options.baseURL.map { "base " + $0 } ?? "no base URL option")
        add(today.description)
        add(options.shard.map { "shard \($0.index)/\($0.count)" } ?? "whole site")
        add(options.signsCredentials ? "credentials" : "no credentials")
        add(String(walk.entries.count))
        var piece = 0
        for entry in walk.entries {
            add(entry.path)
            guard let file = entry.file else {
                add("folder")
                continue
            }
            guard let bytes = contents[file] else {
                add("unreadable")
                piece += 1
                continue
            }
            add(String(bytes.count))
            while piece < pieces.count && pieces[piece].file == file {
                hasher.update(digests[piece]!.first)
                hasher.update(digests[piece]!.second)
                piece += 1
            }
        }
        var snapshotFiles: [String: [UInt8]?] = [:]
        snapshotFiles.reserveCapacity(files.count)
        for (index, path) in files.enumerated() { snapshotFiles[path] = contents[index] }
        return InputFingerprint(snapshot: SnapshotFileSystem(base: fileSystem, files: snapshotFiles, folders: walk.folders),
                                inputs: hasher.finalize())
    }

    /// The running executable's path, size and modification time.
    private static func executableIdentity() -> String {
        guard let path = Bundle.main.executablePath,
              let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return "unknown executable" }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(path) \(size) \(modified)"
    }

    /// Depth-first, each folder's entries in name order, so the digest does not depend on the
    /// order the file system lists them in.
    private struct Walk {
        let fileSystem: any ContentFileSystem
        var entries: [(path: String, file: Int?)] = []
        var files: [String] = []
        var folders: [String: [DirectoryEntry]] = [:]

        init(fileSystem: any ContentFileSystem) {
            self.fileSystem = fileSystem
        }

        mutating func visit(_ folder: String, depth: Int) -> Bool {
            guard depth <= InputFingerprint.maxDepth else { return false }
            guard let listed = fileSystem.entries(in: folder) else {
                entries.append((folder, nil))
                return true
            }
            folders[folder] = listed
            for entry in listed.sorted(by: { $0.name < $1.name }) {
                // The secret is digested as the build resolves it, whichever source it comes from;
                // the signing key only by its public key, so the key file is not read here at all.
                if depth == 0 && (entry.name == SiteSecret.fileName || entry.name == SigningKey.fileName) { continue }
                let path = ContentPath.join(folder, entry.name)
                guard entries.count < InputFingerprint.maxEntries else { return false }
                if entry.isDirectory {
                    entries.append((path, nil))
                    guard visit(path, depth: depth + 1) else { return false }
                } else {
                    entries.append((path, files.count))
                    files.append(path)
                }
            }
            return true
        }
    }
}
