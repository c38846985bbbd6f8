import Foundation

/// `data:` URLs (RFC 2397), the only way an `<image>` can bring its pixels along.
enum DataURL {
    /// The media type and bytes of a `data:` URL, base64 or percent-encoded; nil for any other URL.
    static func decode(_ url: String) -> (mediaType: String, bytes: [UInt8])? {
        let trimmed = url.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.lowercased().hasPrefix("data:"), let comma = trimmed.firstIndex(of: ",") else { return nil }
        let header = trimmed[trimmed.index(trimmed.startIndex, offsetBy: 5)..<comma].lowercased()
        let payload = trimmed[trimmed.index(after: comma)...]
        let parameters = header.split(separator: ";")
        let mediaType = parameters.first.map(String.init) ?? "text/plain"
        if parameters.contains("base64") {
            // Base64 in SVG attributes is often wrapped; white space is not part of it.
            let compact = String(payload.filter { !$0.isWhitespace })
            guard let data = Data(base64Encoded: compact, options: .ignoreUnknownCharacters) else { return nil }
            return (mediaType, [UInt8](data))
        }
        guard let text = String(payload).removingPercentEncoding else { return nil }
        return (mediaType, Array(text.utf8))
    }
}
