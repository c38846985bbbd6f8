#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SitegenDigest

/// What sitegen wrote into an output folder, read back: which files it owns (only those are
/// ever removed), the key of the inputs each output unit was made from (so a rebuild skips units
/// whose inputs did not change), and the record of the build that wrote it (`BuildRecord`).
///
/// Stored as `manifest` in the output folder's `StateFolder` (never in the web root):
///
///     # sitegen manifest v2: output units this tool wrote here; do not edit
///     @fingerprint …                          the build's record, see `BuildRecord`
///     @output <device> <inode> <sec> <nsec>   the output folder as the build left it (`OutputIdentity`)
///     <key><TAB><unit name><TAB><set number>  one line per unit, in build order
///     ~awards/*.json<TAB>awards/*/index.html  path sets, numbered from 0, see `PathSet`
///
/// A unit's key is 32 hex digits; its name is `kind` or `kind:id` (`UnitName`). A rebuild copies
/// the lines of unchanged units through as they are, and never makes their paths.
///
/// Version 1 manifests (`<key><TAB><path>` per file, keys of another scheme) are still read: their
/// files are owned, and every unit counts as changed, so the first build after an upgrade renders
/// everything once and rewrites only files whose bytes differ.
///
/// Builds before 0.5 kept it as `.sitegen-manifest` in the output folder itself; `OutputWriter`
/// moves such a manifest out once.
///
/// The pending list (`manifest.pending` beside it) has the same form, with `-` for keys and the
/// `@output` line of the folder as the build found it: before a build touches any file it lists
/// every unit it is about to write, so a build killed half-way still leaves every file it made
/// owned by sitegen (a first build's too), and the next build trusts none of them.
public struct Manifest: Sendable {
    /// Where builds before the state folder kept the manifest, pending list and staging, in the
    /// output folder itself.
    static let inRootFileName = ".sitegen-manifest"
    static let inRootPendingFileName = ".sitegen-manifest.pending"
    static let inRootStagingFolder = ".sitegen-staging"
    public static let header = "# sitegen manifest v2: output units this tool wrote here; do not edit\n"
    static let version1Header = "# sitegen manifest v1: files this tool wrote here; do not edit\n"

    /// One unit line: offsets into `bytes`. The key runs from `start` to `nameStart - 1`, the set
    /// number from `nameEnd + 1` to `end` (the line break).
    struct UnitLine {
        var start: UInt32
        var nameStart: UInt32
        var nameEnd: UInt32
        var end: UInt32
        var set: UInt32
    }

    let bytes: [UInt8]
    public let record: BuildRecord?
    /// The output folder as the build that wrote this manifest left it.
    let outputIdentity: OutputIdentity?
    /// Each path set line, marker included, line break excluded.
    let sets: [Range<Int>]
    let units: [UnitLine]
    /// Open addressing by name hash: unit index + 1, 0 when empty.
    private let slots: [Int32]
    /// The files of a version 1 manifest or pending list.
    public let legacyPaths: [String]

    /// Version 1: files without units, whose keys no build can compare.
    public let isLegacy: Bool
    public var unitCount: Int { units.count }

