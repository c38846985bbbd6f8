import Dispatch

/// Load stage: finds the data files of a content folder and parses each into a `SourceDocument`.
/// Parsing runs in parallel; the result is ordered by path so later stages are deterministic.
public struct ContentLoader: Sendable {
    public static let dataExtensions = ["json", "yaml", "yml"]

    public var fileSystem: any ContentFileSystem
    /// The content folder as the file system knows it.
    public var root: String
    /// The same folder as diagnostics show it (relative to the current directory).
    public var displayRoot: String

    public init(fileSystem: any ContentFileSystem, root: String, displayRoot: String? = nil) {
        self.fileSystem = fileSystem
        self.root = root
        self.displayRoot = displayRoot ?? root
    }

    private struct PendingFile {
        var path: String
        var displayPath: String
        var collection: ContentCollection?
        var defaultID: String?

        var isJSON: Bool { path.hasSuffix(".json") }
    }

    public func load() -> (SourceTree, Diagnostics) {
        var diagnostics = Diagnostics()
        guard let entries = fileSystem.entries(in: root) else {
            diagnostics.error("content folder '\(displayRoot)' does not exist", at: nil)
            return (SourceTree(), diagnostics)
        }
        var pending: [PendingFile] = []
        var siteFiles: [PendingFile] = []
        for entry in entries.sorted(by: { $0.name < $1.name }) where !entry.name.hasPrefix(".") {
            let (base, ext) = Self.split(entry.name)
            if entry.isDirectory {
                guard let collection = ContentCollection(rawValue: entry.name) else { continue }
                pending += filesInFolder(entry.name, collection: collection)
            } else if Self.dataExtensions.contains(ext) {
                let file = PendingFile(path: ContentPath.join(root, entry.name), displayPath: ContentPath.join(displayRoot, entry.name),
                                       collection: ContentCollection(rawValue: base), defaultID: nil)
                if base == "site" { siteFiles.append(file) } else if file.collection != nil { pending.append(file) }
            }
        }
        if siteFiles.isEmpty {
            diagnostics.error("no site.yaml, site.yml or site.json in '\(displayRoot)'", at: nil)
        } else if siteFiles.count > 1 {
            let names = siteFiles.map(\.displayPath).joined(separator: ", ")
            diagnostics.error("more than one site file: \(names); keep one",
                              at: SourceLocation(file: siteFiles[1].displayPath, line: 1, column: 1))
        }
        let all = siteFiles.prefix(1) + pending
        let parsed = parseAll(Array(all))
        var tree = SourceTree()
        for (file, result) in zip(all, parsed) {
            switch result {
            case .success(let document):
                if let collection = file.collection { tree[collection].append(document) } else { tree.site = document }
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
            }
        }
        return (tree, diagnostics)
    }

    private func filesInFolder(_ name: String, collection: ContentCollection) -> [PendingFile] {
        let folder = ContentPath.join(root, name)
        var files: [PendingFile] = []
        for entry in (fileSystem.entries(in: folder) ?? []).sorted(by: { $0.name < $1.name })
        where !entry.isDirectory && !entry.name.hasPrefix(".") {
            let (base, ext) = Self.split(entry.name)
            guard Self.dataExtensions.contains(ext) else { continue }
            files.append(PendingFile(path: ContentPath.join(folder, entry.name),
                                     displayPath: ContentPath.join(ContentPath.join(displayRoot, name), entry.name),
                                     collection: collection, defaultID: base))
        }
        return files
    }

    /// Files parse in parallel, one per core. A big collection file that is one list is only
    /// cut into chunks here: decoding parses them, on every core.
    private func parseAll(_ files: [PendingFile]) -> [Result<SourceDocument, Diagnostic>] {
        let results = ResultSlots<Result<SourceDocument, Diagnostic>>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            results[index] = parse(files[index])
        }
        return results.values.map { $0! }
    }

    private func parse(_ file: PendingFile) -> Result<SourceDocument, Diagnostic> {
        guard let bytes = try? fileSystem.contents(of: file.path) else {
            return .failure(.error("cannot read file", at: SourceLocation(file: file.displayPath, line: 1, column: 1)))
        }
        if file.collection != nil, let list = ChunkedSequence.cut(bytes, file: file.displayPath, isJSON: file.isJSON) {
            return .success(SourceDocument(path: file.displayPath, list: list))
        }
        do {
            let root = file.isJSON ? try JSONParser.parse(bytes, file: file.displayPath) : try YAMLParser.parse(bytes, file: file.displayPath)
            return .success(SourceDocument(path: file.displayPath, root: root, defaultID: file.defaultID))
        } catch {
            return .failure(error)
        }
    }

    private static func split(_ name: String) -> (base: String, ext: String) {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (name, "") }
        return (String(name[..<dot]), String(name[name.index(after: dot)...]).lowercased())
    }

}

/// Fixed slots that concurrent workers fill by index, each slot written by exactly one worker.
/// Raw storage rather than an array so parallel writes to distinct slots are not exclusive accesses.
public final class ResultSlots<Value>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<Value?>

    public init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }

    deinit {
        storage.deinitialize()
        storage.deallocate()
    }

    public subscript(index: Int) -> Value? {
        get { storage[index] }
        set { storage[index] = newValue }
    }

    public var values: [Value?] { Array(storage) }

    /// The slot's value, moved out: the slot is empty afterwards.
    public func take(_ index: Int) -> Value? {
        let value = storage[index]
        storage[index] = nil
        return value
    }
}
