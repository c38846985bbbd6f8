/// Write stage: puts a rendered site into the output folder safely.
///
/// - Ownership: a non-empty folder without a manifest is refused unless `force`; only files in
///   the manifest (or the pending list of a killed build) are ever removed.
/// - Two phases: `stage` writes each changed file to a temporary file in `.sitegen-staging/`;
///   `commit` renames them all into place, removes what the build no longer produces and writes
///   the manifest. Until `commit`, no file of the previous site is touched. A file that does not
///   exist yet is written in place at once (there is nothing to protect, and creating each file
///   once is what the disk can do fastest); `abort` removes those and the temporaries.
/// - Unchanged files (same bytes) are not rewritten, so their mtime stays and sync tools skip them.
/// - A build killed at any moment leaves `.sitegen-manifest.pending`, naming every path whose
///   state is uncertain; the next build trusts none of them and clears the staging folder.
///
/// `stage`, `keep` and `commit` are called from one thread (the writer); `isCurrent` from any.
public final class OutputWriter: @unchecked Sendable {
    public struct Summary: Sendable, Equatable {
        public var written = 0
        public var unchanged = 0
        public var removed = 0
    }

    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public static let stagingFolder = ".sitegen-staging"

    public let directory: String
    public let force: Bool
    private var previous = Manifest()
    /// Paths a killed earlier build may have created or replaced.
    private var previousPending: Set<String> = []
    /// Planned paths the previous manifest doesn't own.
    private var newPaths: [String] = []
    private var next = Manifest()
    private var renames: [(temp: String, final: String)] = []
    /// Files this build created where nothing was, and the folders it made for them.
    private var created: [String] = []
    private var madeDirectories: [String] = []
    private var createdDirectories: Set<String> = []
    public private(set) var summary = Summary()

    public init(directory: String, force: Bool) {
        self.directory = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        self.force = force
    }

