/// Multibase (draft-multiformats-multibase): the base an encoding uses, as its first character.
/// sitegen writes `z` (base58btc) for keys and `u` (base64url, no padding) for status lists.
public enum Multibase {
    public enum Base: Sendable {
        case base58btc
        case base64url

        public var prefix: Character {
            switch self {
            case .base58btc: return "z"
            case .base64url: return "u"
            }
        }
    }

    public static func encode<C: Collection>(_ bytes: C, as base: Base) -> String where C.Element == UInt8 {
        switch base {
        case .base58btc: return "z" + Base58.encode(bytes)
        case .base64url: return "u" + Base64URL.encode(bytes)
        }
    }

    /// The bytes of a `z` or `u` multibase value, and which base it was.
    public static func decode<S: StringProtocol>(_ text: S) throws(EncodingError) -> (base: Base, bytes: [UInt8]) {
        guard let prefix = text.first else { throw .empty }
        let rest = text.dropFirst()
        do throws(EncodingError) {
            switch prefix {
            case "z": return (.base58btc, try Base58.decode(rest))
            case "u": return (.base64url, try Base64URL.decode(rest))
            default: throw EncodingError.unsupportedMultibasePrefix(prefix)
            }
        } catch {
            // Offsets count from the start of the whole value, prefix included.
            if case .invalidCharacter(let offset, let alphabet) = error {
                throw .invalidCharacter(offset: offset + 1, alphabet: alphabet)
            }
            throw error
        }
    }

    /// The bytes of a multibase value that must be in `base`.
    public static func decode<S: StringProtocol>(_ text: S, requiring base: Base) throws(EncodingError) -> [UInt8] {
        guard let prefix = text.first else { throw .empty }
        guard prefix == base.prefix else { throw .wrongMultibase(expected: base.prefix, found: prefix) }
        return try decode(text).bytes
    }
}
