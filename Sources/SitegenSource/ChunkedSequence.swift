import Dispatch

/// Where a parser starts reading in the middle of a file: the line, the offset where that line
/// starts, and the UTF-8 continuation bytes between the two (columns count scalars).
struct TextPosition {
    var line: Int
    var lineStart: Int
    var continuationBytes: Int
}

/// A big data file is almost always one top-level list (a 100,000-holder export), and parsing it
/// on one core would leave the others idle. Such a file is cut into chunks of whole elements that
/// parse in parallel.
///
/// The cut points are guesses from a cheap byte pattern, and parsing proves them: the first chunk
/// starts at a real element, and a chunk that parses as whole elements right up to the separator
/// after it proves that the next chunk starts at a real element too. If any chunk fails, the
/// caller parses the file in one piece, so errors are reported exactly as without chunking.
enum ChunkedSequence {
    /// Below this, one core parses the file faster than the cutting costs.
    static let minimumBytes = 4 << 20
    static let chunkBytes = 1 << 20

    /// The file's top-level list, or nil when the file is not one list or a guess was wrong.
    static func parse(_ bytes: [UInt8], file: String, isJSON: Bool,
                      chunkBytes: Int = chunkBytes, minimumBytes: Int = minimumBytes) -> SourceNode? {
        guard bytes.count >= minimumBytes else { return nil }
        return bytes.withUnsafeBufferPointer { pointer in
            let buffer = SharedBytes(pointer)
            return isJSON ? jsonList(buffer, file: file, chunkBytes: chunkBytes) : yamlList(buffer, file: file, chunkBytes: chunkBytes)
        }
    }

    private static func byteOrderMarkLength(_ buffer: SharedBytes) -> Int {
        buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0
    }

    // MARK: JSON

    private static func jsonList(_ buffer: SharedBytes, file: String, chunkBytes: Int) -> SourceNode? {
        let origin = byteOrderMarkLength(buffer)
        var open = origin
        while open < buffer.count && isJSONWhitespace(buffer[open]) { open += 1 }
        var close = buffer.count
        while close > open && isJSONWhitespace(buffer[close - 1]) { close -= 1 }
        close -= 1
        guard open < close, buffer[open] == UInt8(ascii: "["), buffer[close] == UInt8(ascii: "]") else { return nil }

        // Chunk k is [starts[k], ends[k]); each end is a comma, the next start just after it.
        var starts = [open + 1]
        var ends: [Int] = []
        var target = open + 1 + chunkBytes
        while target < close, let comma = jsonSeparator(in: buffer, from: target, before: close) {
            ends.append(comma)
            starts.append(comma + 1)
            target = comma + 1 + chunkBytes
        }
        ends.append(close)
        guard starts.count > 1 else { return nil }

        let positions = textPositions(of: [open] + starts, in: buffer, from: origin)
        let fileID = SourceFiles.id(for: file)
        let listLocation = SourceLocation(fileID: fileID, line: positions[0].line,
                                          column: open - positions[0].lineStart - positions[0].continuationBytes + 1)
        let chunks = parseChunks(count: starts.count) { [starts, ends] index in
            try? JSONParser.elements(of: buffer.pointer, in: starts[index] ..< ends[index], from: positions[index + 1], file: file)
        }
        return chunks.map { SourceNode(.sequence($0.items), at: listLocation) }
    }

    /// The first comma from `start` between two objects (`}` `,` `{` with whitespace between).
    private static func jsonSeparator(in buffer: SharedBytes, from start: Int, before limit: Int) -> Int? {
        var index = start
        while index < limit {
            if buffer[index] == UInt8(ascii: ",") {
                var before = index - 1
                while before > start && isJSONWhitespace(buffer[before]) { before -= 1 }
                var after = index + 1
                while after < limit && isJSONWhitespace(buffer[after]) { after += 1 }
                if buffer[before] == UInt8(ascii: "}") && after < limit && buffer[after] == UInt8(ascii: "{") { return index }
            }
            index += 1
        }
        return nil
    }

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    // MARK: YAML

    private static func yamlList(_ buffer: SharedBytes, file: String, chunkBytes: Int) -> SourceNode? {
        let origin = byteOrderMarkLength(buffer)
        // Chunk k is [starts[k], starts[k + 1]): each later one starts at a `-` in column 1.
        var starts = [origin]
        var target = origin + chunkBytes
        while target < buffer.count, let item = yamlItemLine(in: buffer, from: target) {
            starts.append(item)
            target = item + chunkBytes
        }
        guard starts.count > 1 else { return nil }
        let lines = textPositions(of: starts, in: buffer, from: origin).map(\.line)
        let chunks = parseChunks(count: starts.count) { [starts] index in
            let end = index + 1 < starts.count ? starts[index + 1] : buffer.count
            let root = try? YAMLParser.document(of: buffer.pointer, in: starts[index] ..< end, line: lines[index], file: file)
            // Items in column 1, or the lines were not all items of one top-level list.
            return root?.location.column == 1 ? root : nil
        }
        return chunks.map { SourceNode(.sequence($0.items), at: $0.firstLocation) }
    }

