/// One HTTP/1.x request head as the preview server reads it. Bodies are never accepted: the
/// server answers GET and HEAD only, so a request announcing a body is refused rather than read.
public struct HTTPRequest: Sendable, Equatable {
    public var method: String
    /// The request target as sent (origin form: starts with `/`), still percent-encoded.
    public var target: String
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    public var minorVersion: Int
    /// Header fields in order, names lower-cased.
    public var headers: [(name: String, value: String)]

    public static func == (a: HTTPRequest, b: HTTPRequest) -> Bool {
        a.method == b.method && a.target == b.target && a.minorVersion == b.minorVersion
            && a.headers.elementsEqual(b.headers) { $0.name == $1.name && $0.value == $1.value }
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name == name }?.value
    }

    /// HTTP/1.1 keeps the connection unless told `close`; HTTP/1.0 closes it unless told `keep-alive`.
    public var keepsAlive: Bool {
        let tokens = (header("connection") ?? "").lowercased().split(separator: ",").map { $0.trimmingSpaces }
        return minorVersion >= 1 ? !tokens.contains("close") : tokens.contains("keep-alive")
    }
}

/// Reads request heads from the bytes a connection has received so far.
public enum HTTPRequestParser {
    /// The largest request head (request line and headers) read; a longer one is answered 431.
    public static let maxHeadBytes = 16 * 1024
    public static let maxHeaderFields = 100

    public enum Outcome: Equatable {
        /// More bytes are needed.
        case incomplete
        /// A request, and how many bytes of the buffer its head took.
        case request(HTTPRequest, consumed: Int)
        /// A malformed request: answer `status` and close the connection.
        case invalid(status: Int, reason: String)
    }

    public static func parse(_ buffer: [UInt8]) -> Outcome {
        guard let end = headEnd(buffer) else {
            return buffer.count > maxHeadBytes ? .invalid(status: 431, reason: "request head too large") : .incomplete
        }
        guard end.head <= maxHeadBytes else { return .invalid(status: 431, reason: "request head too large") }
        var lines = splitLines(buffer[..<end.head])
        // RFC 9112 §2.2: a server should ignore at least one empty line before the request line.
        while let first = lines.first, first.isEmpty { lines.removeFirst() }
        guard let requestLine = lines.first else { return .invalid(status: 400, reason: "empty request") }
        let method: String, target: String, minor: Int
        switch parseRequestLine(requestLine) {
        case .success(let parsed): (method, target, minor) = parsed
        case .failure(let problem): return .invalid(status: problem.status, reason: problem.reason)
        }
        var headers: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            guard headers.count < maxHeaderFields else { return .invalid(status: 431, reason: "too many header fields") }
            guard let first = line.first, first != 0x20, first != 0x09 else {
                return .invalid(status: 400, reason: "obsolete line folding or empty field line")
            }
            guard let colon = line.firstIndex(of: 0x3A), colon > line.startIndex,
                  line[..<colon].allSatisfy(isTokenByte) else { return .invalid(status: 400, reason: "malformed header field") }
            let value = line[(colon + 1)...]
            guard value.allSatisfy({ $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }) else {
                return .invalid(status: 400, reason: "control character in a header value")
            }
            let name = String(decoding: line[..<colon], as: UTF8.self).lowercased()
            headers.append((name, String(decoding: value, as: UTF8.self).trimmingSpaces))
        }
        let request = HTTPRequest(method: method, target: target, minorVersion: minor, headers: headers)
        if minor >= 1, request.header("host") == nil { return .invalid(status: 400, reason: "HTTP/1.1 request without Host") }
        if request.header("transfer-encoding") != nil { return .invalid(status: 501, reason: "request bodies are not accepted") }
        if let length = request.header("content-length"), length != "0" {
            return .invalid(status: length.allSatisfy(\.isASCIIDigit) ? 413 : 400, reason: "request bodies are not accepted")
        }
        return .request(request, consumed: end.consumed)
    }

    struct Problem: Error {
        var status: Int
        var reason: String
    }

    /// `METHOD SP request-target SP HTTP/1.x`, exactly: one space each, a token method, an
    /// origin-form target of visible ASCII.
    static func parseRequestLine(_ line: ArraySlice<UInt8>) -> Result<(String, String, Int), Problem> {
        let parts = line.split(separator: 0x20, omittingEmptySubsequences: false)
        guard parts.count == 3 else { return .failure(Problem(status: 400, reason: "request line is not METHOD TARGET VERSION")) }
        let method = parts[0], target = parts[1], version = parts[2]
        guard !method.isEmpty, method.count <= 32, method.allSatisfy(isTokenByte) else {
            return .failure(Problem(status: 400, reason: "malformed method"))
        }
        guard target.first == 0x2F, target.count <= 8 * 1024, target.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            return .failure(Problem(status: 400, reason: "malformed request target"))
        }
        let prefix = Array("HTTP/1.".utf8)
        guard version.count == prefix.count + 1, version.starts(with: prefix) else {
            let looksLikeHTTP = version.starts(with: Array("HTTP/".utf8))
            return .failure(Problem(status: looksLikeHTTP ? 505 : 400, reason: "unsupported protocol version"))
        }
        let minor = version.last!
        guard minor == 0x30 || minor == 0x31 else { return .failure(Problem(status: 505, reason: "unsupported protocol version")) }
        return .success((String(decoding: method, as: UTF8.self), String(decoding: target, as: UTF8.self), Int(minor - 0x30)))
    }

    /// The end of the head (the blank line): where the head's text ends and how much it took with
    /// its terminator. Bare LF line ends are accepted, as RFC 9112 §2.2 allows.
    static func headEnd(_ buffer: [UInt8]) -> (head: Int, consumed: Int)? {
        var index = 0
        let limit = min(buffer.count, maxHeadBytes + 4)
        while index < limit {
            if buffer[index] == 0x0A {
                // "\n\n" or "\n\r\n" after a line: the blank line.
                if index + 1 < buffer.count, buffer[index + 1] == 0x0A { return (index + 1, index + 2) }
                if index + 2 < buffer.count, buffer[index + 1] == 0x0D, buffer[index + 2] == 0x0A { return (index + 1, index + 3) }
            }
            index += 1
        }
        return nil
    }

    /// The head's lines without their CR LF (or LF).
    static func splitLines(_ head: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var lines = head.split(separator: 0x0A, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines.map { $0.last == 0x0D ? $0.dropLast() : $0 }
    }

    /// RFC 9110 `tchar`.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        default: return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        let scalars = unicodeScalars.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed()
        return String(String.UnicodeScalarView(scalars))
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
