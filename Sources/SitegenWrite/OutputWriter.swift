import SitegenDigest
import SitegenSource

/// Write stage: puts a rendered site into the output folder safely.
///
/// - Bookkeeping lives in the output's `StateFolder`, beside it: the output folder holds exactly
///   the published files. An output folder with the bookkeeping of earlier versions in it is
///   taken over once (`adoptInRootBookkeeping`).
/// - Ownership: a non-empty folder without a manifest is refused unless `force`; only files in
///   the manifest (or the pending list of a killed build) are ever removed.
/// - Units: the build names its output units and their keys (`changedUnits`); only units whose
///   key changed are rendered and written, the others keep their files and manifest lines as
///   they are.
/// - Two phases: `stage` writes each changed file to a temporary file in the state's `staging/`;
///   `commit` renames them all into place, removes what the build no longer produces and writes
///   the manifest. Until `commit`, no file of the previous site is touched. A file that does not
///   exist yet is written in place at once (there is nothing to protect, and creating each file
///   once is what the disk can do fastest); `abort` removes those and the temporaries.
/// - Unchanged files (same bytes) are not rewritten, so their mtime stays and sync tools skip them.
/// - A build killed at any moment leaves the pending list, naming every unit it was writing; the
///   next build trusts none of them and clears the staging folder.
/// - A manifest whose output folder changed since (`OutputIdentity`) still says which files are
///   sitegen's, but none of its keys is trusted: every unit is rendered again, and only files
///   whose bytes differ are written. One for another folder (the output was replaced) is ignored.
///
/// Called from one thread at a time: `open`, `changedUnits` and `begin` before rendering, `stage`
/// for each file in order, then `commit` or `abort`.
public final class OutputWriter: @unchecked Sendable {
    public struct Summary: Sendable, Equatable {
        public var written = 0
        public var unchanged = 0
        public var removed = 0

        public init(written: Int = 0, unchanged: Int = 0, removed: Int = 0) {
            self.written = written
            self.unchanged = unchanged
            self.removed = removed
        }
    }

    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// An output unit of this build: its name and the key of its inputs.
    public struct Unit: Sendable {
        public var name: UnitName
        public var key: Digest128

        public init(name: UnitName, key: Digest128) {
            self.name = name
            self.key = key
        }
    }

    public let directory: String
    public let state: StateFolder
    public let force: Bool
    private var previous: Manifest?
    /// Whether the previous manifest's keys describe the folder as it is (see `OutputIdentity`).
    private var previousKeysHold = true
    /// When the state folder is on another file system than the output (the output is a mount
    /// point), staged files cannot be renamed into place from there: they are staged beside
    /// their final path instead (`siblingStagingSuffix`).
    private var stagesBeside = false
    static let siblingStagingSuffix = ".sitegen-tmp"
    /// The pending list a killed build left: its units and files are uncertain.
    private var pending: Manifest?
    private var units: [Unit] = []
    /// Per unit of this build: its line in the previous manifest, or -1.
    private var previousLine: [Int] = []
    /// Indices of the units this build renders, and their paths (set by `begin`).
    private var changed: [Int] = []
    private var changedPaths: [[String]] = []
    /// Their path sets, as manifest lines (see `PathSet`).
    private var changedSets: [[UInt8]] = []
    private var renames: [(temp: String, final: String)] = []
    /// Files this build created where nothing was, and the folders it made for them.
    private var created: [String] = []
    private var madeDirectories: [String] = []
    /// Folders known to exist, each with whether this build made it: nothing can be in those yet.
    private var knownDirectories: [String: Bool] = [:]
    /// The folder of the last file staged, and whether this build made it: an award's files
    /// come one after another, and comparing with the last is cheaper than hashing the path.
    private var lastFolder = ""
    private var lastFolderIsNew = false
    /// The output folder, held open once `open` has made it: files and folders are made
    /// relative to it (`FileIO.OpenFolder`).
    private var root: FileIO.OpenFolder?
    public private(set) var summary = Summary()

    /// `directory` and a slash: how the paths inside it begin.
    private let insideDirectory: String

    public init(directory: String, force: Bool) {
        self.directory = directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory
        insideDirectory = self.directory + "/"
        self.state = StateFolder(output: directory)
        self.force = force
    }

