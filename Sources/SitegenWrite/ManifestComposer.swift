import SitegenDigest

/// Writes a manifest or pending list (see `Manifest`): unchanged units' lines copied from the
/// previous manifest, changed units' lines made from their paths, and path sets numbered by first
/// use, so the file is the same whether the build started from scratch or from an earlier one.
/// The sets go last, once every unit has said which it uses; the lines go straight into the
/// file's bytes.
struct ManifestComposer {
    private var out: [UInt8]
    /// Set lines by their digest (hashing a byte array element by element is slow), each with
    /// its number; lines whose digests collide are told apart by their bytes.
    private var setNumbers: [Digest128: [(line: [UInt8], number: Int)]] = [:]
    private var setCount = 0
    private var setLines: [UInt8] = []
    /// Previous set number → new number, -1 until a copied line uses it.
    private var renumbered: [Int]

    init(record: BuildRecord?, output: OutputIdentity? = nil, previousSets: Int, expectedUnits: Int) {
        out = Array(Manifest.header.utf8)
        out.reserveCapacity(4096 + expectedUnits * 64)
        record?.append(to: &out)
        if let output { out += output.line.utf8 }
        renumbered = [Int](repeating: -1, count: previousSets)
    }

    /// The previous manifest's line for `unit`, as it was but for its set number. `bytes` are
    /// the previous manifest's.
    mutating func copy(_ unit: Int, of previous: Manifest, bytes: UnsafeBufferPointer<UInt8>) {
        let line = previous.units[unit]
        var number = renumbered[Int(line.set)]
        if number < 0 {
            number = setNumber(Array(bytes[previous.sets[Int(line.set)]]))
            renumbered[Int(line.set)] = number
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[Int(line.start)...Int(line.nameEnd)]))
        appendNumber(number)
        out.append(0x0A)
    }

    /// A line for a unit made by this build, with its paths as `PathSet.line` writes them. `key`
    /// is nil in a pending list.
    mutating func add(_ name: UnitName, key: Digest128?, set: [UInt8]) {
        let number = setNumber(set)
        if let key {
            let digits: StaticString = "0123456789abcdef"
            digits.withUTF8Buffer { digit in
                for index in 0..<16 {
                    let byte = (index < 8 ? key.first : key.second) >> UInt64(8 * (index % 8)) & 0xFF
                    out.append(digit[Int(byte >> 4)])
                    out.append(digit[Int(byte & 0x0F)])
                }
            }
        } else {
            out.append(UInt8(ascii: "-"))
        }
        out.append(0x09)
        var kind = name.kind, id = name.id
        kind.withUTF8 { out.append(contentsOf: $0) }
        if !id.isEmpty {
            out.append(UInt8(ascii: ":"))
            id.withUTF8 { out.append(contentsOf: $0) }
        }
        out.append(0x09)
        appendNumber(number)
        out.append(0x0A)
    }

    /// The file's bytes; the composer is empty afterwards.
    mutating func bytes() -> [UInt8] {
        out += setLines
        var bytes: [UInt8] = []
        swap(&bytes, &out)
        return bytes
    }

    private mutating func setNumber(_ line: [UInt8]) -> Int {
        let digest = line.withUnsafeBytes { SipHash128.hash($0) }
        if let known = setNumbers[digest]?.first(where: { $0.line == line }) { return known.number }
        let number = setCount
        setCount += 1
        setNumbers[digest, default: []].append((line, number))
        setLines += line
        setLines.append(0x0A)
        return number
    }

    private mutating func appendNumber(_ number: Int) {
        if number >= 10 { appendNumber(number / 10) }
        out.append(UInt8(ascii: "0") + UInt8(number % 10))
    }
}
