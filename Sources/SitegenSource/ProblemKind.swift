/// What problems "like this one" have in common: the message with the parts that name a value
/// elided, so "missing required key 'name'" in a million holders is one kind. Quoted text
/// becomes '…' and each run of digits '#' (line and column numbers).
struct ProblemKind {
    let hash: Int
    private let message: String

    /// Only hashes: the text is made once per new kind, by `text`.
    init(_ message: String) {
        var hasher = Hasher()
        Self.walk(message) { hasher.combine($0) }
        hash = hasher.finalize()
        self.message = message
    }

    var text: String {
        var bytes: [UInt8] = []
        Self.walk(message) { bytes.append($0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let ellipsis = Array("…".utf8)

    private static func walk(_ message: String, _ emit: (UInt8) -> Void) {
        var quoted = false
        var inDigits = false
        for byte in message.utf8 {
            if quoted {
                if byte == UInt8(ascii: "'") {
                    quoted = false
                    emit(byte)
                }
                continue
            }
            if byte == UInt8(ascii: "'") {
                quoted = true
                emit(byte)
                for b in ellipsis { emit(b) }
                inDigits = false
                continue
            }
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                if !inDigits { emit(UInt8(ascii: "#")) }
                inDigits = true
                continue
            }
            inDigits = false
            emit(byte)
        }
    }
}
