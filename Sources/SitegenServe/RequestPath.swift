/// A request target turned into path segments under the preview root, or refused. Everything
/// that could name a file outside the root is refused here, before the file system is asked:
/// the target is percent-decoded exactly once, per segment, so `%2e%2e` is `..` (refused) and
/// `%252e` stays the literal `%2e`; an encoded slash or backslash, a NUL or any control
/// character, invalid UTF-8, `.`/`..` and empty segments are all refused. Symbolic links are
/// the file lookup's business (`PreviewFiles`).
public struct RequestPath: Sendable, Equatable {
    /// Decoded segments, none empty, none `.` or `..`, none holding `/`, `\` or a control character.
    public var segments: [String]
    /// Whether the path ended with `/` (a folder URL).
    public var endsWithSlash: Bool

    public enum Rejection: Error, Equatable {
        /// Malformed: answer 400.
        case malformed(String)
        /// Well-formed but never served (sitegen's bookkeeping): answer 404.
        case hidden
    }

    /// The state folder's name: never a part of a served path, whatever the root holds.
    static let bookkeeping = ".sitegen"

    public static func parse(_ target: String) -> Result<RequestPath, Rejection> {
        var bytes = Array(target.utf8)
        // The query is the page's business, not the file's; a fragment is never sent, so a `#`
        // is as good as a query start for finding the path.
        if let end = bytes.firstIndex(where: { $0 == 0x3F || $0 == 0x23 }) { bytes.removeSubrange(end...) }
        guard bytes.first == 0x2F else { return .failure(.malformed("the path does not start with /")) }
        let raw = bytes.dropFirst().split(separator: 0x2F, omittingEmptySubsequences: false)
        var segments: [String] = []
        for (index, piece) in raw.enumerated() {
            if piece.isEmpty {
                // Only the last one may be empty: the slash of a folder URL (or `/` itself).
                guard index == raw.count - 1 else { return .failure(.malformed("empty path segment")) }
                continue
            }
            switch decode(piece) {
            case .failure(let rejection): return .failure(rejection)
            case .success(let segment):
                if segment == "." || segment == ".." { return .failure(.malformed("dot segment")) }
                if segment == bookkeeping { return .failure(.hidden) }
                segments.append(segment)
            }
        }
        return .success(RequestPath(segments: segments, endsWithSlash: raw.last?.isEmpty ?? true))
    }

    /// One segment percent-decoded once and checked.
    static func decode(_ piece: ArraySlice<UInt8>) -> Result<String, Rejection> {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(piece.count)
        var index = piece.startIndex
        while index < piece.endIndex {
            var byte = piece[index]
            if byte == 0x25 {
                guard index + 2 < piece.endIndex, let high = hexValue(piece[index + 1]), let low = hexValue(piece[index + 2]) else {
                    return .failure(.malformed("bad percent-encoding"))
                }
                byte = high << 4 | low
                index += 3
            } else {
                index += 1
            }
            if byte == 0x2F || byte == 0x5C { return .failure(.malformed("encoded slash or backslash")) }
            if byte < 0x20 || byte == 0x7F { return .failure(.malformed("control character")) }
            decoded.append(byte)
        }
        guard let text = String(validating: decoded, as: UTF8.self) else { return .failure(.malformed("invalid UTF-8")) }
        return .success(text)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    /// The path relative to the root, `a/b/c`.
    public var relative: String { segments.joined(separator: "/") }

    /// This path as a URL path again (each segment percent-encoded), for a redirect's Location.
    public func urlPath(trailingSlash: Bool) -> String {
        var text = "/"
        for (index, segment) in segments.enumerated() {
            if index > 0 { text += "/" }
            for byte in segment.utf8 {
                if Self.isUnreserved(byte) { text.unicodeScalars.append(Unicode.Scalar(byte)) } else {
                    text += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
                }
            }
        }
        if trailingSlash && !segments.isEmpty { text += "/" }
        return text
    }

    /// RFC 3986 unreserved characters and the sub-delimiters safe in a path.
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        default: Array("-._~!$&'()*+,;=:@".utf8).contains(byte)
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
