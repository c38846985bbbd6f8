import SitegenSource

/// What every harness asks of a rejected input: the error points inside it.
enum FuzzChecks {
    static func located(_ error: Diagnostic, in bytes: [UInt8]) {
        guard let location = error.location else { fatalError("a parse error without a place: \(error)") }
        var lines = 1
        for index in bytes.indices where bytes[index] == 0x0A || (bytes[index] == 0x0D && index + 1 < bytes.count && bytes[index + 1] != 0x0A) {
            lines += 1
        }
        guard location.line >= 1, location.line <= lines, location.column >= 1, location.column <= bytes.count + 1 else {
            fatalError("a parse error placed outside the input (\(lines) lines, \(bytes.count) bytes): \(error)")
        }
    }
}
