/// base64url without padding (RFC 4648 §5): multibase `u`, as in a Bitstring Status List's
/// `encodedList`. Decoding is strict: no padding, no whitespace, no other alphabet, and the
/// unused low bits of the last character must be zero (one text per byte string).
public enum Base64URL {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    private static let digitValues: [UInt8] = {
        var values = [UInt8](repeating: 0xff, count: 256)
        for (value, character) in alphabet.enumerated() { values[Int(character)] = UInt8(value) }
        return values
    }()

    public static func encode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        let input = Array(bytes)
        var text: [UInt8] = []
        text.reserveCapacity((input.count * 4 + 2) / 3)
        var i = 0
        while i + 3 <= input.count {
            let group = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8 | UInt32(input[i + 2])
            text.append(alphabet[Int(group >> 18)])
            text.append(alphabet[Int(group >> 12 & 63)])
            text.append(alphabet[Int(group >> 6 & 63)])
            text.append(alphabet[Int(group & 63)])
            i += 3
        }
        switch input.count - i {
        case 1:
            let group = UInt32(input[i]) << 16
            text.append(alphabet[Int(group >> 18)])
            text.append(alphabet[Int(group >> 12 & 63)])
        case 2:
            let group = UInt32(input[i]) << 16 | UInt32(input[i + 1]) << 8
            text.append(alphabet[Int(group >> 18)])
            text.append(alphabet[Int(group >> 12 & 63)])
            text.append(alphabet[Int(group >> 6 & 63)])
        default:
            break
        }
        return String(decoding: text, as: UTF8.self)
    }

    public static func decode<S: StringProtocol>(_ text: S) throws(EncodingError) -> [UInt8] {
        let characters = Array(text.utf8)
        guard characters.count % 4 != 1 else {
            throw .nonCanonical("\(characters.count) base64url characters cannot encode whole bytes")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(characters.count * 3 / 4)
        var group: UInt32 = 0
        for (offset, character) in characters.enumerated() {
            let value = digitValues[Int(character)]
            guard value != 0xff else { throw .invalidCharacter(offset: offset, alphabet: "base64url") }
            group = group << 6 | UInt32(value)
            if offset % 4 == 3 {
                bytes.append(UInt8(group >> 16))
                bytes.append(UInt8(group >> 8 & 0xff))
                bytes.append(UInt8(group & 0xff))
                group = 0
            }
        }
        switch characters.count % 4 {
        case 2:
            guard group & 0xf == 0 else { throw .nonCanonical("the last character has unused bits set") }
            bytes.append(UInt8(group >> 4))
        case 3:
            guard group & 0x3 == 0 else { throw .nonCanonical("the last character has unused bits set") }
            bytes.append(UInt8(group >> 10))
            bytes.append(UInt8(group >> 2 & 0xff))
        default:
            break
        }
        return bytes
    }
}
