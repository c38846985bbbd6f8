/// Which sources this executable was built from, for `sitegen --version`.
public enum BuildIdentity {
    /// The git commit (40 hex digits) the build tool plugin found, or "unknown" when built
    /// outside a checkout (a source tarball).
    public static var commit: String { recordedCommit ?? "unknown" }
}
