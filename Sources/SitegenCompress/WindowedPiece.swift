/// A piece of deflate data, as `Deflate.compressPiece` makes (no final block, a sync flush at
/// the end), for rows whose bytes outside a fixed window of columns are the same in every
/// version: a link-preview card's background and artwork beside its text, which is all that
/// changes between a badge's languages.
///
/// The shared bytes are parsed into LZ77 tokens once, and their blocks' Huffman codes are
/// chosen once: from the shared tokens and the frequencies expected of a window's tokens
/// (`windowFrequencies`, from a sample version), every symbol given a code. So the shared
/// tokens are written into bits once too, and a version only parses and writes its windows'
/// bytes between them. Against codes made for each version from its own tokens, the cards
/// benchmark's cards came out 0.3% larger (1.039× → 1.042× zlib level 6) and the benchmark
/// 11% faster (median of 6 alternating runs).
///
/// A shared token copies only shared bytes and no token runs across a window's edge, so the
/// shared tokens stand for the same bytes in every version; a window's tokens may copy from
/// anything before them. Fastest-level parsing (greedy, short chains).
public struct WindowedPiece: Sendable {
    let rows: Int
    let window: RangeMatchFinder.Window
    let blocks: [Block]

    /// One dynamic-Huffman block: windows `rows` and the shared bytes before each of them (and
    /// after the last window, for the piece's last block), written in its codes.
    struct Block: @unchecked Sendable {
        let rows: Range<Int>
        /// The block type's three bits and the code lengths.
        let header: EncodedBits
        let coder: TokenCoder
        /// The shared bytes before each of `rows`' windows, and for the last block after the last.
        let shared: [EncodedBits]
        /// Per row, for a window of one byte repeated, the byte before it (shared) too: the
        /// window as runs of that byte, for versions that leave it so.
        let flatWindows: [EncodedBits?]
        /// The most bytes the header and the shared bits take when written.
        let byteCount: Int
    }

    /// `piece`: `rowLength` bytes a row; `columns`: the bytes of each row that may differ
    /// between versions; `windowFrequencies`: what the windows' tokens of a typical version
    /// are expected to hold (`windowFrequencies(of:rowLength:columns:)` of one).
    public init(_ piece: UnsafeBufferPointer<UInt8>, rowLength: Int, columns: Range<Int>,
                windowFrequencies: SymbolFrequencies = SymbolFrequencies()) {
        precondition(rowLength > 0 && piece.count % rowLength == 0 && columns.lowerBound >= 0 && columns.upperBound <= rowLength)
        let rows = piece.count / rowLength, window = RangeMatchFinder.Window(rowLength: rowLength, columns: columns)
        self.rows = rows
        self.window = window
        var finder = RangeMatchFinder(piece, sourceWindow: window)
        let stretches = (0...rows).map { row in
            var stretch = BlockTokens(capacity: 0)
            finder.parse(Self.shared(before: row, rows: rows, window: window), into: &stretch)
            return stretch
        }
        let flatWindows = (0..<rows).map { Self.flatWindow(row: $0, of: piece, window: window) }
        // Blocks of about `tokensPerBlock` tokens, shared and expected, cut after a window.
        let windowTokensPerRow = rows == 0 ? 0 : Double(windowFrequencies.tokenCount) / Double(rows)
        var blocks: [Block] = []
        var start = 0
        var estimate = 0.0
        for row in 0..<rows {
            estimate += Double(stretches[row].count) + windowTokensPerRow
            let isLast = row == rows - 1
            if estimate >= Double(DeflateEncoder.tokensPerBlock) || isLast {
                let end = isLast ? rows + 1 : row + 1
                blocks.append(Block(rows: start..<(row + 1), shared: stretches[start..<end], flatWindows: flatWindows[start..<(row + 1)],
                                    windows: windowFrequencies.scaled(by: Double(row + 1 - start) / Double(rows))))
                start = row + 1
                estimate = 0
            }
        }
        self.blocks = blocks
    }

    /// The shared bytes between window `row - 1` and window `row` (the piece's ends for the
    /// first and last).
    static func shared(before row: Int, rows: Int, window: RangeMatchFinder.Window) -> Range<Int> {
        let start = row == 0 ? 0 : (row - 1) * window.rowLength + window.columns.upperBound
        let end = row == rows ? rows * window.rowLength : row * window.rowLength + window.columns.lowerBound
        return start..<end
    }

    /// When window `row` of `piece` holds one byte repeated and the byte before it, outside
    /// the window, is that byte too (a card's flat background beside its text's lines), the
    /// window's tokens as copies of the byte before: right for any version whose window there
    /// is the same, since they read nothing of another window.
    static func flatWindow(row: Int, of piece: UnsafeBufferPointer<UInt8>, window: RangeMatchFinder.Window) -> BlockTokens? {
        let start = row * window.rowLength + window.columns.lowerBound, count = window.columns.count
        guard window.columns.lowerBound > 0, count > 0 else { return nil }
        let bytes = piece.baseAddress! + start, byte = bytes[-1]
        // No early exit: the loop vectorises (a `contains(where:)` here was 8% of the cards benchmark's instructions).
        var differences: UInt8 = 0
        for index in 0..<count { differences |= bytes[index] ^ byte }
        guard differences == 0 else { return nil }
        var tokens = BlockTokens(capacity: count / DeflateAlphabet.maxMatch + 3)
        var left = count
        while left >= DeflateAlphabet.maxMatch {
            tokens.appendMatch(length: DeflateAlphabet.maxMatch, distance: 1)
            left -= DeflateAlphabet.maxMatch
        }
        if left >= DeflateAlphabet.minMatch {
            tokens.appendMatch(length: left, distance: 1)
        } else {
            for _ in 0..<left { tokens.appendLiteral(byte) }
        }
        return tokens
    }

