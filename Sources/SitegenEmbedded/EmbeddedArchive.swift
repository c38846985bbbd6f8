import SitegenSource

/// Files compiled into the executable (EmbedBuiltins generates the archives at build time), read
/// through the same interface as a folder on disk. The files live as one base64 text in the
/// binary's read-only data; each is decoded only when read, so a theme's fonts cost nothing to a
/// run that never draws a card.
public struct EmbeddedArchive: ContentFileSystem {
    struct File: Sendable {
        var path: String
        /// The file's run of `text`, in bytes.
        var start: Int
        var end: Int
        /// Decoded size.
        var size: Int
    }

    /// The default theme, as folder `default`.
    public static var builtInThemes: EmbeddedArchive { themes }
    /// What `sitegen init` writes: a small site that checks and builds as it is.
    public static var newSite: EmbeddedArchive { starterSite }

    private let files: [String: File]
    private let folders: [String: [DirectoryEntry]]
    private let text: StaticString
    /// Tells one build's archive from another's (not a cryptographic digest).
    public let digest: String

    init(files list: [File], text: StaticString, digest: String) {
        var files: [String: File] = [:]
        var folders: [String: Set<DirectoryEntry>] = ["": []]
        for file in list {
            files[file.path] = file
            var parent = ""
            let parts = file.path.split(separator: "/").map(String.init)
            for (index, part) in parts.enumerated() {
                let isLast = index == parts.count - 1
                folders[parent, default: []].insert(DirectoryEntry(name: part, isDirectory: !isLast))
                parent = ContentPath.join(parent, part)
            }
        }
        self.files = files
        self.folders = folders.mapValues { $0.sorted { $0.name < $1.name } }
        self.text = text
        self.digest = digest
    }

    /// Every file, by path.
    public var paths: [String] { files.keys.sorted() }

    public func entries(in directory: String) -> [DirectoryEntry]? {
        folders[Self.normalized(directory)]
    }

    public func isDirectory(_ path: String) -> Bool {
        folders[Self.normalized(path)] != nil
    }

    public func contents(of path: String) throws -> [UInt8] {
        guard let file = files[Self.normalized(path)] else { throw MissingFile(path: path) }
        return text.withUTF8Buffer { Base64.decode($0[file.start..<file.end], size: file.size) }
    }

    private static func normalized(_ path: String) -> String {
        path == "." ? "" : path.hasPrefix("./") ? String(path.dropFirst(2)) : path
    }

    public struct MissingFile: Error, CustomStringConvertible {
        public var path: String
        public var description: String { "no built-in file \(path)" }
    }
}

/// Decodes the generator's base64 (Foundation's `Data.base64EncodedString`: padded, no line breaks).
enum Base64 {
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(byte)] = UInt8(index)
        }
        return table
    }()

    /// Written straight into the array's storage, with the table hoisted out of the loop: a
    /// 4 MB font decodes in about 12 ms (release build) rather than the 100 of appending byte by byte.
    static func decode(_ text: Slice<UnsafeBufferPointer<UInt8>>, size: Int) -> [UInt8] {
        let table = values
        return [UInt8](unsafeUninitializedCapacity: size) { output, count in
            table.withUnsafeBufferPointer { table in
                var accumulator: UInt32 = 0
                var bits = 0
                var written = 0
                for character in text {
                    let value = table[Int(character)]
                    // Only padding is not a digit; the archive is ours, written by the generator.
                    guard value != 0xFF else { break }
                    accumulator = accumulator << 6 | UInt32(value)
                    bits += 6
                    if bits >= 8 {
                        bits -= 8
                        guard written < output.count else { break }
                        output[written] = UInt8(truncatingIfNeeded: accumulator >> UInt32(bits))
                        written += 1
                    }
                }
                count = written
            }
        }
    }
}
