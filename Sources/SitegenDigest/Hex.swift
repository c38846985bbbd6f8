/// Lowercase hexadecimal, two digits per byte, after `prefix`: the form of digests in `sha256$…`
/// recipient hashes. The string is written in place, so prefix and digits cost one allocation.
@inlinable
public func hexString<C: Collection>(_ bytes: C, after prefix: StaticString = "") -> String where C.Element == UInt8 {
    let digits: StaticString = "0123456789abcdef"
    let count = bytes.count
    return String(unsafeUninitializedCapacity: prefix.utf8CodeUnitCount + 2 * count) { buffer in
        var i = prefix.utf8CodeUnitCount
        prefix.withUTF8Buffer { prefix in
            _ = UnsafeMutableBufferPointer(rebasing: buffer[..<prefix.count]).initialize(from: prefix)
        }
        digits.withUTF8Buffer { digit in
            // A collection whose count disagrees with its iteration must not write past the end.
            for byte in bytes where i + 1 < buffer.count {
                buffer[i] = digit[Int(byte >> 4)]
                buffer[i + 1] = digit[Int(byte & 0x0F)]
                i += 2
            }
        }
        return i
    }
}
