/// A response the preview server sends whole: head and body in one write.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)] = []
    public var body: [UInt8] = []
    /// Whether the connection closes after this response.
    public var closes = false

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = [], closes: Bool = false) {
        self.status = status
        self.headers = headers
        self.body = body
        self.closes = closes
    }

    /// A short plain-text answer (errors, redirects).
    public static func text(_ status: Int, _ text: String, closes: Bool = false) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array((text + "\n").utf8),
                     closes: closes)
    }

    /// The bytes on the wire. A HEAD answer has the GET answer's head, Content-Length included,
    /// and no body.
    public func serialized(includingBody: Bool) -> [UInt8] {
        var head = "HTTP/1.1 \(status) \(Self.reason(status))\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        // 304 has no body, and says nothing of one (RFC 9110 §15.4.5).
        if status != 304 { head += "Content-Length: \(body.count)\r\n" }
        head += closes ? "Connection: close\r\n\r\n" : "\r\n"
        var bytes = Array(head.utf8)
        if includingBody && status != 304 { bytes += body }
        return bytes
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 301: "Moved Permanently"
        case 304: "Not Modified"
        case 400: "Bad Request"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 413: "Content Too Large"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 503: "Service Unavailable"
        case 505: "HTTP Version Not Supported"
        default: "Status"
        }
    }
}
