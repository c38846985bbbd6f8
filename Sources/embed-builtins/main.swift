import Foundation

// Build-time generator for SitegenEmbedded, run by the EmbedBuiltins plugin (never installed):
//
//   embed-builtins archive FOLDER PREFIX NAME OUT.swift   every file below FOLDER, as one archive
//   embed-builtins commit OUT.swift [HEAD COMMON_GIT_DIR] the commit HEAD names, or none
//
// An archive is one base64 text in a string literal, each file's run of it decoded only when
// read. A string literal of 4 MB compiles in about half a second; an array literal of bytes
// takes over 20 s per 256 KB, which the fonts of the social cards would make minutes.

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("embed-builtins: \(message)\n".utf8))
    exit(1)
}

/// Writes only when the text changed, so an unchanged archive compiles nothing again.
func write(_ text: String, to path: String) {
    if let old = FileManager.default.contents(atPath: path), old == Data(text.utf8) { return }
    do { try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic) } catch { fail("cannot write \(path): \(error)") }
}

func swiftLiteral(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case _ where scalar.value < 0x20 || scalar.value == 0x7F: result += "\\u{\(String(scalar.value, radix: 16))}"
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result + "\""
}

/// Files below `folder`, relative, in byte order of their paths; dot files left out as the theme loader does.
func files(below folder: String) -> [String] {
    guard let walk = FileManager.default.enumerator(atPath: folder) else { fail("no folder \(folder)") }
    var result: [String] = []
    while let path = walk.nextObject() as? String {
        let name = (path as NSString).lastPathComponent
        if name.hasPrefix(".") {
            if (walk.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory { walk.skipDescendants() }
            continue
        }
        if (walk.fileAttributes?[.type] as? FileAttributeType) == .typeRegular { result.append(path) }
    }
    return result.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
}

/// FNV-1a over paths and bytes: only tells builds apart, for the input fingerprint.
struct FNV1a {
    var state: UInt64 = 0xcbf2_9ce4_8422_2325
    mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes { state = (state ^ UInt64(byte)) &* 0x100_0000_01b3 }
    }
}

func archive(folder: String, prefix: String, name: String, output: String) {
    var entries: [String] = []
    var text = ""
    var digest = FNV1a()
    for path in files(below: folder) {
        guard let data = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(path)) else {
            fail("cannot read \(path) in \(folder)")
        }
        let encoded = data.base64EncodedString()
        let start = text.utf8.count
        text += encoded
        entries.append("        .init(path: \(swiftLiteral(prefix + path)), start: \(start), end: \(start + encoded.utf8.count), size: \(data.count)),")
        digest.update((prefix + path).utf8); digest.update([0]); digest.update(data)
    }
    let source = """
    // Generated at build time by embed-builtins from \(swiftLiteral((folder as NSString).lastPathComponent)): never checked in or edited.

    extension EmbeddedArchive {
        static let \(name) = EmbeddedArchive(files: [
    \(entries.joined(separator: "\n"))
        ], text: "\(text)", digest: "\(String(digest.state, radix: 16))")
    }

    """
    write(source, to: output)
}

/// The commit HEAD names, read from the git folder rather than asked of `git`, which may be
/// missing or refuse a checkout owned by someone else.
func commit(head: String, common: String) -> String? {
    guard let text = try? String(contentsOfFile: head, encoding: .utf8) else { return nil }
    let line = text.trimmingCharacters(in: .whitespacesAndNewlines)
    func hash(_ candidate: Substring) -> String? {
        candidate.count == 40 && candidate.allSatisfy(\.isHexDigit) ? String(candidate) : nil
    }
    guard line.hasPrefix("ref:") else { return hash(Substring(line)) }
    let ref = line.dropFirst("ref:".count).trimmingCharacters(in: .whitespaces)
    if let loose = try? String(contentsOfFile: (common as NSString).appendingPathComponent(ref), encoding: .utf8) {
        return hash(Substring(loose.trimmingCharacters(in: .whitespacesAndNewlines)))
    }
    guard let packed = try? String(contentsOfFile: (common as NSString).appendingPathComponent("packed-refs"), encoding: .utf8) else { return nil }
    for entry in packed.split(separator: "\n") where entry.hasSuffix(" " + ref) {
        return hash(entry.prefix(40))
    }
    return nil
}

let arguments = CommandLine.arguments.dropFirst()
switch arguments.first {
case "archive" where arguments.count == 5:
    let values = Array(arguments.dropFirst())
    archive(folder: values[0], prefix: values[1], name: values[2], output: values[3])
case "commit" where arguments.count == 2 || arguments.count == 4:
    let values = Array(arguments.dropFirst())
    let found = values.count == 3 ? commit(head: values[1], common: values[2]) : nil
    write("""
    // Generated at build time by embed-builtins: the commit built, nil when built outside a git checkout.

    extension BuildIdentity {
        static let recordedCommit: String? = \(found.map { "\"\($0)\"" } ?? "nil")
    }

    """, to: values[0])
default:
    fail("usage: embed-builtins archive FOLDER PREFIX NAME OUT.swift | commit OUT.swift [HEAD COMMON_GIT_DIR]")
}
