/// Limits shared by both parsers. Content never nests deeper than a handful of levels; the
/// limit keeps hostile input from exhausting the stack of a worker thread.
public enum ParseLimits {
    public static let maxDepth = 200
}