    /// The start of the first line from `start` on that begins a top-level item (`- ` or a lone `-`).
    private static func yamlItemLine(in buffer: SharedBytes, from start: Int) -> Int? {
        var index = start
        while index + 2 < buffer.count {
            if buffer[index] == 0x0A && buffer[index + 1] == UInt8(ascii: "-") {
                let next = buffer[index + 2]
                if next == 0x20 || next == 0x0A || next == 0x0D { return index + 1 }
            }
            index += 1
        }
        return nil
    }

    // MARK: Shared

    /// Each chunk's list on whichever core is free, joined, with the first chunk's location;
    /// nil if any chunk is not a list.
    private static func parseChunks(
        count: Int, _ parse: @Sendable (Int) -> SourceNode?
    ) -> (items: [SourceNode], firstLocation: SourceLocation)? {
        let results = ResultSlots<SourceNode>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            results[index] = parse(index)
        }
        var all: [SourceNode] = []
        for index in 0 ..< count {
            guard case .sequence(let items)? = results[index]?.value else { return nil }
            all.append(contentsOf: items)
        }
        return results[0].map { (all, $0.location) }
    }

    /// Eight bytes at a time: a byte of `word ^ 0x0A…` is zero exactly where a line feed is.
    static func lineFeeds(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        var count = 0
        var index = 0
        while index + 8 <= bytes.count {
            let x = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ 0x0A0A_0A0A_0A0A_0A0A
            // High bit set in each byte that is not zero, computed without carries between bytes.
            let nonZero = ((x & low7) &+ low7) | x
            count &+= (~nonZero & ~low7).nonzeroBitCount
            index += 8
        }
        while index < bytes.count {
            if bytes[index] == 0x0A { count += 1 }
            index += 1
        }
        return count
    }

    /// The position of each offset in `offsets` (ascending, none before `origin`), counted in
    /// parallel: each stretch between two offsets is summarised alone, then the summaries add up.
    static func textPositions(of offsets: [Int], in buffer: SharedBytes, from origin: Int) -> [TextPosition] {
        struct Stretch {
            var lineBreaks = 0
            /// Just after the stretch's last line feed, if it has one.
            var lastLineStart: Int?
            /// From the last line start (or the stretch's start) to its end.
            var continuationBytes = 0
        }
        let bounds = [origin] + offsets
        let stretches = ResultSlots<Stretch>(count: offsets.count)
        DispatchQueue.concurrentPerform(iterations: offsets.count) { index in
            let range = bounds[index] ..< bounds[index + 1]
            var stretch = Stretch()
            stretch.lineBreaks = lineFeeds(in: UnsafeBufferPointer(rebasing: buffer.pointer[range]))
            var lineStart = range.upperBound
            while lineStart > range.lowerBound && buffer[lineStart - 1] != 0x0A { lineStart -= 1 }
            if stretch.lineBreaks > 0 { stretch.lastLineStart = lineStart }
            var continuationBytes = 0
            for byte in UnsafeBufferPointer(rebasing: buffer.pointer[lineStart ..< range.upperBound]) {
                continuationBytes &+= byte & 0xC0 == 0x80 ? 1 : 0
            }
            stretch.continuationBytes = continuationBytes
            stretches[index] = stretch
        }
        var position = TextPosition(line: 1, lineStart: origin, continuationBytes: 0)
        var positions: [TextPosition] = []
        positions.reserveCapacity(offsets.count)
        for case let stretch? in stretches.values {
            position.line += stretch.lineBreaks
            if let lineStart = stretch.lastLineStart {
                position.lineStart = lineStart
                position.continuationBytes = stretch.continuationBytes
            } else {
                position.continuationBytes += stretch.continuationBytes
            }
            positions.append(position)
        }
        return positions
    }
}

/// The bytes of a file being parsed, read by several workers at once. Never written, and the
/// array they belong to outlives every worker.
struct SharedBytes: @unchecked Sendable {
    let pointer: UnsafeBufferPointer<UInt8>

    init(_ pointer: UnsafeBufferPointer<UInt8>) { self.pointer = pointer }

    var count: Int { pointer.count }

    subscript(index: Int) -> UInt8 { pointer[index] }
}