    /// Checks ownership, reads the previous manifest and any pending list, and clears what a
    /// killed build left staged.
    public func open() throws(Failure) {
        do {
            if !FileIO.isDirectory(directory) { try makeDirectories(directory) }
            try FileIO.makeDirectories(state.path)
            let identity = OutputIdentity.of(directory)
            if let adopted = try adoptInRootBookkeeping() {
                // It described this folder as it was before its bookkeeping went: its keys hold.
                previous = adopted
            } else if let bytes = FileIO.read(state.manifest) {
                guard let manifest = Manifest(parsing: bytes) else {
                    throw Failure(description: "\(state.manifest) is not a sitegen manifest; remove it to build into \(directory) again")
                }
                switch (manifest.outputIdentity, identity) {
                case let (recorded?, current?) where recorded == current: previous = manifest
                case let (recorded?, current?) where !recorded.sameFolder(as: current): previous = nil
                default:
                    previous = manifest
                    previousKeysHold = false
                }
            }
            if let bytes = FileIO.read(state.pending) {
                pending = Manifest(parsing: bytes)
            }
            // A first build killed before its manifest leaves only its pending list, made for
            // this very folder when it was empty (or forced): what is in the folder is sitegen's.
            let killedFirstBuild = pending?.outputIdentity.map { recorded in identity.map(recorded.sameFolder(as:)) ?? false } ?? false
            if previous == nil && !killedFirstBuild {
                let visible = (FileIO.list(directory) ?? []).filter { !$0.hasPrefix(".") }
                if !visible.isEmpty && !force {
                    throw Failure(description: "output folder \(directory) is not empty and was not made by sitegen (\(state.path) has no record of it); choose an empty folder or pass --force (nothing will be deleted)")
                }
            }
            for name in FileIO.list(state.staging) ?? [] { _ = FileIO.remove(state.staging + "/" + name) }
            stagesBeside = FileIO.device(of: state.path) != FileIO.device(of: directory)
            root = FileIO.OpenFolder(directory)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "\(error)")
        }
    }

    /// Moves the bookkeeping that earlier versions kept in the output folder into the state
    /// folder, then deletes it from the web root. Copied before anything is deleted, so a build
    /// killed half-way takes over again next time.
    private func adoptInRootBookkeeping() throws -> Manifest? {
        let manifest = path(Manifest.inRootFileName), pending = path(Manifest.inRootPendingFileName)
        let staging = path(Manifest.inRootStagingFolder)
        guard let bytes = FileIO.read(manifest) else {
            if let pendingBytes = FileIO.read(pending) {
                try FileIO.replace(state.pending, with: pendingBytes)
                _ = FileIO.remove(pending)
            }
            return nil
        }
        guard let adopted = Manifest(parsing: bytes) else { return nil }
        try FileIO.replace(state.manifest, with: bytes)
        if let pendingBytes = FileIO.read(pending) { try FileIO.replace(state.pending, with: pendingBytes) }
        for name in FileIO.list(staging) ?? [] { _ = FileIO.remove(staging + "/" + name) }
        _ = FileIO.removeDirectoryIfEmpty(staging)
        _ = FileIO.remove(pending)
        _ = FileIO.remove(manifest)
        return adopted
    }

    /// The indices of the `units` that must be rendered: new ones, changed keys, and any a killed
    /// build may have left half-written. Every unit of the build, in order, so the manifest can
    /// list them all.
    public func changedUnits(_ units: [Unit], threads: Int = 1) -> [Int] {
        self.units = units
        previousLine = [Int](repeating: -1, count: units.count)
        // A version 1 manifest names files, not units: nothing in it can be compared; nor can
        // the keys of a folder someone else changed.
        guard let previous, !previous.isLegacy, previousKeysHold else {
            self.changed = Array(units.indices)
            return self.changed
        }
        // Nor can anything be trusted after a version 1 pending list.
        let trustNone = pending?.isLegacy == true
        let pending = pending
        let pendingUnits = pending?.unitCount ?? 0
        // Every unit is looked up by name (150,000 on a large site): in chunks on every thread,
        // each filling its own part of `previousLine` and listing its own changed units.
        let chunks = Chunks(count: units.count, size: 2048)
        let parts = ResultSlots<[Int]>(count: chunks.parts)
        previousLine.withUnsafeMutableBufferPointer { lines in
            nonisolated(unsafe) let lines = lines
            chunks.forEach(threads: threads) { part, chunk in
                var changed: [Int] = []
                var hint = 0
                for index in chunk {
                    let unit = units[index]
                    if let line = previous.unit(named: unit.name, hint: hint) {
                        lines[index] = line
                        hint = line + 1
                        if !trustNone, previous.unit(line, hasKey: unit.key),
                           pendingUnits == 0 || pending?.unit(named: unit.name) == nil {
                            continue
                        }
                    }
                    changed.append(index)
                }
                parts[part] = changed
            }
        }
        var changed: [Int] = []
        for part in 0..<chunks.parts { changed += parts[part] ?? [] }
        self.changed = changed
        let sizes = previous.setSizes()
        for (index, kept) in keptLines(previous).enumerated() where kept { summary.unchanged += sizes[Int(previous.units[index].set)] }
        return changed
    }

    /// Per line of the previous manifest: whether this build keeps that unit as it is.
    private func keptLines(_ previous: Manifest) -> [Bool] {
        var kept = [Bool](repeating: false, count: previous.unitCount)
        for line in previousLine where line >= 0 { kept[line] = true }
        for unit in changed where previousLine[unit] >= 0 { kept[previousLine[unit]] = false }
        return kept
    }

    /// Records, before any file is touched, every unit this build is about to write (with the
    /// paths of each changed unit, in the order of `changedUnits`), so that whatever happens
    /// next, sitegen owns what it made. Nothing to write and no earlier pending list: nothing
    /// recorded.
    /// The path sets of a fresh build's units are made on `threads` threads.
    public func begin(paths: [[String]], threads: Int = 1) throws(Failure) {
        precondition(paths.count == changed.count, "one path list per changed unit")
        changedPaths = paths
        changedSets = Self.pathSets(paths, ids: changed.map { units[$0].name.id }, threads: threads)
        guard !changed.isEmpty || pending != nil else { return }
        // The folder's identity lets a killed first build's successor know the folder is sitegen's.
        var list = ManifestComposer(record: nil, output: OutputIdentity.of(directory), previousSets: pending?.sets.count ?? 0,
                                    expectedUnits: changed.count)
        for (unit, set) in zip(changed, changedSets) { list.add(units[unit].name, key: nil, set: set) }
        if let pending {
            pending.bytes.withUnsafeBufferPointer { bytes in
                for unit in 0..<pending.unitCount { list.copy(unit, of: pending, bytes: bytes) }
            }
            if !pending.legacyPaths.isEmpty {
                list.add(Self.legacyPendingUnit, key: nil, set: PathSet.line(for: pending.legacyPaths, id: ""))
            }
        }
        do {
            try FileIO.write(list.bytes(), to: state.pending)
        } catch {
            throw Failure(description: error.description)
        }
    }

    /// Each unit's path set line, in chunks on every thread, each chunk filling its own part.
    private static func pathSets(_ paths: [[String]], ids: [String], threads: Int) -> [[UInt8]] {
        [[UInt8]](unsafeUninitializedCapacity: paths.count) { buffer, initialized in
            nonisolated(unsafe) let base = buffer.baseAddress
            Chunks(count: paths.count, size: 1024).forEach(threads: threads) { _, chunk in
                for index in chunk {
                    (base! + index).initialize(to: PathSet.line(for: paths[index], id: ids[index]))
                }
            }
            initialized = paths.count
        }
    }

    /// Where a version 1 pending list's files go in a version 2 one.
    static let legacyPendingUnit = UnitName(kind: "-pending")

    /// Writes a new file in place, or a changed one to a temporary file for `commit` to rename;
    /// a file that already holds `bytes` is left alone.
    public func stage(_ relativePath: String, bytes: [UInt8]) throws(Failure) {
        guard OutputPath.isSafe(relativePath) else { throw Failure(description: "refusing unsafe output path '\(relativePath)'") }
        let final = path(relativePath)
        do {
            let slash = final.utf8.lastIndex(of: UInt8(ascii: "/")) ?? final.utf8.startIndex
            if final.utf8[..<slash].elementsEqual(lastFolder.utf8) == false {
                let folder = String(final[..<slash])
                lastFolderIsNew = try makeDirectories(folder)
                lastFolder = folder
            }
            // In a folder this build made, the file is new: no need to look for it first (a
            // fresh build would otherwise look up each of its half a million paths in vain).
            // Relative to the open output folder, or whole when it could not be opened.
            let file = root == nil ? final : relativePath
            guard !lastFolderIsNew, let size = FileIO.size(of: file, in: root) else {
                try FileIO.write(bytes, to: file, in: root)
                created.append(final)
                summary.written += 1
                return
            }
            if size == bytes.count && FileIO.read(final) == bytes {
                summary.unchanged += 1
                return
            }
            let temp: String
            if stagesBeside {
                temp = final + Self.siblingStagingSuffix
            } else {
                if renames.isEmpty { try FileIO.makeDirectories(state.staging) }
                // Flat numbered names: staging makes no folders.
                temp = state.staging + "/" + String(renames.count)
            }
            try FileIO.write(bytes, to: temp)
            renames.append((temp, final))
        } catch {
            throw Failure(description: error.description)
        }
        summary.written += 1
    }

    /// Puts every staged file in place, removes what this build no longer produces, and records
    /// the new manifest with `record` (nil: a build whose inputs could not be fingerprinted).
    public func commit(record: BuildRecord?) throws(Failure) {
        do {
            for (temp, final) in renames {
                if let slash = final.utf8.lastIndex(of: UInt8(ascii: "/")) { try makeDirectories(String(final[..<slash])) }
                try FileIO.rename(temp, final)
            }
            renames.removeAll()
            _ = FileIO.removeDirectoryIfEmpty(state.staging)
            removeStaleFiles()
            // The folder is as this build leaves it: what the next build compares with.
            try writeManifest(record: record, output: OutputIdentity.of(directory))
            _ = FileIO.remove(state.pending)
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
        _ = FileIO.removeDirectoryIfEmpty(state.staging)
    }

    /// Files sitegen made earlier that this build does not produce: those of units that are gone,
    /// those a changed unit no longer has, a version 1 manifest's, and a killed build's. Unchanged
    /// units keep their files, and each file belongs to one unit only, so the candidates come
    /// from gone and changed units alone and are checked against the changed units' new paths.
    private func removeStaleFiles() {
        var owned: [String] = []
        var uncertain: [String] = []
        if let previous {
            owned += previous.legacyPaths
            for (line, kept) in keptLines(previous).enumerated() where !kept { owned += previous.paths(of: line) }
        }
        if let pending {
            uncertain += pending.legacyPaths
            for unit in 0..<pending.unitCount { uncertain += pending.paths(of: unit) }
        }
        guard !owned.isEmpty || !uncertain.isEmpty else { return }
        var produced = Set<String>()
        for paths in changedPaths { produced.formUnion(paths) }
        var folders: Set<String> = []
        var seen = Set<String>()
        for (stale, counts) in owned.map({ ($0, true) }) + uncertain.map({ ($0, false) })
        where !produced.contains(stale) && seen.insert(stale).inserted && OutputPath.isSafe(stale) {
            if FileIO.remove(path(stale)), counts { summary.removed += 1 }
            // What a killed build staged beside its final path, when it had to (`stagesBeside`).
            if !counts { _ = FileIO.remove(path(stale) + Self.siblingStagingSuffix) }
            var folder = stale
            while let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")) {
                folder = String(folder[..<slash])
                folders.insert(folder)
            }
        }
        // Deepest first, so a folder emptied by removing its subfolders goes too.
        for folder in folders.sorted(by: { $0.count > $1.count }) { _ = FileIO.removeDirectoryIfEmpty(path(folder)) }
    }

    /// The new manifest: every unit of this build in order, unchanged ones copied through.
    private func writeManifest(record: BuildRecord?, output: OutputIdentity?) throws {
        var composer = ManifestComposer(record: record, output: output, previousSets: previous?.sets.count ?? 0,
                                        expectedUnits: units.count)
        let empty: [UInt8] = []
        (previous?.bytes ?? empty).withUnsafeBufferPointer { bytes in
            var next = 0
            for (index, unit) in units.enumerated() {
                if next < changed.count && changed[next] == index {
                    composer.add(unit.name, key: unit.key, set: changedSets[next])
                    next += 1
                } else if let previous {
                    composer.copy(previousLine[index], of: previous, bytes: bytes)
                }
            }
        }
        let bytes = composer.bytes()
        if let previous, previous.bytes == bytes, pending == nil { return }
        try FileIO.replace(state.manifest, with: bytes)
    }

    private func path(_ relative: String) -> String { insideDirectory + relative }

    /// `folder`, a full path, made relative to the open output folder when it is inside it.
    private func makeDirectoryIfMissing(_ folder: String) throws(FileIO.Failure) -> FileIO.Made {
        if let root, folder.utf8.count > insideDirectory.utf8.count, folder.utf8.starts(with: insideDirectory.utf8) {
            return try FileIO.makeDirectoryIfMissing(String(folder.utf8.dropFirst(insideDirectory.utf8.count))!, in: root)
        }
        return try FileIO.makeDirectoryIfMissing(folder)
    }

    /// Makes `folder` and any missing parents; true when this build made it.
    @discardableResult
    private func makeDirectories(_ folder: String) throws(FileIO.Failure) -> Bool {
        if folder.isEmpty { return false }
        if let made = knownDirectories[folder] { return made }
        var made = try makeDirectoryIfMissing(folder)
        if made == .parentMissing, let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")), slash != folder.utf8.startIndex {
            try makeDirectories(String(folder[..<slash]))
            made = try makeDirectoryIfMissing(folder)
        }
        switch made {
        case .created: madeDirectories.append(folder)
        case .existed: break
        case .parentMissing: throw FileIO.missingParent(folder)
        }
        knownDirectories[folder] = made == .created
        return made == .created
    }
}
