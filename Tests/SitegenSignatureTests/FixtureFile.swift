import Foundation
import Testing

/// A fixture of Tests/SitegenSignatureTests/Fixtures, read from beside this source file; a
/// missing file throws, failing the test that needs it.
enum FixtureFile {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(name))
    }

    static func text(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }
}

/// The bytes of a hexadecimal string from a fixture; a malformed one is a failed test.
func bytes(hex: some StringProtocol) -> [UInt8] {
    let digits = Array(hex.utf8)
    guard digits.count % 2 == 0 else {
        Issue.record("odd-length hex in a fixture: \(hex.prefix(40))")
        return []
    }
    func value(_ digit: UInt8) -> UInt8 {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
        default:
            Issue.record("not a hex digit in a fixture: \(hex.prefix(40))")
            return 0
        }
    }
    return stride(from: 0, to: digits.count, by: 2).map { value(digits[$0]) << 4 | value(digits[$0 + 1]) }
}
