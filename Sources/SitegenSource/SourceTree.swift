/// The content folder after loading: every data file parsed into a located tree, nothing
/// interpreted yet.
public struct SourceTree: Sendable {
    public var site: SourceDocument?
    public var issuers: [SourceDocument] = []
    public var badges: [SourceDocument] = []
    public var holders: [SourceDocument] = []

    public init() {}

    public subscript(collection: ContentCollection) -> [SourceDocument] {
        get {
            switch collection {
            case .issuers: return issuers
            case .badges: return badges
            case .holders: return holders
            }
        }
        set {
            switch collection {
            case .issuers: issuers = newValue
            case .badges: badges = newValue
            case .holders: holders = newValue
            }
        }
    }
}

public enum ContentCollection: String, CaseIterable, Sendable {
    case issuers, badges, holders
}

public struct SourceDocument: Sendable {
    public enum Body: Sendable {
        case tree(SourceNode)
        /// A big collection file's top-level list, parsed chunk by chunk when decoded.
        case list(SourceList)
    }

    /// The path as diagnostics show it.
    public var path: String
    public var body: Body
    /// For a file inside a collection folder, its base name: the default `id` of the object it holds.
    public var defaultID: String?

    public init(path: String, root: SourceNode, defaultID: String?) {
        self.path = path
        self.body = .tree(root)
        self.defaultID = defaultID
    }

    public init(path: String, list: SourceList) {
        self.path = path
        self.body = .list(list)
        self.defaultID = nil
    }

    /// The whole tree, a list parsed in one piece if need be.
    public func tree() -> Result<SourceNode, Diagnostic> {
        switch body {
        case .tree(let root): return .success(root)
        case .list(let list): return list.parseWhole()
        }
    }
}
