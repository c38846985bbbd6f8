import Foundation

/// Reads SVG's number lists (`10,20 -3.5e2.5`) from attribute text: separators are white space
/// and at most one comma; a sign or a second decimal point starts a new number.
struct NumberScanner {
    let bytes: [UInt8]
    var i = 0

    init(_ text: some StringProtocol) { bytes = Array(text.utf8) }

    var atEnd: Bool { i >= bytes.count }
    var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    mutating func skipSpace() {
        while i < bytes.count && (bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D) { i += 1 }
    }

    mutating func skipSeparator() {
        skipSpace()
        if peek == UInt8(ascii: ",") { i += 1; skipSpace() }
    }

    /// The next number, or nil (position unchanged) when there is none here.
    mutating func number() -> Double? {
        skipSpace()
        let start = i
        var j = i
        if j < bytes.count && (bytes[j] == UInt8(ascii: "+") || bytes[j] == UInt8(ascii: "-")) { j += 1 }
        var digits = 0
        while j < bytes.count && isDigit(bytes[j]) { j += 1; digits += 1 }
        if j < bytes.count && bytes[j] == UInt8(ascii: ".") {
            j += 1
            while j < bytes.count && isDigit(bytes[j]) { j += 1; digits += 1 }
        }
        guard digits > 0 else { return nil }
        if j < bytes.count && (bytes[j] == UInt8(ascii: "e") || bytes[j] == UInt8(ascii: "E")) {
            var k = j + 1
            if k < bytes.count && (bytes[k] == UInt8(ascii: "+") || bytes[k] == UInt8(ascii: "-")) { k += 1 }
            if k < bytes.count && isDigit(bytes[k]) {
                while k < bytes.count && isDigit(bytes[k]) { k += 1 }
                j = k
            }
        }
        guard let value = Double(String(decoding: bytes[start..<j], as: UTF8.self)), value.isFinite else { return nil }
        i = j
        return value
    }

    /// An arc flag: a single `0` or `1`, which may run straight into the next number.
    mutating func flag() -> Bool? {
        skipSpace()
        guard let c = peek, c == UInt8(ascii: "0") || c == UInt8(ascii: "1") else { return nil }
        i += 1
        return c == UInt8(ascii: "1")
    }

    /// Every number of a list, or nil if anything else is in it.
    static func list(_ text: some StringProtocol) -> [Double]? {
        var scanner = NumberScanner(text)
        var values: [Double] = []
        scanner.skipSpace()
        while !scanner.atEnd {
            guard let v = scanner.number() else { return nil }
            values.append(v)
            scanner.skipSeparator()
        }
        return values
    }

    private func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
}