    /// Checks ownership, reads the previous manifest, clears what a killed build left staged,
    /// and records every path this build may create before creating any.
    public func begin(plannedPaths: [String]) throws(Failure) {
        do {
            if FileIO.isDirectory(directory) {
                let manifestPath = path(Manifest.fileName)
                if let bytes = FileIO.read(manifestPath) {
                    guard let manifest = Manifest(parsing: bytes) else {
                        throw Failure(description: "\(manifestPath) is not a sitegen manifest; refusing to touch \(directory)")
                    }
                    previous = manifest
                } else {
                    let visible = (FileIO.list(directory) ?? []).filter { !$0.hasPrefix(".") }
                    if !visible.isEmpty && !force {
                        throw Failure(description: "output folder \(directory) is not empty and was not made by sitegen (it has no \(Manifest.fileName)); choose an empty folder or pass --force (nothing will be deleted)")
                    }
                }
                if let bytes = FileIO.read(path(Manifest.pendingFileName)), let pending = Manifest(parsing: bytes) {
                    previousPending = Set(pending.entries.keys)
                }
                for name in FileIO.list(path(Self.stagingFolder)) ?? [] { _ = FileIO.remove(path(Self.stagingFolder + "/" + name)) }
            } else {
                try makeDirectories(directory)
            }
            next.entries.reserveCapacity(plannedPaths.count)
            newPaths = plannedPaths.filter { previous.entries[$0] == nil && !previousPending.contains($0) }
            try recordPending(newPaths)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "\(error)")
        }
    }

    /// Whether `relativePath` was last made from inputs with this key, so it need not be rendered.
    public func isCurrent(_ relativePath: String, key: String) -> Bool {
        !key.isEmpty && previous.entries[relativePath] == key && !previousPending.contains(relativePath)
    }

    /// Records a file whose key says it is current, without touching it.
    public func keep(_ relativePath: String, key: String) {
        next.entries[relativePath] = key
        summary.unchanged += 1
    }

    /// Writes a new file in place, or a changed one to a temporary file for `commit` to rename;
    /// a file that already holds `bytes` is left alone.
    public func stage(_ relativePath: String, key: String, bytes: [UInt8]) throws(Failure) {
        guard OutputPath.isSafe(relativePath) else { throw Failure(description: "refusing unsafe output path '\(relativePath)'") }
        next.entries[relativePath] = key
        let final = path(relativePath)
        do {
            guard let size = FileIO.size(of: final) else {
                if let slash = final.utf8.lastIndex(of: UInt8(ascii: "/")) { try makeDirectories(String(final[..<slash])) }
                try FileIO.write(bytes, to: final)
                created.append(final)
                summary.written += 1
                return
            }
            if size == bytes.count && FileIO.read(final) == bytes {
                summary.unchanged += 1
                return
            }
            if renames.isEmpty { try makeDirectories(path(Self.stagingFolder)) }
            // Flat numbered names: staging makes no folders.
            let temp = path(Self.stagingFolder + "/" + String(renames.count))
            try FileIO.write(bytes, to: temp)
            renames.append((temp, final))
        } catch {
            throw Failure(description: error.description)
        }
        summary.written += 1
    }

    /// Puts every staged file in place, removes what this build no longer produces, and records
    /// the new manifest.
    public func commit() throws(Failure) {
        do {
            if !renames.isEmpty {
                // From here on a kill would leave these half-replaced: say so first.
                try recordPending(newPaths + renames.map { String($0.final.dropFirst(directory.count + 1)) })
                for (temp, final) in renames {
                    if let slash = final.utf8.lastIndex(of: UInt8(ascii: "/")) { try makeDirectories(String(final[..<slash])) }
                    try FileIO.rename(temp, final)
                }
                renames.removeAll()
            }
            _ = FileIO.removeDirectoryIfEmpty(path(Self.stagingFolder))
            var folders: Set<String> = []
            let stalePaths = previous.entries.keys.filter { next.entries[$0] == nil }
                + previousPending.filter { next.entries[$0] == nil && previous.entries[$0] == nil }
            for stale in stalePaths {
                if FileIO.remove(path(stale)), previous.entries[stale] != nil { summary.removed += 1 }
                var folder = stale
                while let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")) {
                    folder = String(folder[..<slash])
                    folders.insert(folder)
                }
            }
            // Deepest first, so a folder emptied by removing its subfolders goes too.
            for folder in folders.sorted(by: { $0.count > $1.count }) { _ = FileIO.removeDirectoryIfEmpty(path(folder)) }
            if next != previous || !previousPending.isEmpty {
                let temp = path(Manifest.fileName + ".tmp")
                try FileIO.write(next.serialized(), to: temp)
                try FileIO.rename(temp, path(Manifest.fileName))
            }
            _ = FileIO.remove(path(Manifest.pendingFileName))
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "\(error)")
        }
    }

    /// Removes the temporaries of a build that failed; the previous site stays as it was.
    public func abort() {
        for (temp, _) in renames { _ = FileIO.remove(temp) }
        renames.removeAll()
        for file in created { _ = FileIO.remove(file) }
        created.removeAll()
        for folder in madeDirectories.reversed() { _ = FileIO.removeDirectoryIfEmpty(folder) }
        _ = FileIO.removeDirectoryIfEmpty(path(Self.stagingFolder))
    }

    /// Writes the pending list: the earlier pending paths and `paths`, so that whatever this build
    /// does next, sitegen owns it (the manifest owns the rest). Nothing to list, nothing written.
    private func recordPending(_ paths: [String]) throws {
        guard !paths.isEmpty || !previousPending.isEmpty else { return }
        // Unsorted and possibly repeated: only ever read back into a set.
        var bytes = Array(Manifest.header.utf8)
        bytes.reserveCapacity((paths.count + previousPending.count) * 48)
        for path in paths { bytes.append(0x09); bytes += path.utf8; bytes.append(0x0A) }
        for path in previousPending { bytes.append(0x09); bytes += path.utf8; bytes.append(0x0A) }
        try FileIO.write(bytes, to: path(Manifest.pendingFileName))
    }

    private func path(_ relative: String) -> String { directory + "/" + relative }

    private func makeDirectories(_ folder: String) throws(FileIO.Failure) {
        if folder.isEmpty || createdDirectories.contains(folder) { return }
        if !FileIO.isDirectory(folder) {
            if let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")), slash != folder.utf8.startIndex {
                try makeDirectories(String(folder[..<slash]))
            }
            try FileIO.makeDirectory(folder)
            madeDirectories.append(folder)
        }
        createdDirectories.insert(folder)
    }
}
