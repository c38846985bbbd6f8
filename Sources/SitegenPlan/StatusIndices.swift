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
    /// The index lines hashed as they are added: every build asks for the digest (to check the
    /// file it read, and to note it in the state folder), and making the 88,000 lines of a
    /// 50,000-holder site anew for it took ~60 ms each time.
    private var lines = SHA256()

    public static let magic = "sitegen-status-indices"
    public static let fileName = "status-indices.txt"

    public init() {}

    public static func == (a: StatusIndices, b: StatusIndices) -> Bool { a.ids == b.ids }

    public var count: Int { ids.count }

    public subscript(id: String) -> Int? { indexByID[id] }

    /// Gives every id that has no index the next ones, in id order; returns how many were new.
    @discardableResult
    public mutating func assign<S: Sequence>(_ awardIDs: S) -> Int where S.Element == String {
        let before = count
        _ = indices(of: Array(awardIDs))
        return count - before
    }

    /// The index of each id, in order, after giving those that have none the next ones in id
    /// order: one look-up per id (a rebuild asks this of every award), on every core, since each
    /// costs a few cache misses (its bucket, the key, the key's bytes: ~0.5 µs, 50 ms for the
    /// 88,000 awards of a 50,000-holder site on one core).
    public mutating func indices(of ids: [String]) -> [Int] {
        var numbers = [Int](repeating: -1, count: ids.count)
        let known = indexByID
        numbers.withUnsafeMutableBufferPointer { buffer in
            // Each run writes only its own positions.
            nonisolated(unsafe) let numbers = buffer
            Chunks(count: ids.count, size: 4096).forEach { _, run in
                for position in run { numbers[position] = known[ids[position]] ?? -1 }
            }
        }
        var new = Set<String>()
        for position in numbers.indices where numbers[position] < 0 { new.insert(ids[position]) }
        guard !new.isEmpty else { return numbers }
        for id in new.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) { append(id) }
        for position in numbers.indices where numbers[position] < 0 { numbers[position] = self[ids[position]] ?? 0 }
        return numbers
    }

    private mutating func append(_ id: String) {
        indexByID[id] = ids.count
        var line: [UInt8] = []
        Self.appendLine(ids.count, id, to: &line)
        lines.update(line)
        ids.append(id)
    }

    /// SHA-256 of the index lines, in hex: what the header and the build state record.
    public var digest: String {
        var hasher = lines
        return hexString(hasher.finalize())
    }

    /// Whether this record holds `earlier` unchanged as its beginning: the record a build saw
    /// last (count and digest) may only have grown since.
    public func extends(count earlier: Int, digest: String) -> Bool {
        guard earlier <= ids.count else { return false }
        if earlier == ids.count { return self.digest == digest }
        return hexString(SHA256.hash(indexLines(upTo: earlier))) == digest
    }

    /// `index<TAB>id<LF>`.
    private static func appendLine(_ index: Int, _ id: String, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: String(index).utf8)
        bytes.append(0x09)
        bytes.append(contentsOf: id.utf8)
        bytes.append(0x0A)
    }

    private func indexLines(upTo end: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(end * 32)
        for index in 0..<end { Self.appendLine(index, ids[index], to: &bytes) }
        return bytes
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
        return Array(header.utf8) + indexLines(upTo: ids.count)
    }

    /// Reads a record; a damaged one is a located error, never a silent renumbering. Read as
    /// bytes, line by line, since a build reads it every time (88,000 lines: 112 ms as Strings);
    /// index lines must be written as `serialized()` writes them, so the bytes read are the bytes
    /// hashed, in one go rather than line by line.
    public static func parse(_ bytes: [UInt8], file: String) throws(Diagnostic) -> StatusIndices {
        var record = StatusIndices()
        var header: (count: Int, digest: String)?
        var lineNumber = 0
        var start = 0
        // Where the index lines begin and end, and whether a blank or comment line came after one.
        var indexLines = bytes.count..<bytes.count
        var gap = false
        func location() -> SourceLocation { SourceLocation(file: file, line: lineNumber, column: 1) }
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            defer { start = end + 1 }
            lineNumber += 1
            let line = bytes[start..<end]
            if line.isEmpty || line.first == UInt8(ascii: "#") {
                gap = !record.ids.isEmpty
                continue
            }
            guard header != nil else {
                let fields = String(decoding: line, as: UTF8.self).split(separator: " ")
                guard fields.count == 4, fields[0] == magic, fields[1] == "1", fields[2].hasPrefix("count="),
                      let count = Int(fields[2].dropFirst("count=".count)), count >= 0, fields[3].hasPrefix("sha256=") else {
                    throw .error("not a sitegen status index record: expected '\(magic) 1 count=N sha256=…'", at: location())
                }
                header = (count, String(fields[3].dropFirst("sha256=".count)))
                // Room for what the header announces (bounded, since the header may lie).
                let room = min(count, bytes.count / 3)
                record.ids.reserveCapacity(room)
                record.indexByID.reserveCapacity(room)
                continue
            }
            // The digest covers the index lines as one run of bytes: nothing may come between them.
            guard let index = indexLine(line), !gap else {
                throw .error("status index record damaged: expected '<index><TAB><award id>'", at: location())
            }
            if record.ids.isEmpty { indexLines = start..<start }
            guard index.number == record.ids.count else {
                throw .error("status index record damaged: index \(index.number) where \(record.ids.count) was expected (lines removed or reordered)",
                             at: location())
            }
            let id = String(decoding: line[index.idStart...], as: UTF8.self)
            guard record.indexByID.updateValue(record.ids.count, forKey: id) == nil else {
                throw .error("status index record damaged: award '\(id)' has two indices", at: location())
            }
            record.ids.append(id)
            indexLines = indexLines.lowerBound..<min(end + 1, bytes.count)
        }
        bytes.withUnsafeBytes { bytes in
            record.lines.update(UnsafeRawBufferPointer(rebasing: bytes[indexLines]))
        }
        // A last line without its line feed is hashed as serialized() writes it.
        if !indexLines.isEmpty, bytes[indexLines.upperBound - 1] != 0x0A { record.lines.update(CollectionOfOne(UInt8(0x0A))) }
        guard let header else {
            throw .error("not a sitegen status index record: no '\(magic)' header", at: SourceLocation(file: file, line: 1, column: 1))
        }
        guard header.count == record.count, header.digest == record.digest else {
            throw .error("status index record damaged: its header says \(header.count) indices and a checksum its \(record.count) lines do not match (edited by hand, or cut short); restore it from version control",
                         at: SourceLocation(file: file, line: 1, column: 1))
        }
        return record
    }

    /// An index line as `serialized()` writes it: a decimal index without leading zeros, a tab,
    /// and a non-empty id without tabs. nil for anything else.
    private static func indexLine(_ line: ArraySlice<UInt8>) -> (number: Int, idStart: Int)? {
        var number = 0
        var position = line.startIndex
        while position < line.endIndex, line[position] != 0x09 {
            let digit = Int(line[position]) - 0x30
            guard (0...9).contains(digit), !(number == 0 && position > line.startIndex), number < Int.max / 20 else { return nil }
            number = number * 10 + digit
            position += 1
        }
        let idStart = position + 1
        guard position > line.startIndex, idStart < line.endIndex, !line[idStart...].contains(0x09) else { return nil }
        return (number, idStart)
    }
}
