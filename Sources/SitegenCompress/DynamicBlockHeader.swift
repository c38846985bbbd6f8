/// The codes of one dynamic-Huffman block and the header that transmits them (RFC 1951 §3.2.7):
/// literal/length and distance code lengths, run-length coded with symbols 16–18, themselves
/// Huffman coded with the 7-bit-limited code-length code.
struct DynamicBlockHeader {
    let literalLengths: [UInt8]
    let distanceLengths: [UInt8]
    private let literalCount: Int
    private let distanceCount: Int
    /// Code-length symbols with their extra-bit values.
    private let runs: [(symbol: Int, extra: UInt32)]
    private let codeLengthLengths: [UInt8]
    private let codeLengthCount: Int
    /// The size of everything `write` writes (not the 3 block-type bits).
    let headerBits: Int

    init(literalFrequencies: [Int], distanceFrequencies: [Int]) {
        literalLengths = HuffmanCodeBuilder.lengths(for: literalFrequencies, limit: 15)
        distanceLengths = HuffmanCodeBuilder.lengths(for: distanceFrequencies, limit: 15)
        var literalCount = DeflateAlphabet.literalLengthSymbols
        while literalCount > 257 && literalLengths[literalCount - 1] == 0 { literalCount -= 1 }
        var distanceCount = DeflateAlphabet.distanceSymbols
        while distanceCount > 1 && distanceLengths[distanceCount - 1] == 0 { distanceCount -= 1 }
        self.literalCount = literalCount
        self.distanceCount = distanceCount

        // One sequence: RFC 1951 lets runs cross from literal/length into distance lengths.
        let sequence = Array(literalLengths[0..<literalCount]) + Array(distanceLengths[0..<distanceCount])
        var runs: [(symbol: Int, extra: UInt32)] = []
        var index = 0
        while index < sequence.count {
            let value = sequence[index]
            var run = 1
            while index + run < sequence.count && sequence[index + run] == value { run += 1 }
            index += run
            if value == 0 {
                while run >= 11 {
                    let piece = min(run, 138)
                    runs.append((18, UInt32(piece - 11)))
                    run -= piece
                }
                if run >= 3 {
                    runs.append((17, UInt32(run - 3)))
                    run = 0
                }
            } else {
                runs.append((Int(value), 0))
                run -= 1
                while run >= 3 {
                    let piece = min(run, 6)
                    runs.append((16, UInt32(piece - 3)))
                    run -= piece
                }
            }
            for _ in 0..<run { runs.append((Int(value), 0)) }
        }
        self.runs = runs

        var frequencies = [Int](repeating: 0, count: DeflateAlphabet.codeLengthSymbols)
        for run in runs { frequencies[run.symbol] += 1 }
        codeLengthLengths = HuffmanCodeBuilder.lengths(for: frequencies, limit: 7)
        var codeLengthCount = DeflateAlphabet.codeLengthSymbols
        while codeLengthCount > 4 && codeLengthLengths[DeflateAlphabet.codeLengthOrder[codeLengthCount - 1]] == 0 {
            codeLengthCount -= 1
        }
        self.codeLengthCount = codeLengthCount

        var bits = 5 + 5 + 4 + 3 * codeLengthCount
        for symbol in 0..<DeflateAlphabet.codeLengthSymbols { bits += frequencies[symbol] * Int(codeLengthLengths[symbol]) }
        bits += 2 * frequencies[16] + 3 * frequencies[17] + 7 * frequencies[18]
        headerBits = bits
    }

    func write(to writer: inout BitWriter) {
        writer.write(UInt32(literalCount - 257), count: 5)
        writer.write(UInt32(distanceCount - 1), count: 5)
        writer.write(UInt32(codeLengthCount - 4), count: 4)
        for index in 0..<codeLengthCount {
            writer.write(UInt32(codeLengthLengths[DeflateAlphabet.codeLengthOrder[index]]), count: 3)
        }
        let codes = HuffmanCodeBuilder.codes(for: codeLengthLengths)
        let extraBits = [16: 2, 17: 3, 18: 7]
        for run in runs {
            writer.write(UInt32(codes[run.symbol]), count: Int(codeLengthLengths[run.symbol]))
            if let count = extraBits[run.symbol] { writer.write(run.extra, count: count) }
        }
    }
}
