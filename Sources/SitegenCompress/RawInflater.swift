/// Decodes one raw deflate stream (RFC 1951) from a position in the input; the wrappers call it
/// for the body between their header and trailer.
enum RawInflater {
    /// Decodes blocks up to and including the final one; returns the byte offset just past it.
    static func inflate(_ input: UnsafeBufferPointer<UInt8>, from start: Int,
                        into output: inout InflateOutput) throws(CompressedDataError) -> Int {
        var reader = BitReader(input, from: start)
        // Matches reach back within this stream only: a second gzip member cannot see the first.
        let streamStart = output.count
        var isFinal = false
        while !isFinal {
            try reader.refill()
            isFinal = reader.read(1) == 1
            switch reader.read(2) {
            case 0:
                try copyStoredBlock(&reader, input, into: &output)
            case 1:
                try decodeBlock(&reader, literalLength: .fixedLiteralLength, distance: .fixedDistance,
                                streamStart: streamStart, into: &output)
            case 2:
                let (literalLength, distance) = try readDynamicCodes(&reader)
                try decodeBlock(&reader, literalLength: literalLength, distance: distance,
                                streamStart: streamStart, into: &output)
            default:
                throw CompressedDataError(.invalidBlockType, at: reader.offset)
            }
        }
        return try reader.alignToByte()
    }

    private static func copyStoredBlock(_ reader: inout BitReader, _ input: UnsafeBufferPointer<UInt8>,
                                        into output: inout InflateOutput) throws(CompressedDataError) {
        let at = try reader.alignToByte()
        guard at + 4 <= input.count else { throw CompressedDataError(.truncated, at: input.count) }
        let length = Int(input[at]) | Int(input[at + 1]) << 8
        let complement = Int(input[at + 2]) | Int(input[at + 3]) << 8
        guard length == complement ^ 0xFFFF else { throw CompressedDataError(.storedLengthMismatch, at: at) }
        let dataStart = at + 4
        guard dataStart + length <= input.count else { throw CompressedDataError(.truncated, at: input.count) }
        try output.reserve(length, offset: dataStart)
        if length > 0 { output.append(input.baseAddress! + dataStart, count: length) }
        reader.position = dataStart + length
    }

    private static func readDynamicCodes(_ reader: inout BitReader) throws(CompressedDataError)
        -> (HuffmanDecodeTable, HuffmanDecodeTable) {
        try reader.refill()
        let headerOffset = reader.offset
        let literalCount = Int(reader.read(5)) + 257
        let distanceCount = Int(reader.read(5)) + 1
        let codeLengthCount = Int(reader.read(4)) + 4
        guard literalCount <= DeflateAlphabet.literalLengthSymbols, distanceCount <= DeflateAlphabet.distanceSymbols else {
            throw CompressedDataError(.tooManyLengthOrDistanceSymbols, at: headerOffset)
        }
        var codeLengthLengths = [UInt8](repeating: 0, count: DeflateAlphabet.codeLengthSymbols)
        for index in 0..<codeLengthCount {
            try reader.refill()
            codeLengthLengths[DeflateAlphabet.codeLengthOrder[index]] = UInt8(reader.read(3))
        }
        let codeLengthCode = try HuffmanDecodeTable(
            lengths: codeLengthLengths[...], primaryBits: 7,
            payload: { HuffmanDecodeTable.payload(.literal, value: $0) },
            allowsSingleCode: false, name: "code length", offset: reader.offset)
        guard codeLengthCode.longestCode > 0 else {
            throw CompressedDataError(.incompleteCode("code length"), at: reader.offset)
        }

        let total = literalCount + distanceCount
        var lengths = [UInt8](repeating: 0, count: total)
        var index = 0
        try codeLengthCode.entries.withUnsafeBufferPointer { (table) throws(CompressedDataError) in
            while index < total {
                try reader.refill()
                let entry = table[Int(reader.peek(7))]
                // The code is complete, so every 7-bit pattern starts a code: no invalid entries.
                reader.consume(HuffmanDecodeTable.bitLength(entry))
                let symbol = HuffmanDecodeTable.value(entry)
                if symbol < 16 {
                    lengths[index] = UInt8(symbol)
                    index += 1
                    continue
                }
                let repeated: UInt8
                let run: Int
                switch symbol {
                case 16:
                    guard index > 0 else { throw CompressedDataError(.repeatWithoutPreviousLength, at: reader.offset) }
                    repeated = lengths[index - 1]
                    run = 3 + Int(reader.read(2))
                case 17:
                    repeated = 0
                    run = 3 + Int(reader.read(3))
                default:
                    repeated = 0
                    run = 11 + Int(reader.read(7))
                }
                guard index + run <= total else { throw CompressedDataError(.lengthRepeatPastEnd, at: reader.offset) }
                for i in index..<(index + run) { lengths[i] = repeated }
                index += run
            }
        }
        guard lengths[DeflateAlphabet.endOfBlock] != 0 else {
            throw CompressedDataError(.missingEndOfBlockCode, at: reader.offset)
        }
        let literalLength = try HuffmanDecodeTable(
            lengths: lengths[0..<literalCount], primaryBits: 10, payload: HuffmanDecodeTable.literalLengthPayload,
            allowsSingleCode: true, name: "literal/length", offset: reader.offset)
        let distance = try HuffmanDecodeTable(
            lengths: lengths[literalCount...], primaryBits: 8, payload: HuffmanDecodeTable.distancePayload,
            allowsSingleCode: true, name: "distance", offset: reader.offset)
        return (literalLength, distance)
    }

