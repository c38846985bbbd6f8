/// Base58 with the Bitcoin alphabet ("base58btc"), the text of `did:key` and Multikey values.
///
/// Quadratic in the length, like every base58 codec (it is a change of radix), so `decode`
/// refuses text longer than `maximumTextLength`: keys are ~50 characters, and a pasted
/// megabyte must be an error, not a hang.
public enum Base58 {
    static let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)
    public static let maximumTextLength = 4096

    /// The digit value of each ASCII byte, 0xff for bytes outside the alphabet (0, O, I, l, …).
    private static let digitValues: [UInt8] = {
        var values = [UInt8](repeating: 0xff, count: 256)
        for (value, character) in alphabet.enumerated() { values[Int(character)] = UInt8(value) }
        return values
    }()

    /// 58⁵, the radix of `encode`'s limbs: five digits per division rather than one.
    private static let limbRadix: UInt64 = 656_356_768

    public static func encode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        let input = Array(bytes)
        let zeros = input.prefix { $0 == 0 }.count
        // The number in limbs of five base-58 digits, least significant first; each input byte
        // multiplies them by 256. Dividing by 58⁵ (a constant, so a multiplication) once per
        // limb rather than by 58 once per digit made a 64-byte signature's proofValue about
        // five times cheaper (a few µs of every credential).
        var limbs: [UInt64] = []
        limbs.reserveCapacity(input.count * 138 / 500 + 1)
        for byte in input[zeros...] {
            var carry = UInt64(byte)
            for i in limbs.indices {
                carry += limbs[i] << 8
                limbs[i] = carry % limbRadix
                carry /= limbRadix
            }
            while carry > 0 {
                limbs.append(carry % limbRadix)
                carry /= limbRadix
            }
        }
        var digits: [UInt8] = []
        digits.reserveCapacity(limbs.count * 5)
        for limb in limbs {
            var value = limb
            for _ in 0..<5 {
                digits.append(UInt8(value % 58))
                value /= 58
            }
        }
        while digits.last == 0 { digits.removeLast() }
        // Each leading zero byte is a leading "1".
        let text = [UInt8](repeating: alphabet[0], count: zeros) + digits.reversed().map { alphabet[Int($0)] }
        return String(decoding: text, as: UTF8.self)
    }

    public static func decode<S: StringProtocol>(_ text: S) throws(EncodingError) -> [UInt8] {
        let characters = Array(text.utf8)
        guard characters.count <= maximumTextLength else {
            throw .tooLong(characters: characters.count, limit: maximumTextLength)
        }
        let ones = characters.prefix { $0 == alphabet[0] }.count
        // Bytes, least significant first; each digit multiplies them by 58.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(characters.count * 733 / 1000 + 1)
        for (offset, character) in characters.enumerated().dropFirst(ones) {
            let value = digitValues[Int(character)]
            guard value != 0xff else { throw .invalidCharacter(offset: offset, alphabet: "base58btc") }
            var carry = Int(value)
            for i in bytes.indices {
                carry += Int(bytes[i]) * 58
                bytes[i] = UInt8(carry & 0xff)
                carry >>= 8
            }
            while carry > 0 {
                bytes.append(UInt8(carry & 0xff))
                carry >>= 8
            }
        }
        return [UInt8](repeating: 0, count: ones) + bytes.reversed()
    }
}

/// Why text is not what an encoding (base58btc, base64url, multibase, Multikey) allows. Messages
/// name positions, never the text itself: the text may be a secret key.
public enum EncodingError: Error, Equatable, CustomStringConvertible {
    /// A character outside the alphabet, at this offset (in UTF-8 bytes) of the text.
    case invalidCharacter(offset: Int, alphabet: String)
    /// Text longer than the decoder accepts.
    case tooLong(characters: Int, limit: Int)
    /// A length the encoding cannot produce (base64url: 4n + 1 characters), or bits set that
    /// a canonical encoding leaves clear.
    case nonCanonical(String)
    /// Empty text where a multibase value was expected.
    case empty
    /// A multibase prefix this decoder does not read (only `z` base58btc and `u` base64url).
    case unsupportedMultibasePrefix(Character)
    /// A multibase value in another base than the one required (Multikey: `z`).
    case wrongMultibase(expected: Character, found: Character)
    /// A Multikey whose multicodec header is not the one required.
    case wrongMulticodec(expected: String, found: String)
    /// Decoded bytes of the wrong length for what they should hold.
    case wrongLength(expected: Int, found: Int)
    /// A Multikey public key whose 32 bytes are no Ed25519 point.
    case invalidKey(String)

    public var description: String {
        switch self {
        case .invalidCharacter(let offset, let alphabet):
            return "character \(offset + 1) is not in the \(alphabet) alphabet"
        case .tooLong(let characters, let limit):
            return "\(characters) characters is too long (at most \(limit))"
        case .nonCanonical(let reason):
            return "not a canonical encoding: \(reason)"
        case .empty:
            return "empty text, expected a multibase value"
        case .unsupportedMultibasePrefix(let prefix):
            return "multibase prefix \"\(prefix)\" is not supported (use \"z\", base58btc, or \"u\", base64url)"
        case .wrongMultibase(let expected, let found):
            return "multibase prefix \"\(found)\" where \"\(expected)\" is required"
        case .wrongMulticodec(let expected, let found):
            return "multicodec header \(found) where \(expected) is required"
        case .wrongLength(let expected, let found):
            return "\(found) bytes where \(expected) are required"
        case .invalidKey(let reason):
            return reason
        }
    }
}
