import Dispatch

/// Where a parser starts reading in the middle of a file: the line, the offset where that line
/// starts, and the UTF-8 continuation bytes between the two (columns count scalars).
struct TextPosition: Sendable {
    var line: Int
    var lineStart: Int
    var continuationBytes: Int
}

/// Cuts a big list file into chunks of whole elements (see `SourceList`). The cut points are
/// guesses from a cheap byte pattern, and parsing proves them: the first chunk starts at a real
/// element, and a chunk that parses as whole elements right up to the separator after it proves
/// that the next chunk starts at a real element too. If any chunk fails, the file is parsed in
/// one piece, so errors are reported exactly as without cutting.
enum ChunkedSequence {
    /// Below this, one core parses the file faster than the cutting costs.
    static let minimumBytes = 4 << 20
    static let chunkBytes = 1 << 20

    /// The file as a list of chunks, or nil when it is small or not one top-level list.
    static func cut(_ bytes: [UInt8], file: String, isJSON: Bool,
                    chunkBytes: Int = chunkBytes, minimumBytes: Int = minimumBytes) -> SourceList? {
        guard bytes.count >= minimumBytes else { return nil }
        let chunks = bytes.withUnsafeBufferPointer { pointer in
            let buffer = SharedBytes(pointer)
            return isJSON ? jsonChunks(buffer, chunkBytes: chunkBytes) : yamlChunks(buffer, chunkBytes: chunkBytes)
        }
        return chunks.map { SourceList(bytes: bytes, file: file, isJSON: isJSON, chunks: $0) }
    }

    private static func byteOrderMarkLength(_ buffer: SharedBytes) -> Int {
        buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0
    }

    // MARK: JSON

    /// Chunk k runs from just after the `[` or a separating comma to the next separating comma
    /// or the closing `]`.
    private static func jsonChunks(_ buffer: SharedBytes, chunkBytes: Int) -> [SourceList.Chunk]? {
        let origin = byteOrderMarkLength(buffer)
        var open = origin
        while open < buffer.count && isJSONWhitespace(buffer[open]) { open += 1 }
        var close = buffer.count
        while close > open && isJSONWhitespace(buffer[close - 1]) { close -= 1 }
        close -= 1
        guard open < close, buffer[open] == UInt8(ascii: "["), buffer[close] == UInt8(ascii: "]") else { return nil }
        // The whitespace before the first element is how every element of a pretty-printed list
        // starts; elements nested deeper are indented more. A minified list has no such mark.
        var first = open + 1
        while first < close && isJSONWhitespace(buffer[first]) { first += 1 }
        let lead = Array((open + 1 ..< first).map { buffer[$0] })
        guard lead.contains(0x0A), first < close else { return nil }
        var starts = [open + 1]
        var ends: [Int] = []
        var target = open + 1 + chunkBytes
        while target < close, let comma = jsonSeparator(in: buffer, from: target, before: close, lead: lead, element: buffer[first]) {
            ends.append(comma)
            starts.append(comma + 1)
            target = comma + 1 + chunkBytes
        }
        ends.append(close)
        guard starts.count > 1 else { return nil }
        let positions = textPositions(of: starts, in: buffer, from: origin)
        return starts.indices.map { SourceList.Chunk(range: starts[$0] ..< ends[$0], start: positions[$0]) }
    }

    /// The first comma from `start` on that is followed by exactly `lead` and then `element`,
    /// the first byte of the list's first element.
    private static func jsonSeparator(in buffer: SharedBytes, from start: Int, before limit: Int, lead: [UInt8], element: UInt8) -> Int? {
        var index = start
        let end = limit - lead.count - 1
        search: while index < end {
            defer { index += 1 }
            guard buffer[index] == UInt8(ascii: ",") else { continue }
            for offset in lead.indices where buffer[index + 1 + offset] != lead[offset] { continue search }
            if buffer[index + 1 + lead.count] == element { return index }
        }
        return nil
    }

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    // MARK: YAML

    /// Chunk k is whole lines, each after the first beginning with a `-` in column 1.
    private static func yamlChunks(_ buffer: SharedBytes, chunkBytes: Int) -> [SourceList.Chunk]? {
        let origin = byteOrderMarkLength(buffer)
        var starts = [origin]
        var target = origin + chunkBytes
        while target < buffer.count, let item = yamlItemLine(in: buffer, from: target) {
            starts.append(item)
            target = item + chunkBytes
        }
        guard starts.count > 1 else { return nil }
        let positions = textPositions(of: starts, in: buffer, from: origin)
        return starts.indices.map {
            SourceList.Chunk(range: starts[$0] ..< ($0 + 1 < starts.count ? starts[$0 + 1] : buffer.count), start: positions[$0])
        }
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
            // One bit per line feed at the bottom of its byte; a multiply adds the eight bytes
            // up in the top one (no popcount instruction on the baseline x86-64 target).
            count &+= Int(((((~nonZero & ~low7) &>> 7) &* 0x0101_0101_0101_0101) &>> 56))
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