    /// The hot loop: one refill per symbol (56+ bits covers the longest length/distance pair, 48
    /// bits), one or two table lookups per code.
    private static func decodeBlock(_ reader: inout BitReader, literalLength: HuffmanDecodeTable,
                                    distance: HuffmanDecodeTable, streamStart: Int,
                                    into output: inout InflateOutput) throws(CompressedDataError) {
        let literalBits = literalLength.primaryBits
        let distanceBits = distance.primaryBits
        try literalLength.entries.withUnsafeBufferPointer { (literalTable) throws(CompressedDataError) in
            try distance.entries.withUnsafeBufferPointer { (distanceTable) throws(CompressedDataError) in
                while true {
                    try reader.refill()
                    var entry = literalTable[Int(reader.peek(literalBits))]
                    if HuffmanDecodeTable.kind(entry) == HuffmanDecodeTable.Kind.subtable.rawValue {
                        reader.consume(literalBits)
                        entry = literalTable[HuffmanDecodeTable.value(entry) + Int(reader.peek(HuffmanDecodeTable.extraBits(entry)))]
                    }
                    reader.consume(HuffmanDecodeTable.bitLength(entry))
                    switch HuffmanDecodeTable.kind(entry) {
                    case HuffmanDecodeTable.Kind.literal.rawValue:
                        try output.reserve(1, offset: reader.offset)
                        output.append(UInt8(truncatingIfNeeded: HuffmanDecodeTable.value(entry)))
                    case HuffmanDecodeTable.Kind.endOfBlock.rawValue:
                        return
                    case HuffmanDecodeTable.Kind.lengthOrDistance.rawValue:
                        let length = HuffmanDecodeTable.value(entry) + Int(reader.read(HuffmanDecodeTable.extraBits(entry)))
                        var distanceEntry = distanceTable[Int(reader.peek(distanceBits))]
                        if HuffmanDecodeTable.kind(distanceEntry) == HuffmanDecodeTable.Kind.subtable.rawValue {
                            reader.consume(distanceBits)
                            distanceEntry = distanceTable[HuffmanDecodeTable.value(distanceEntry)
                                + Int(reader.peek(HuffmanDecodeTable.extraBits(distanceEntry)))]
                        }
                        reader.consume(HuffmanDecodeTable.bitLength(distanceEntry))
                        guard HuffmanDecodeTable.kind(distanceEntry) == HuffmanDecodeTable.Kind.lengthOrDistance.rawValue else {
                            throw CompressedDataError(.invalidSymbol("distance"), at: reader.offset)
                        }
                        let backwards = HuffmanDecodeTable.value(distanceEntry)
                            + Int(reader.read(HuffmanDecodeTable.extraBits(distanceEntry)))
                        guard backwards <= output.count - streamStart else {
                            throw CompressedDataError(.distanceTooFarBack(distance: backwards, available: output.count - streamStart),
                                                      at: reader.offset)
                        }
                        try output.reserve(length, offset: reader.offset)
                        output.copyMatch(distance: backwards, length: length)
                    default:
                        throw CompressedDataError(.invalidSymbol("literal/length"), at: reader.offset)
                    }
                }
            }
        }
    }
}
