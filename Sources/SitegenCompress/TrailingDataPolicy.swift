/// What to do with bytes after the end of a stream (or, for gzip, after the last member).
public enum TrailingDataPolicy: Sendable {
    /// Refuse them: a stream is expected to fill its input exactly.
    case reject
    /// Stop at the end of the stream and disregard what follows.
    case ignore
}
