/// What the preview server answers to one request: the site's files as a static host would serve
/// them, plus the live-reload script and event stream under `/__sitegen/` when `events` is given.
public struct PreviewResponder: Sendable {
    public let files: PreviewFiles
    public let events: BuildEvents?

    public init(files: PreviewFiles, events: BuildEvents?) {
        self.files = files
        self.events = events
    }

    public enum Reply {
        case response(HTTPResponse)
        /// The connection becomes an event stream, owned by `BuildEvents` from now on.
        case eventStream(BuildEvents)
    }

    public func respond(to request: HTTPRequest) -> Reply {
        var reply = answer(request)
        if case .response(var response) = reply {
            if !request.keepsAlive { response.closes = true }
            reply = .response(response)
        }
        return reply
    }

    func answer(_ request: HTTPRequest) -> Reply {
        guard request.method == "GET" || request.method == "HEAD" else {
            var response = HTTPResponse.text(405, "only GET and HEAD")
            response.headers.append(("Allow", "GET, HEAD"))
            return .response(response)
        }
        if request.target.hasPrefix(LiveReloadScript.prefix) { return own(request) }
        let path: RequestPath
        switch RequestPath.parse(request.target) {
        case .success(let parsed): path = parsed
        case .failure(.malformed(let reason)): return .response(.text(400, "bad request: \(reason)"))
        case .failure(.hidden): return .response(notFound())
        }
        switch files.lookup(path) {
        case .redirect(let location):
            let query = request.target.firstIndex(of: "?").map { String(request.target[$0...]) } ?? ""
            var response = HTTPResponse.text(301, "moved to \(location + query)")
            response.headers.append(("Location", location + query))
            return .response(response)
        case .notFound:
            return .response(notFound())
        case .file(let file):
            return .response(serve(file, status: 200, request: request))
        }
    }

    /// The live-reload script and the event stream; anything else under the prefix is not found.
    func own(_ request: HTTPRequest) -> Reply {
        let path = request.target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? request.target
        guard let events else { return .response(notFound()) }
        switch path {
        case LiveReloadScript.path:
            return .response(HTTPResponse(status: 200, headers: [("Content-Type", "text/javascript; charset=utf-8"),
                                                                 ("Cache-Control", "no-cache")],
                                          body: Array(LiveReloadScript.source.utf8)))
        case LiveReloadScript.eventsPath where request.method == "GET":
            return .eventStream(events)
        default:
            return .response(notFound())
        }
    }

    /// A file with its type and validator; `If-None-Match` with the same tag gets 304. HTML gets
    /// the live-reload tag, and its tag names the build generation it carries.
    func serve(_ file: PreviewFiles.FoundFile, status: Int, request: HTTPRequest) -> HTTPResponse {
        let type = ContentTypes.of(fileName: file.path)
        let html = type.hasPrefix("text/html")
        let generation = html ? events?.current.generation : nil
        func etag(_ tag: String) -> String { "\"" + tag + (generation.map { "-g\($0)" } ?? "") + "\"" }
        var headers: [(name: String, value: String)] = [("Content-Type", type), ("Cache-Control", "no-cache")]
        if ContentTypes.allowsCrossOrigin(fileName: file.path) { headers.append(("Access-Control-Allow-Origin", "*")) }
        if status == 200, let match = request.header("if-none-match"), Self.matches(match, etag(file.tag)) {
            return HTTPResponse(status: 304, headers: headers + [("ETag", etag(file.tag))])
        }
        guard let (bytes, tag) = PreviewFiles.contents(of: file) else {
            return status == 404 ? .text(404, "not found") : notFound()
        }
        if status == 200 { headers.append(("ETag", etag(tag))) }
        let body = generation.map { LiveReloadScript.inject(into: bytes, generation: $0) } ?? bytes
        return HTTPResponse(status: status, headers: headers, body: body)
    }

    /// The site's 404 page with status 404, or a short text when it has none. Without a site
    /// page yet (the first build failed) an HTML one, so the error overlay still shows.
    func notFound() -> HTTPResponse {
        if let page = files.notFoundPage() {
            return serve(page, status: 404, request: HTTPRequest(method: "GET", target: "/404.html", minorVersion: 1, headers: []))
        }
        guard let events else { return .text(404, "not found") }
        let page = "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Not found</title><body><p>Not found.</p></body></html>"
        return HTTPResponse(status: 404, headers: [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-cache")],
                            body: LiveReloadScript.inject(into: Array(page.utf8), generation: events.current.generation))
    }

    /// `If-None-Match`: `*` or a list of tags, weak ones compared weakly (RFC 9110 §13.1.2).
    static func matches(_ header: String, _ etag: String) -> Bool {
        if header.trimmingSpaces == "*" { return true }
        return header.split(separator: ",").contains { candidate in
            var tag = candidate.trimmingSpaces
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            return tag == etag
        }
    }
}
