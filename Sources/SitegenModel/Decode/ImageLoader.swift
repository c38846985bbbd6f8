import SitegenSource

/// Reads an image a content file points at, and accepts it only if its bytes are what it claims.
struct ImageLoader: Sendable {
    var fileSystem: any ContentFileSystem
    var root: String
    var displayRoot: String

    func load(_ node: SourceNode, _ name: String, formats: [ContentImage.Format],
              _ diagnostics: inout Diagnostics) -> ContentImage? {
        guard let path = Values.string(node, name, &diagnostics) else { return nil }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"),
              segments.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else {
            diagnostics.error("'\(name)' must be a path inside the content folder, like images/badge.png; found '\(Quoted.text(path))'",
                              at: node.location)
            return nil
        }
        let full = root.hasSuffix("/") ? root + path : root + "/" + path
        guard let bytes = try? fileSystem.contents(of: full) else {
            diagnostics.error("'\(name)' file '\(Quoted.text(path))' does not exist in \(displayRoot)", at: node.location)
            return nil
        }
        let expected = formats.map { $0.rawValue.uppercased() }.joined(separator: " or ")
        guard let format = ImageInspection.format(of: bytes), formats.contains(format) else {
            diagnostics.error("'\(name)' file '\(Quoted.text(path))' is not a \(expected) image", at: node.location)
            return nil
        }
        if format == .svg, let problem = ImageInspection.svgHazard(in: bytes) {
            diagnostics.error("'\(name)' file '\(Quoted.text(path))' is unsafe to publish: it contains \(problem)", at: node.location)
            return nil
        }
        return ContentImage(path: path, format: format, bytes: bytes, location: node.location)
    }
}
