import Foundation
import SitegenPlan
import SitegenSource
import SitegenWrite

/// The status index record (`StatusIndices`) as a build keeps it: `status-indices.txt` in the
/// content folder, committed with the content, and a memo of its size and digest in the output's
/// state folder. A record that is missing, cut short or renumbered where the memo says a build
/// saw more is refused: numbering anew would move a revocation onto someone else's credential.
enum StatusIndexRecord {
    static func path(_ options: BuildOptions) -> String {
        options.contentDirectory + "/" + StatusIndices.fileName
    }

    /// The record, checked (`checkingTheOutputsMemo`) against what the last build into this
    /// output folder saw; an empty record when there is none yet and no build saw one.
    static func read(_ options: BuildOptions, checkingTheOutputsMemo: Bool) -> Result<StatusIndices, Diagnostic> {
        let file = path(options)
        let display = DisplayPath.of(file)
        var record = StatusIndices()
        if let bytes = try? options.fileSystem.contents(of: file) {
            do {
                record = try StatusIndices.parse(bytes, file: display)
            } catch {
                return .failure(error)
            }
        }
        if checkingTheOutputsMemo, let memo = Memo.read(StateFolder(output: options.outputDirectory)),
           !record.extends(count: memo.count, digest: memo.digest) {
            let found = record.count == 0 ? "is missing" : "holds \(record.count) indices that do not begin with them"
            return .failure(.error("the last build into \(DisplayPath.of(options.outputDirectory)) numbered \(memo.count) awards in the status lists, and \(display) \(found): restore it from version control (git checkout -- \(display)) rather than numbering awards anew, which would move revocations onto other people's credentials (docs/credentials.md)",
                                   at: record.count == 0 ? nil : SourceLocation(file: display, line: 1, column: 1)))
        }
        return .success(record)
    }

    /// Writes the record back when this build numbered new awards (before any output is
    /// committed, so no published credential carries an index the record lacks), and notes its
    /// size and digest in the state folder. True when the file changed.
    static func save(_ record: StatusIndices, options: BuildOptions) throws -> Bool {
        guard options.fileSystem.isDisk else { return false }
        let file = path(options)
        let bytes = record.serialized()
        var changed = false
        if (try? options.fileSystem.contents(of: file)) != bytes {
            try Data(bytes).write(to: URL(fileURLWithPath: file), options: .atomic)
            changed = true
        }
        try Memo(count: record.count, digest: record.digest).write(StateFolder(output: options.outputDirectory))
        return changed
    }

    /// What the state folder remembers of the record the last build wrote.
    struct Memo {
        var count: Int
        var digest: String

        static func read(_ state: StateFolder) -> Memo? {
            guard let text = try? String(contentsOfFile: state.statusIndices, encoding: .utf8) else { return nil }
            let fields = text.split(whereSeparator: \.isWhitespace)
            guard fields.count == 2, let count = Int(fields[0]) else { return nil }
            return Memo(count: count, digest: String(fields[1]))
        }

        func write(_ state: StateFolder) throws {
            try FileManager.default.createDirectory(atPath: state.path, withIntermediateDirectories: true)
            try Data("\(count) \(digest)\n".utf8).write(to: URL(fileURLWithPath: state.statusIndices), options: .atomic)
        }
    }
}
