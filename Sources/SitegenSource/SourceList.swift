/// A big file's top-level list (a 100,000-holder export), cut into chunks of whole elements but
/// not parsed yet. Decoding parses each chunk on whichever core is free and is done with its
/// nodes before taking the next, so the tree of the whole file never exists at once: parsing
/// runs on every core, and memory stays warm and small.
public struct SourceList: Sendable {
    struct Chunk: Sendable {
        var range: Range<Int>
        var start: TextPosition
    }

    let bytes: [UInt8]
    let file: String
    let isJSON: Bool
    let chunks: [Chunk]

    public var chunkCount: Int { chunks.count }

    /// The chunk's elements; nil when it does not parse as whole list elements. The file is one
    /// valid list exactly when every chunk parses; otherwise `parseWhole()` says why.
    public func elements(ofChunk index: Int) -> [SourceNode]? {
        let chunk = chunks[index]
        return bytes.withUnsafeBufferPointer { buffer -> [SourceNode]? in
            let root: SourceNode?
            if isJSON {
                root = try? JSONParser.elements(of: buffer, in: chunk.range, from: chunk.start, file: file)
            } else {
                root = try? YAMLParser.document(of: buffer, in: chunk.range, line: chunk.start.line, file: file)
            }
            // YAML: items in column 1, or the lines were not all items of one top-level list.
            guard let root, root.location.column == 1 || isJSON, case .sequence(let items) = root.value else { return nil }
            return items
        }
    }

    /// The file parsed in one piece, as if it had never been cut.
    public func parseWhole() -> Result<SourceNode, Diagnostic> {
        do {
            return .success(isJSON ? try JSONParser.parse(bytes, file: file) : try YAMLParser.parse(bytes, file: file))
        } catch {
            return .failure(error)
        }
    }
}
