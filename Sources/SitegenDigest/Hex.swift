/// Lowercase hexadecimal, two digits per byte, after `prefix`: the form of digests in `sha256$…`
/// recipient hashes. The string is written in place, so prefix and digits cost one allocation.
@inlinable
public func hexString<C: Collection>(_ bytes: C, after prefix: StaticString = "") -> String where C.Element == UInt8 {
    let count = bytes.count
    return String(unsafeUninitializedCapacity: prefix.utf8CodeUnitCount + 2 * count) { buffer in
        var i = prefix.utf8CodeUnitCount
        prefix.withUTF8Buffer { prefix in
            _ = UnsafeMutableBufferPointer(rebasing: buffer[..<prefix.count]).initialize(from: prefix)
        }
        let text = UnsafeMutableRawPointer(buffer.baseAddress.unsafelyUnwrapped)
        hexDigitPairs.withUnsafeBufferPointer { pairs in
            // A collection whose count disagrees with its iteration must not write past the end.
            for byte in bytes where i + 1 < buffer.count {
                text.storeBytes(of: pairs[Int(byte)].littleEndian, toByteOffset: i, as: UInt16.self)
                i += 2
            }
        }
        return i
    }
}

/// Both digits of each byte, the first in the low half: a byte's two digits are one load and one
/// store (a salt and an identity per award, 88,000 awards a build).
@usableFromInline
let hexDigitPairs: [UInt16] = (0..<256).map { byte in
    let digits = Array("0123456789abcdef".utf8)
    return UInt16(digits[byte >> 4]) | UInt16(digits[byte & 0x0F]) << 8
}
