/// The JSON-LD contexts a document may name: the two an Open Badges 3.0 credential uses, compiled
/// in byte for byte as verifiers ship them (openbadgeslib). Any other `@context` is refused: it
/// would have to be fetched, and what a signature covers must not depend on a web server.
public enum PinnedContext {
    public static let credentialsV2URL = "https://www.w3.org/ns/credentials/v2"
    public static let openBadgesV3p0URL = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"

    /// Each pinned context's URL and exact bytes, for checks against the vendored files.
    public static var documents: [(url: String, bytes: [UInt8])] {
        [(credentialsV2URL, Array(credentialsV2Text.utf8)), (openBadgesV3p0URL, Array(openBadgesV3p0Text.utf8))]
    }

    /// The parsed context of each URL, made once. A pinned text that did not parse is a build
    /// defect, which the tests catch; it is reported as an error rather than a trap all the same.
    static let sources: [String: Result<ContextSource, LinkedDataError>] = {
        var sources: [String: Result<ContextSource, LinkedDataError>] = [:]
        for (id, (url, bytes)) in documents.enumerated() {
            sources[url] = Result { () throws(LinkedDataError) -> ContextSource in
                guard let context = try JSONTape(bytes).value(at: 0)["@context"] else {
                    throw LinkedDataError("pinned context \(url) has no @context")
                }
                var nextID = (id + 1) << 16
                return try ContextSource(context, id: &nextID, origin: url)
            }
        }
        return sources
    }()

    static func source(_ url: String) throws(LinkedDataError) -> ContextSource {
        guard let source = sources[url] else {
            throw LinkedDataError("@context \"\(url)\" is not one of the pinned contexts (\(credentialsV2URL), \(openBadgesV3p0URL))")
        }
        return try source.get()
    }
}

/// A local context as written in a pinned context document, with every embedded (type- or
/// property-scoped) context made a `ContextSource` of its own. Each has a fixed `id`, so the
/// result of applying it to an active context can be remembered.
final class ContextSource: Sendable {
    let id: Int
    /// nil for `"@context": null`.
    let entries: [JSONMember]?
    /// The scoped context of each term that has one.
    let scoped: [String: ContextSource]
    let origin: String

    init(_ value: JSONValue, id: inout Int, origin: String) throws(LinkedDataError) {
        self.id = id
        id += 1
        self.origin = origin
        switch value {
        case .null:
            entries = nil
            scoped = [:]
        case let .object(entries):
            self.entries = entries
            var scoped: [String: ContextSource] = [:]
            for entry in entries {
                if case .object = entry.value, let context = entry.value["@context"] {
                    scoped[entry.key] = try ContextSource(context, id: &id, origin: origin)
                }
            }
            self.scoped = scoped
        default:
            throw LinkedDataError("\(origin): only context objects and null are supported as local contexts")
        }
    }
}