    /// nil when the bytes are not a manifest (a foreign file with that name).
    public init?(parsing bytes: [UInt8]) {
        guard bytes.count < Int(UInt32.max) else { return nil }
        self.bytes = bytes
        if bytes.starts(with: Self.version1Header.utf8) {
            guard let paths = Self.version1Paths(bytes) else { return nil }
            isLegacy = true
            legacyPaths = paths
            record = nil
            outputIdentity = nil
            sets = []
            units = []
            slots = []
            return
        }
        guard bytes.starts(with: Self.header.utf8), bytes.last == 0x0A else { return nil }
        isLegacy = false
        legacyPaths = []
        var recordLines: [ArraySlice<UInt8>] = []
        var sets: [Range<Int>] = []
        var units: [UnitLine] = []
        units.reserveCapacity(bytes.count / 56)
        let valid = bytes.withUnsafeBufferPointer { buffer -> Bool in
            let base = buffer.baseAddress!
            func find(_ byte: UInt8, from start: Int, to end: Int) -> Int? {
                guard start < end, let hit = memchr(base + start, Int32(byte), end - start) else { return nil }
                return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
            }
            var lineStart = Self.header.utf8.count
            while lineStart < buffer.count {
                guard let newline = find(0x0A, from: lineStart, to: buffer.count) else { return false }
                switch buffer[lineStart] {
                case UInt8(ascii: "@"):
                    recordLines.append(bytes[lineStart..<newline])
                case PathSet.template, PathSet.literal:
                    sets.append(lineStart..<newline)
                default:
                    guard let keyEnd = find(0x09, from: lineStart, to: newline), keyEnd > lineStart,
                          let nameEnd = find(0x09, from: keyEnd + 1, to: newline),
                          UnitName.isValid(UnsafeBufferPointer(rebasing: buffer[(keyEnd + 1)..<nameEnd])),
                          let set = Self.number(UnsafeBufferPointer(rebasing: buffer[(nameEnd + 1)..<newline])) else { return false }
                    units.append(UnitLine(start: UInt32(lineStart), nameStart: UInt32(keyEnd + 1), nameEnd: UInt32(nameEnd),
                                          end: UInt32(newline), set: UInt32(set)))
                }
                lineStart = newline + 1
            }
            return true
        }
        // Sets come after the units that use them (see `ManifestComposer`).
        guard valid, units.allSatisfy({ Int($0.set) < sets.count }) else { return nil }
        record = BuildRecord.parse(recordLines)
        outputIdentity = recordLines.lazy.compactMap { OutputIdentity(line: $0) }.first
        self.sets = sets
        self.units = units
        var capacity = 16
        while capacity < units.count * 2 { capacity *= 2 }
        var slots = [Int32](repeating: 0, count: capacity)
        bytes.withUnsafeBufferPointer { buffer in
            for (index, unit) in units.enumerated() {
                var hash = NameHash()
                hash.add(UnsafeBufferPointer(rebasing: buffer[Int(unit.nameStart)..<Int(unit.nameEnd)]))
                var slot = Int(truncatingIfNeeded: hash.value) & (capacity - 1)
                while slots[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
                slots[slot] = Int32(index + 1)
            }
        }
        self.slots = slots
    }

    /// The record of the build that wrote the manifest of `state`, if that build finished (there
    /// is no pending list of a later one that was killed) and nobody changed the output folder
    /// since.
    public static func finishedBuild(of state: StateFolder) -> BuildRecord? {
        guard FileIO.size(of: state.pending) == nil, let identity = OutputIdentity.of(state.output) else { return nil }
        // Only the `@` lines at the top: the unit lines need not be read.
        var limit = 1 << 16
        while true {
            guard let bytes = FileIO.read(state.manifest, upTo: limit), bytes.starts(with: header.utf8) else { return nil }
            var lines: [ArraySlice<UInt8>] = []
            var lineStart = header.utf8.count
            while lineStart < bytes.count, bytes[lineStart] == UInt8(ascii: "@") {
                guard let newline = bytes[lineStart...].firstIndex(of: 0x0A) else { break }
                lines.append(bytes[lineStart..<newline])
                lineStart = newline + 1
            }
            if (lineStart < bytes.count && bytes[lineStart] != UInt8(ascii: "@")) || bytes.count < limit {
                guard lines.contains(where: { OutputIdentity(line: $0) == identity }) else { return nil }
                return BuildRecord.parse(lines)
            }
            limit *= 4
        }
    }

    /// The index of the unit with this name, if the manifest has one. A rebuild lists its units
    /// in the order of the previous manifest but for the few added or removed, so the line after
    /// the last one found (`hint`) is tried first, before hashing the name.
    func unit(named name: UnitName, hint: Int = -1) -> Int? {
        guard !slots.isEmpty else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            func matches(_ index: Int) -> Bool {
                let unit = units[index]
                return name.matches(UnsafeBufferPointer(rebasing: buffer[Int(unit.nameStart)..<Int(unit.nameEnd)]))
            }
            if units.indices.contains(hint), matches(hint) { return hint }
            var slot = Int(truncatingIfNeeded: name.hashValue64) & (slots.count - 1)
            while slots[slot] != 0 {
                let index = Int(slots[slot] - 1)
                if matches(index) { return index }
                slot = (slot + 1) & (slots.count - 1)
            }
            return nil
        }
    }

    /// Whether the key recorded for a unit is `key`: its 32 hex digits are written as the
    /// manifest writes them and compared in place, since a rebuild asks for every award and holder.
    func unit(_ unit: Int, hasKey key: Digest128) -> Bool {
        let line = units[unit]
        guard line.nameStart - 1 - line.start == 32 else { return false }
        var digits: (SIMD16<UInt8>, SIMD16<UInt8>) = (.zero, .zero)
        withUnsafeMutableBytes(of: &digits) { digits in
            Self.hexDigits.withUnsafeBufferPointer { hex in
                for index in 0..<16 {
                    let byte = Int(truncatingIfNeeded: (index < 8 ? key.first : key.second) >> UInt64(8 * (index % 8)) & 0xFF)
                    digits[2 * index] = hex[byte >> 4]
                    digits[2 * index + 1] = hex[byte & 0x0F]
                }
            }
        }
        return bytes.withUnsafeBufferPointer { buffer in
            withUnsafeBytes(of: &digits) { memcmp(buffer.baseAddress! + Int(line.start), $0.baseAddress!, 32) == 0 }
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The paths of a unit, expanded from its set.
    func paths(of unit: Int) -> [String] {
        let line = units[unit]
        return bytes.withUnsafeBufferPointer { buffer in
            let name = buffer[Int(line.nameStart)..<Int(line.nameEnd)]
            let id = name.firstIndex(of: UInt8(ascii: ":")).map { name[($0 + 1)...] } ?? name[name.endIndex...]
            return PathSet.paths(UnsafeBufferPointer(rebasing: buffer[sets[Int(line.set)]]), id: UnsafeBufferPointer(rebasing: id))
        }
    }

    /// How many files each set holds, by set number.
    func setSizes() -> [Int] {
        bytes.withUnsafeBufferPointer { buffer in sets.map { PathSet.count(UnsafeBufferPointer(rebasing: buffer[$0])) } }
    }

    private static func number(_ digits: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count < 10 else { return nil }
        var value = 0
        for digit in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { return nil }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return value
    }

    /// `<key><TAB><path>` lines; nil when one is malformed or names an unsafe path.
    private static func version1Paths(_ bytes: [UInt8]) -> [String]? {
        var paths: [String] = []
        paths.reserveCapacity(bytes.count / 64)
        var lineStart = version1Header.utf8.count
        var tab = -1
        for index in lineStart..<bytes.count {
            switch bytes[index] {
            case 0x09 where tab < 0: tab = index
            case 0x0A:
                guard tab >= lineStart else { return nil }
                let path = String(decoding: bytes[(tab + 1)..<index], as: UTF8.self)
                guard OutputPath.isSafe(path) else { return nil }
                paths.append(path)
                lineStart = index + 1
                tab = -1
            default: break
            }
        }
        return paths
    }
}
