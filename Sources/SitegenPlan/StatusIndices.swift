import SitegenDigest
import SitegenSource

/// Each published award's permanent place in the revocation status lists of its Open Badges 3.0
/// credential. A credential carries its index for ever, in every wallet it was copied into, so an
/// index is never changed and never reused: not when content files are reordered or renamed, not
/// when a holders export comes back in another order, not when an award is deleted, and not in a
/// shard (every shard plans the whole site, so all of them number alike).
///
/// The record is a plain-text file kept with the content and committed with it:
///
///     # comments
///     sitegen-status-indices 1 count=<n> sha256=<hex>
///     0<TAB>award-id
///     1<TAB>award-id
///
/// Lines are in index order. New awards are appended, in the order of their ids, so the same
/// content always numbers alike however its files are ordered. The header's count and SHA-256
/// (of the index lines) tell a damaged or hand-edited file from a good one; `extends(_:)` tells
/// whether it is at least the record a build saw last, so a lost or rolled-back file is caught
/// before it could move a revocation onto someone else's credential.
public struct StatusIndices: Sendable, Equatable {
    /// Award ids by index.
    public private(set) var ids: [String] = []
    private var indexByID: [String: Int] = [:]

    public static let magic = "sitegen-status-indices"
    public static let fileName = "status-indices.txt"

    public init() {}

    public var count: Int { ids.count }

    public subscript(id: String) -> Int? { indexByID[id] }

    /// Gives every id that has no index the next ones, in id order; returns how many were new.
    @discardableResult
    public mutating func assign<S: Sequence>(_ awardIDs: S) -> Int where S.Element == String {
        var new = Set<String>()
        for id in awardIDs where indexByID[id] == nil { new.insert(id) }
        for id in new.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            indexByID[id] = ids.count
            ids.append(id)
        }
        return new.count
    }

    /// SHA-256 of the index lines, in hex: what the header and the build state record.
    public var digest: String { hexString(SHA256.hash(Array(indexLines(upTo: ids.count).utf8))) }

    /// Whether this record holds `earlier` unchanged as its beginning: the record a build saw
    /// last (count and digest) may only have grown since.
    public func extends(count earlier: Int, digest: String) -> Bool {
        earlier <= ids.count && hexString(SHA256.hash(Array(indexLines(upTo: earlier).utf8))) == digest
    }

    private func indexLines(upTo end: Int) -> String {
        var text = ""
        for index in 0..<end { text += "\(index)\t\(ids[index])\n" }
        return text
    }

    /// The file's bytes.
    public func serialized() -> [UInt8] {
        let header = """
            # sitegen status list indices: each published award's permanent place in the revocation
            # status lists of its Open Badges 3.0 credential. Commit this file with the content and
            # never edit it: sitegen appends to it. If it is lost or damaged, restore it from version
            # control (see docs/credentials.md); sitegen refuses to number awards anew.
            \(Self.magic) 1 count=\(ids.count) sha256=\(digest)

            """
        return Array((header + indexLines(upTo: ids.count)).utf8)
    }

    /// Reads a record; a damaged one is a located error, never a silent renumbering.
    public static func parse(_ bytes: [UInt8], file: String) throws(Diagnostic) -> StatusIndices {
        var record = StatusIndices()
        var header: (count: Int, digest: String)?
        var lineNumber = 0
        for rawLine in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = String(decoding: rawLine, as: UTF8.self)
            let location = SourceLocation(file: file, line: lineNumber, column: 1)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard header != nil else {
                let fields = line.split(separator: " ")
                guard fields.count == 4, fields[0] == magic, fields[1] == "1", fields[2].hasPrefix("count="),
                      let count = Int(fields[2].dropFirst("count=".count)), fields[3].hasPrefix("sha256=") else {
                    throw .error("not a sitegen status index record: expected '\(magic) 1 count=N sha256=…'", at: location)
                }
                header = (count, String(fields[3].dropFirst("sha256=".count)))
                continue
            }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 2, let index = Int(fields[0]), !fields[1].isEmpty else {
                throw .error("status index record damaged: expected '<index><TAB><award id>'", at: location)
            }
            guard index == record.ids.count else {
                throw .error("status index record damaged: index \(index) where \(record.ids.count) was expected (lines removed or reordered)",
                             at: location)
            }
            let id = String(fields[1])
            guard record.indexByID[id] == nil else {
                throw .error("status index record damaged: award '\(id)' has two indices", at: location)
            }
            record.indexByID[id] = index
            record.ids.append(id)
        }
        guard let header else {
            throw .error("not a sitegen status index record: no '\(magic)' header", at: SourceLocation(file: file, line: 1, column: 1))
        }
        guard header.count == record.count, header.digest == record.digest else {
            throw .error("status index record damaged: its header says \(header.count) indices and a checksum its \(record.count) lines do not match (edited by hand, or cut short); restore it from version control",
                         at: SourceLocation(file: file, line: 1, column: 1))
        }
        return record
    }
}