    /// The symbol frequencies of `version`'s windows' tokens, parsed as `compress` parses them.
    public static func windowFrequencies(of version: UnsafeBufferPointer<UInt8>, rowLength: Int, columns: Range<Int>) -> SymbolFrequencies {
        precondition(rowLength > 0 && version.count % rowLength == 0 && columns.lowerBound >= 0 && columns.upperBound <= rowLength)
        var finder = RangeMatchFinder(version, sourceWindow: nil)
        var tokens = BlockTokens(capacity: 0)
        for row in 0..<(version.count / rowLength) {
            finder.parse((row * rowLength + columns.lowerBound)..<(row * rowLength + columns.upperBound), into: &tokens)
        }
        return tokens.frequencies
    }

    /// The piece for `version`: the bytes the shared tokens were parsed from outside the window,
    /// anything inside it. The windows of rows outside `changedRows` must hold the piece's own
    /// bytes: a flat one is then written as it was made, not parsed again (the empty rows
    /// between and around a card's lines of text, ~4% of the cards benchmark).
    public func compress(_ version: UnsafeBufferPointer<UInt8>, changedRows: Range<Int>? = nil) -> [UInt8] {
        let changedRows = changedRows ?? 0..<rows
        precondition(version.count == rows * window.rowLength)
        var finder = RangeMatchFinder(version, sourceWindow: nil)
        var tokens = BlockTokens(capacity: window.columns.count)
        // Written straight into memory with room for the most it can take: the blocks' own
        // bits, and a window's tokens, 16 bits a byte at most (a literal's code is at most 15
        // bits, a match's 48 for 3 bytes or more), and the sync flush. A writer that checked
        // for room per row was ~2% of the cards benchmark.
        let room = blocks.reduce(0) { $0 + $1.byteCount } + rows * (2 * window.columns.count + 8) + 16
        let memory = UnsafeMutableRawPointer.allocate(byteCount: room, alignment: 8)
        defer { memory.deallocate() }
        var writer = DirectBitWriter(base: memory)
        for block in blocks {
            block.coder.withTables { coder in
                writer.append(block.header)
                for row in block.rows {
                    writer.append(block.shared[row - block.rows.lowerBound])
                    if !changedRows.contains(row), let flat = block.flatWindows[row - block.rows.lowerBound] {
                        writer.append(flat)
                        continue
                    }
                    let rowStart = row * window.rowLength
                    tokens.removeAll()
                    finder.parse((rowStart + window.columns.lowerBound)..<(rowStart + window.columns.upperBound), into: &tokens)
                    tokens.tokens.withUnsafeBufferPointer { coder.write($0, to: &writer) }
                }
                if block.shared.count > block.rows.count { writer.append(block.shared[block.rows.count]) }
                writer.writeWithoutBranching(coder.endOfBlock.bits, count: coder.endOfBlock.count)
            }
        }
        // The sync flush: an empty stored block.
        writer.writeWithoutBranching(0, count: 3)
        writer.alignToByte()
        writer.writeWithoutBranching(0xFFFF_0000, count: 32)
        precondition(writer.written + 4 <= room, "wrote past the room reserved")
        return [UInt8](UnsafeRawBufferPointer(start: memory, count: writer.written))
    }
}

extension WindowedPiece.Block {
    /// Codes for `shared`'s tokens and `windows`' expected ones, every symbol with a code (a
    /// version's window may hold any), and the shared tokens written in them.
    init(rows: Range<Int>, shared: ArraySlice<BlockTokens>, flatWindows: ArraySlice<BlockTokens?>, windows: SymbolFrequencies) {
        var frequencies = windows
        for stretch in shared { stretch.tokens.withUnsafeBufferPointer { frequencies.count($0) } }
        frequencies.giveEverySymbolACode()
        let code = DynamicBlockHeader(literalFrequencies: frequencies.literalLength, distanceFrequencies: frequencies.distance)
        let coder = TokenCoder(BlockCodes(literalLengths: code.literalLengths, distanceLengths: code.distanceLengths))
        var headerWriter = BitWriter(appendingTo: [])
        headerWriter.write(0b100, count: 3)
        code.write(to: &headerWriter)
        let (encodedShared, encodedFlat) = coder.withTables { tables in
            func encoded(_ tokens: BlockTokens) -> EncodedBits { tokens.tokens.withUnsafeBufferPointer { tables.encoded($0) } }
            return (shared.map(encoded), flatWindows.map { $0.map(encoded) })
        }
        let header = headerWriter.encodedBits
        self.init(rows: rows, header: header, coder: coder, shared: encodedShared, flatWindows: encodedFlat,
                  byteCount: ([header] + encodedShared + encodedFlat.compactMap { $0 }).reduce(0) { $0 + ($1.bitCount + 7) / 8 + 1 })
    }
}
