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
    /// The path as diagnostics show it.
    public var path: String
    public var root: SourceNode
    /// For a file inside a collection folder, its base name: the default `id` of the object it holds.
    public var defaultID: String?

    public init(path: String, root: SourceNode, defaultID: String?) {
        self.path = path
        self.root = root
        self.defaultID = defaultID
    }
}
