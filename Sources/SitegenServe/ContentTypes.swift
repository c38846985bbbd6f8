/// The content types of docs/deploy.md, so the preview answers as a well-configured host does,
/// and the types of the theme's assets.
public enum ContentTypes {
    public static func of(fileName: String) -> String {
        let lower = fileName.lowercased()
        let dot = lower.lastIndex(of: ".")
        let ext = dot.map { String(lower[lower.index(after: $0)...]) } ?? ""
        switch ext {
        case "html", "htm": return "text/html; charset=utf-8"
        case "json": return "application/json"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "xml": return "application/xml"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "txt": return "text/plain; charset=utf-8"
        case "ico": return "image/x-icon"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "woff2": return "font/woff2"
        case "woff": return "font/woff"
        case "ttf": return "font/ttf"
        case "gz": return "application/gzip"
        default: return "application/octet-stream"
        }
    }

    /// docs/deploy.md: verifiers and backpacks in a browser fetch the JSON and the badge images
    /// from other origins.
    public static func allowsCrossOrigin(fileName: String) -> Bool {
        let type = of(fileName: fileName)
        return type == "application/json" || type == "image/svg+xml" || type == "image/png"
    }
}
