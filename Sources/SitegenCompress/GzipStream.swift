import SitegenDigest

/// The gzip format (RFC 1952): members of header, deflate stream, CRC-32 and length. Open Badges
/// 3.0 status lists are gzip-compressed bitstrings.
public enum GzipStream {
    /// Compresses `data` into one gzip member with no name, MTIME 0 and OS 255 ("unknown"), so the
    /// bytes depend on the data and level alone.
    public static func compress<Bytes: Collection>(_ data: Bytes, level: Deflate.Level = .default) -> [UInt8]
        where Bytes.Element == UInt8 {
        withContiguousBytesNonThrowing(data) { input in
            let extraFlags: UInt8 = level == .smallest ? 2 : level == .fastest ? 4 : 0
            var output: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, extraFlags, 255]
            DeflateEncoder(input, level: level).encode(into: &output)
            appendLittleEndian(CRC32.checksum(input), to: &output)
            appendLittleEndian(UInt32(truncatingIfNeeded: input.count), to: &output)
            return output
        }
    }

    /// Decodes every member of a gzip file and returns their data joined, checking each header
    /// (including FHCRC when present), CRC-32 and ISIZE. After the last member, `trailingData`
    /// decides whether further bytes that do not start a member are an error.
    public static func decompress<Bytes: Collection>(
        _ file: Bytes, limit: Int = Inflate.defaultLimit, trailingData: TrailingDataPolicy = .reject
    ) throws(CompressedDataError) -> [UInt8] where Bytes.Element == UInt8 {
        try withContiguousBytes(file) { (input) throws(CompressedDataError) -> [UInt8] in
            var output = InflateOutput(expected: input.count * 4, limit: limit)
            var position = 0
            repeat {
                let memberStart = output.count
                let bodyStart = try headerEnd(input, from: position)
                let end = try RawInflater.inflate(input, from: bodyStart, into: &output)
                guard end + 8 <= input.count else { throw CompressedDataError(.truncated, at: input.count) }
                let storedCRC = readLittleEndian(input, at: end)
                let storedSize = readLittleEndian(input, at: end + 4)
                let memberSize = output.count - memberStart
                let computedCRC = output.withBytes { CRC32.checksum(UnsafeBufferPointer(rebasing: $0[memberStart...])) }
                guard storedCRC == computedCRC else {
                    throw CompressedDataError(.checksumMismatch(kind: "CRC-32", stored: storedCRC, computed: computedCRC), at: end)
                }
                guard storedSize == UInt32(truncatingIfNeeded: memberSize) else {
                    throw CompressedDataError(.lengthMismatch(stored: storedSize, computed: UInt32(truncatingIfNeeded: memberSize)),
                                              at: end + 4)
                }
                position = end + 8
            } while position + 1 < input.count && input[position] == 0x1F && input[position + 1] == 0x8B
            if trailingData == .reject && position < input.count {
                throw CompressedDataError(.trailingData(count: input.count - position), at: position)
            }
            return output.bytes()
        }
    }

    /// Checks a member header starting at `start`; returns where its deflate stream begins.
    private static func headerEnd(_ input: UnsafeBufferPointer<UInt8>, from start: Int) throws(CompressedDataError) -> Int {
        func need(_ end: Int) throws(CompressedDataError) {
            guard end <= input.count else { throw CompressedDataError(.truncated, at: input.count) }
        }
        try need(start + 10)
        guard input[start] == 0x1F, input[start + 1] == 0x8B else {
            throw CompressedDataError(.badGzipHeader("no 1F 8B signature"), at: start)
        }
        guard input[start + 2] == 8 else {
            throw CompressedDataError(.badGzipHeader("compression method \(input[start + 2]), not 8 (deflate)"), at: start + 2)
        }
        let flags = input[start + 3]
        guard flags & 0xE0 == 0 else {
            throw CompressedDataError(.badGzipHeader("reserved flag bits set"), at: start + 3)
        }
        var position = start + 10
        if flags & 0x04 != 0 {  // FEXTRA
            try need(position + 2)
            let length = Int(input[position]) | Int(input[position + 1]) << 8
            position += 2 + length
            try need(position)
        }
        for flag: UInt8 in [0x08, 0x10] where flags & flag != 0 {  // FNAME, FCOMMENT: zero-terminated
            while true {
                try need(position + 1)
                position += 1
                if input[position - 1] == 0 { break }
            }
        }
        if flags & 0x02 != 0 {  // FHCRC: the low 16 bits of the CRC-32 of the header before it
            try need(position + 2)
            let stored = UInt16(input[position]) | UInt16(input[position + 1]) << 8
            let computed = UInt16(truncatingIfNeeded: CRC32.checksum(UnsafeBufferPointer(rebasing: input[start..<position])))
            guard stored == computed else {
                throw CompressedDataError(.checksumMismatch(kind: "header CRC-16", stored: UInt32(stored), computed: UInt32(computed)),
                                          at: position)
            }
            position += 2
        }
        return position
    }

    private static func readLittleEndian(_ input: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt32 {
        UInt32(input[offset]) | UInt32(input[offset + 1]) << 8 | UInt32(input[offset + 2]) << 16 | UInt32(input[offset + 3]) << 24
    }

    private static func appendLittleEndian(_ value: UInt32, to output: inout [UInt8]) {
        output += [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)]
    }
}
