/// Write stage: puts a rendered site into the output folder safely.
///
/// - Ownership: a non-empty folder without a manifest is refused unless `force`; only files in
///   the manifest (or the pending list of a killed build) are ever removed.
/// - Two phases: `stage` writes each changed file to a temporary name beside its target;
///   `commit` renames them all into place, removes what the build no longer produces and writes
///   the manifest. Until `commit`, the previous site is untouched; `abort` removes the temps.
/// - Unchanged files (same bytes) are not rewritten, so their mtime stays and sync tools skip them.
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

    public let directory: String
    public let force: Bool
    private var previous = Manifest()
    /// Paths a killed earlier build may have created.
    private var previousPending: Set<String> = []
    private var next = Manifest()
    private var renames: [(temp: String, final: String)] = []
    private var createdDirectories: Set<String> = []
    public private(set) var summary = Summary()

    public init(directory: String, force: Bool) {
        self.directory = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        self.force = force
    }

    /// Checks ownership, reads the previous manifest, and records every path this build may
    /// create before creating any.
    public func begin(plannedPaths: [String]) throws(Failure) {
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
        } else {
            do { try makeDirectories(directory) } catch { throw Failure(description: error.description) }
        }
        // Only a build that may create files the manifest doesn't own needs the pending list.
        let newPaths = plannedPaths.filter { previous.entries[$0] == nil && !previousPending.contains($0) }
        guard !newPaths.isEmpty else { return }
        var pending = Manifest(entries: previous.entries)
        for path in previousPending.union(newPaths) { pending.entries[path] = pending.entries[path] ?? "" }
        do {
            try FileIO.write(pending.serialized(), to: path(Manifest.pendingFileName))
        } catch {
            throw Failure(description: error.description)
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

    /// Writes `bytes` to a temporary name beside `relativePath`, unless the file already holds them.
    public func stage(_ relativePath: String, key: String, bytes: [UInt8]) throws(Failure) {
        guard OutputPath.isSafe(relativePath) else { throw Failure(description: "refusing unsafe output path '\(relativePath)'") }
        next.entries[relativePath] = key
        let final = path(relativePath)
        if FileIO.hasContents(final, bytes) {
            summary.unchanged += 1
            return
        }
        let temp = Self.temporaryName(final)
        do {
            if let slash = final.utf8.lastIndex(of: UInt8(ascii: "/")) {
                try makeDirectories(String(final[..<slash]))
            }
            try FileIO.write(bytes, to: temp)
        } catch {
            throw Failure(description: error.description)
        }
        renames.append((temp, final))
        summary.written += 1
    }

    /// Puts every staged file in place, removes what this build no longer produces, and records
    /// the new manifest.
    public func commit() throws(Failure) {
        do {
            for (temp, final) in renames { try FileIO.rename(temp, final) }
            renames.removeAll()
            var folders: Set<String> = []
            for stale in Set(previous.entries.keys).union(previousPending) where next.entries[stale] == nil {
                let full = path(stale)
                _ = FileIO.remove(Self.temporaryName(full))
                if FileIO.remove(full), previous.entries[stale] != nil { summary.removed += 1 }
                var folder = stale
                while let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")) {
                    folder = String(folder[..<slash])
                    folders.insert(folder)
                }
            }
            // Deepest first, so a folder emptied by removing its subfolders goes too.
            for folder in folders.sorted(by: { $0.count > $1.count }) { _ = FileIO.removeDirectoryIfEmpty(path(folder)) }
            if next != previous {
                let temp = path(Manifest.fileName + ".tmp")
                try FileIO.write(next.serialized(), to: temp)
                try FileIO.rename(temp, path(Manifest.fileName))
            }
            _ = FileIO.remove(path(Manifest.pendingFileName))
        } catch {
            throw Failure(description: error.description)
        }
    }

    /// Removes the temporaries of a build that failed; the previous site stays as it was.
    public func abort() {
        for (temp, _) in renames { _ = FileIO.remove(temp) }
        renames.removeAll()
    }

    private func path(_ relative: String) -> String { directory + "/" + relative }

    static func temporaryName(_ final: String) -> String {
        guard let slash = final.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." + final + ".sitegen-tmp" }
        let next = final.utf8.index(after: slash)
        return String(final[..<next]) + "." + String(final[next...]) + ".sitegen-tmp"
    }

    private func makeDirectories(_ folder: String) throws(FileIO.Failure) {
        if folder.isEmpty || createdDirectories.contains(folder) { return }
        if !FileIO.isDirectory(folder) {
            if let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")), slash != folder.utf8.startIndex {
                try makeDirectories(String(folder[..<slash]))
            }
            try FileIO.makeDirectory(folder)
        }
        createdDirectories.insert(folder)
    }
}
