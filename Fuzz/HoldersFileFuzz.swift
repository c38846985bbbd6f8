import SitegenModel
@testable import SitegenSource

/// libFuzzer entry: the big-file path of a holders list. The first byte picks JSON or YAML and
/// the chunk size (tiny, so that short inputs are cut into many chunks, but never more than
/// about 64 of them, as with the real 1 MB chunks of a big file); the rest is the file.
/// It is cut, each chunk parsed, and decoded as holders, as `check` does with a big
/// holders.json. The cut is only a guess that parsing proves, so the check here is the proof's
/// own claim: when every chunk parses, the file parses in one piece to as many elements.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHoldersFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let isJSON = data[0] & 1 == 0
    let chunkBytes = max(1 + Int(data[0] >> 1), size / 64)
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let file = isJSON ? "holders.json" : "holders.yaml"
    var tree = SourceTree()
    if let list = ChunkedSequence.cut(bytes, file: file, isJSON: isJSON, chunkBytes: chunkBytes, minimumBytes: 0) {
        var elements = 0
        var whole = true
        for chunk in 0..<list.chunkCount {
            guard let nodes = list.elements(ofChunk: chunk) else { whole = false; break }
            elements += nodes.count
        }
        if whole {
            switch list.parseWhole() {
            case .success(let root):
                guard case .sequence(let items) = root.value, items.count == elements else {
                    fatalError("chunks parsed to \(elements) elements, the whole file to \(root.typeDescription)")
                }
            case .failure(let error):
                fatalError("every chunk parsed but the whole file did not: \(error)")
            }
        }
        tree.holders = [SourceDocument(path: file, list: list)]
    } else {
        switch Result(catching: { () throws(Diagnostic) in
            isJSON ? try JSONParser.parse(bytes, file: file) : try YAMLParser.parse(bytes, file: file)
        }) {
        case .success(let root): tree.holders = [SourceDocument(path: file, root: root, defaultID: nil)]
        case .failure: return 0
        }
    }
    _ = ContentDecoder(fileSystem: InMemoryFileSystem([:]), root: "Content").decode(tree)
    return 0
}
