/// The site's did:web DID and where its DID document lives (W3C CCG "did:web Method
/// Specification"): the host, then each path segment of the base URL, joined by `:`.
///
/// - `https://badges.example.org/` → `did:web:badges.example.org`, resolved at
///   `https://badges.example.org/.well-known/did.json`;
/// - `https://example.org/org/badges/` → `did:web:example.org:org:badges`, resolved at
///   `https://example.org/org/badges/did.json`, that is `did.json` in the web root;
/// - a port is part of the host, its colon written `%3A`: `did:web:localhost%3A8000`.
///
/// The host is lowercased (DNS ignores case, DID comparison does not) and must be an ASCII name:
/// an internationalised domain is refused rather than guessed, since its DID must be the
/// punycode (`xn--`) form. Path segments keep letters, digits, `.`, `-` and `_`, percent-encode
/// every other byte, and keep a `%XX` already written.
public struct DIDWeb: Sendable, Equatable {
    public let did: String
    /// The document's path relative to the web root, that is to the base URL.
    public let documentPath: String
    /// Where a did:web resolver fetches the document: always https.
    public let documentURL: String

    public struct Problem: Error, Equatable, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    public static let bareOriginDocumentPath = ".well-known/did.json"
    public static let pathDocumentPath = "did.json"

    public init(baseURL: String) throws(Problem) {
        let bytes = Array(baseURL.utf8)
        var index = 0
        var scheme = ""
        for candidate in ["https://", "http://"] {
            let prefix = Array(candidate.utf8)
            if bytes.count >= prefix.count, zip(bytes, prefix).allSatisfy({ $0 | 0x20 == $1 || $0 == $1 }) {
                scheme = candidate
                index = prefix.count
                break
            }
        }
        guard !scheme.isEmpty else { throw Problem("the base URL must start with https:// or http://") }
        let rest = bytes[index...]
        if rest.contains(UInt8(ascii: "?")) || rest.contains(UInt8(ascii: "#")) {
            throw Problem("the base URL must not have a query or fragment")
        }
        let authorityEnd = rest.firstIndex(of: UInt8(ascii: "/")) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        let host = try Self.hostAndPort(authority, defaultPort: scheme == "https://" ? "443" : "80")
        let segments = try Self.pathSegments(rest[authorityEnd...])
        did = (["did:web:" + host] + segments).joined(separator: ":")
        documentPath = segments.isEmpty ? Self.bareOriginDocumentPath : Self.pathDocumentPath
        let hostForURL = host.replacingOccurrences(of: "%3A", with: ":")
        documentURL = "https://" + ([hostForURL] + segments).joined(separator: "/") + "/" + documentPath
    }

    /// `host` or `host%3Aport`, lowercased; a port that is the scheme's default is left out, as
    /// URLs leave it out.
    private static func hostAndPort(_ authority: ArraySlice<UInt8>, defaultPort: String) throws(Problem) -> String {
        guard !authority.isEmpty else { throw Problem("the base URL has no host") }
        if authority.contains(UInt8(ascii: "@")) {
            throw Problem("the base URL must not hold a user name or password ('…@' before the host)")
        }
        if authority.first == UInt8(ascii: "[") {
            throw Problem("did:web needs a domain name: the base URL's host is an IPv6 address")
        }
        var hostBytes = authority
        var port: String?
        if let colon = authority.lastIndex(of: UInt8(ascii: ":")) {
            hostBytes = authority[..<colon]
            let digits = authority[(colon + 1)...]
            guard (1...5).contains(digits.count), digits.allSatisfy({ (0x30...0x39).contains($0) }),
                  let number = Int(String(decoding: digits, as: UTF8.self)), (1...65535).contains(number) else {
                throw Problem("the base URL's port must be a number from 1 to 65535")
            }
            port = String(number)
        }
        if hostBytes.contains(where: { $0 >= 0x80 }) {
            throw Problem("the base URL's host must be ASCII: write an internationalised domain name in its punycode form (xn--…)")
        }
        let host = hostBytes.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        let isNameByte: (UInt8) -> Bool = { byte in
            (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
        let labels = host.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isNameByte) }) else {
            throw Problem("the base URL's host must be a domain name: labels of letters, digits, '-' and '_' separated by single dots")
        }
        var text = String(decoding: host, as: UTF8.self)
        if let port, port != defaultPort { text += "%3A" + port }
        return text
    }

    private static func pathSegments(_ path: ArraySlice<UInt8>) throws(Problem) -> [String] {
        var segments = path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).dropFirst()
        // The base URL ends in "/": its last segment is the empty one after that slash.
        if segments.last?.isEmpty == true { segments = segments.dropLast() }
        var result: [String] = []
        for segment in segments {
            guard !segment.isEmpty else { throw Problem("the base URL's path has an empty segment ('//')") }
            guard segment.elementsEqual(".".utf8) == false, segment.elementsEqual("..".utf8) == false else {
                throw Problem("the base URL's path must not have '.' or '..' segments")
            }
            result.append(encodeSegment(segment))
        }
        return result
    }

    /// The DID's `idchar`s (ALPHA / DIGIT / "." / "-" / "_") as they are, `%XX` kept with its
    /// hex digits uppercased, every other byte percent-encoded.
    private static func encodeSegment(_ segment: ArraySlice<UInt8>) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        func hexValue(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 0x30...0x39: return byte - 0x30
            case 0x41...0x46: return byte - 0x41 + 10
            case 0x61...0x66: return byte - 0x61 + 10
            default: return nil
            }
        }
        var out: [UInt8] = []
        var index = segment.startIndex
        while index < segment.endIndex {
            let byte = segment[index]
            switch byte {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"):
                out.append(byte)
            case UInt8(ascii: "%") where index + 2 < segment.endIndex && hexValue(segment[index + 1]) != nil && hexValue(segment[index + 2]) != nil:
                out += [byte, hex[Int(hexValue(segment[index + 1])!)], hex[Int(hexValue(segment[index + 2])!)]]
                index += 3
                continue
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
