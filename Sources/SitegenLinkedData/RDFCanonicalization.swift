import SitegenDigest
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// RDF Dataset Canonicalization (RDFC-1.0, W3C Recommendation 2024) with SHA-256: blank nodes
/// named `c14n0…` by first-degree hashes, and by the n-degree hash algorithm where those tie,
/// then the canonical N-Quads, lines sorted by code point (their UTF-8 bytes).
public enum RDFCanonicalization {
    /// The most Hash N-Degree Quads calls plus permutations tried for one dataset. The n-degree
    /// algorithm is exponential in the worst case (a clique of blank nodes is a "poison graph").
    /// The W3C suite's hardest graphs that must be canonicalised (tests 044–046) take between
    /// 2,000 and 4,000 steps; a clique of ten would take millions. A credential's blank nodes hang
    /// off a tree of named nodes: a few steps at most, when two of them look alike.
    public static let defaultWorkLimit = 10_000

    public static func canonicalNQuads(_ dataset: RDFDataset, workLimit: Int = defaultWorkLimit) throws(LinkedDataError) -> [UInt8] {
        var state = Canonicalizer(dataset, workLimit: workLimit)
        try state.issueCanonicalIdentifiers()
        return state.output()
    }
}

/// The identifiers issued so far, in order: a prefix and a counter (RDFC-1.0 §4.5). An array
/// indexed by blank node number, as the dataset numbers them densely.
struct IdentifierIssuer {
    let prefix: StaticString
    private(set) var order: [Int] = []
    private var identifiers: [Int]

    init(prefix: StaticString, nodeCount: Int) {
        self.prefix = prefix
        identifiers = Array(repeating: -1, count: nodeCount)
    }

    @inline(__always)
    func identifier(of node: Int) -> Int? {
        let identifier = identifiers[node]
        return identifier < 0 ? nil : identifier
    }

    @discardableResult
    mutating func issue(_ node: Int) -> Int {
        if identifiers[node] >= 0 { return identifiers[node] }
        identifiers[node] = order.count
        order.append(node)
        return order.count - 1
    }

    func write(_ identifier: Int, into out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount))
        appendDecimal(identifier, to: &out)
    }
}

func appendDecimal(_ value: Int, to out: inout [UInt8]) {
    if value >= 10 { appendDecimal(value / 10, to: &out) }
    out.append(UInt8(0x30 + value % 10))
}

private let hexDigits = Array("0123456789abcdef".utf8)

/// A finished SHA-256 as 64 lower-case hex digits, the form RDFC-1.0 compares and concatenates.
func hexDigest(_ hasher: inout SHA256) -> [UInt8] {
    hex(hasher.finish())
}

func hex(_ digest: SHA256.Digest) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: 64) { hex, count in
        digest.withUnsafeBytes { bytes in
            for (i, byte) in bytes.enumerated() {
                hex[2 * i] = hexDigits[Int(byte >> 4)]
                hex[2 * i + 1] = hexDigits[Int(byte & 15)]
            }
        }
        count = 64
    }
}

func hexDigest(_ bytes: [UInt8]) -> [UInt8] {
    var hasher = SHA256()
    bytes.withUnsafeBytes { hasher.update($0) }
    return hexDigest(&hasher)
}

/// Code point order of UTF-8 text is the order of its bytes.
@inline(__always)
func precedes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    a.withUnsafeBytes { a in b.withUnsafeBytes { b in precedes(a, b) } }
}

/// memcmp order, then the shorter first: byte order. (memcmp compares a word at a time; the
/// generic lexicographicallyPrecedes, a byte at a time, with bounds checks.)
@inline(__always)
func precedes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
    let common = min(a.count, b.count)
    if common > 0 {
        let order = memcmp(a.baseAddress.unsafelyUnwrapped, b.baseAddress.unsafelyUnwrapped, common)
        if order != 0 { return order < 0 }
    }
    return a.count < b.count
}

struct Canonicalizer {
    private var text: [UInt8] = []
    private var quads: [EncodedQuad] = []
    /// For each blank node, the quads it is a component of: once per component, as the
    /// reference implementations list them (a quad naming the node twice is listed twice).
    private var quadsOf: [[Int]]
    private var firstDegreeHashes: [[UInt8]?]
    private var canonical: IdentifierIssuer
    private var work = 0
    private let workLimit: Int

    init(_ dataset: RDFDataset, workLimit: Int) {
        self.workLimit = workLimit
        quadsOf = Array(repeating: [], count: dataset.blankNodeCount)
        firstDegreeHashes = Array(repeating: nil, count: dataset.blankNodeCount)
        canonical = IdentifierIssuer(prefix: "c14n", nodeCount: dataset.blankNodeCount)
        text = dataset.text
        quads = dataset.quads
        dropDuplicateBlankNodeQuads()
        for (index, quad) in quads.enumerated() {
            if quad.nodes.0 >= 0 { quadsOf[quad.nodes.0].append(index) }
            if quad.nodes.1 >= 0 { quadsOf[quad.nodes.1].append(index) }
            if quad.nodes.2 >= 0 { quadsOf[quad.nodes.2].append(index) }
        }
    }

    /// A dataset is a set: a repeated quad about a blank node would count twice in its hashes.
    /// (Repeated ground quads are dropped from the sorted output instead, where they are adjacent.)
    private mutating func dropDuplicateBlankNodeQuads() {
        var kept: [EncodedQuad] = []
        kept.reserveCapacity(quads.count)
        var keptWithBlankNodes: [Int] = []
        text.withUnsafeBytes { text in
            outer: for quad in quads {
                if quad.hasBlankNode {
                    for index in keptWithBlankNodes {
                        let other = kept[index]
                        guard other.nodes == quad.nodes, other.end - other.start == quad.end - quad.start else { continue }
                        if memcmp(text.baseAddress.unsafelyUnwrapped + other.start, text.baseAddress.unsafelyUnwrapped + quad.start,
                                  quad.end - quad.start) == 0 { continue outer }
                    }
                    keptWithBlankNodes.append(kept.count)
                }
                kept.append(quad)
            }
        }
        quads = kept
    }

    /// Writes quad `index`'s line, naming blank node `n` by `label(n)`.
    @inline(__always)
    private func writeLine(_ index: Int, into out: inout [UInt8], label: (Int, inout [UInt8]) -> Void) {
        let quad = quads[index]
        var cursor = quad.start
        text.withUnsafeBufferPointer { text in
            func labelled(_ node: Int, at offset: Int) {
                guard node >= 0 else { return }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: text[cursor..<offset]))
                label(node, &out)
                cursor = offset
            }
            labelled(quad.nodes.0, at: quad.offsets.0)
            labelled(quad.nodes.1, at: quad.offsets.1)
            labelled(quad.nodes.2, at: quad.offsets.2)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: text[cursor..<quad.end]))
        }
    }

    mutating func issueCanonicalIdentifiers() throws(LinkedDataError) {
        let nodes = quadsOf.indices.filter { !quadsOf[$0].isEmpty }
        // One blank node is c14n0 whatever its hash.
        if nodes.count == 1 {
            canonical.issue(nodes[0])
            return
        }
        computeFirstDegreeHashes(of: nodes)
        var shared: [[Int]] = []
        for group in groupedByHash(nodes.map { (firstDegreeHash($0), $0) }) {
            if group.count == 1 {
                canonical.issue(group[0])
            } else {
                shared.append(group)
            }
        }
        for nodes in shared {
            var results: [(hash: [UInt8], issuer: IdentifierIssuer)] = []
            for node in nodes where canonical.identifier(of: node) == nil {
                var temporary = IdentifierIssuer(prefix: "b", nodeCount: quadsOf.count)
                temporary.issue(node)
                results.append(try hashNDegreeQuads(node, issuer: temporary))
            }
            results.sort { precedes($0.hash, $1.hash) }
            for result in results {
                for node in result.issuer.order { canonical.issue(node) }
            }
        }
    }

    /// Every quad's canonical line, sorted, repeated lines once. Lines without blank nodes are
    /// final as encoded, so only the others are written again, with their canonical labels.
    func output() -> [UInt8] {
        var relabelled: [UInt8] = []
        var blankLines: [Range<Int>] = []
        for index in quads.indices where quads[index].hasBlankNode {
            let start = relabelled.count
            writeLine(index, into: &relabelled) { node, out in
                canonical.write(canonical.identifier(of: node) ?? 0, into: &out)
            }
            blankLines.append(start..<relabelled.count)
        }
        return text.withUnsafeBytes { text in
            relabelled.withUnsafeBytes { relabelled in
                var lines: [UnsafeRawBufferPointer] = []
                lines.reserveCapacity(quads.count)
                for quad in quads where !quad.hasBlankNode {
                    lines.append(UnsafeRawBufferPointer(rebasing: text[quad.start..<quad.end]))
                }
                for range in blankLines { lines.append(UnsafeRawBufferPointer(rebasing: relabelled[range])) }
                lines.sort { precedes($0, $1) }
                var out: [UInt8] = []
                out.reserveCapacity(text.count + relabelled.count)
                var previous: UnsafeRawBufferPointer?
                for line in lines {
                    if let previous, previous.count == line.count,
                       memcmp(previous.baseAddress.unsafelyUnwrapped, line.baseAddress.unsafelyUnwrapped, line.count) == 0 {
                        continue
                    }
                    out.append(contentsOf: line)
                    previous = line
                }
                return out
            }
        }
    }

    /// The lines of `indices`, written into one buffer, and their ranges in byte order.
    private func sortedLines(of indices: [Int], label: (Int, inout [UInt8]) -> Void) -> ([UInt8], [Range<Int>]) {
        var lines: [UInt8] = []
        lines.reserveCapacity(indices.reduce(0) { $0 + quads[$1].end - quads[$1].start + 8 })
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(indices.count)
        for index in indices {
            let start = lines.count
            writeLine(index, into: &lines, label: label)
            ranges.append(start..<lines.count)
        }
        lines.withUnsafeBytes { lines in
            ranges.sort { precedes(UnsafeRawBufferPointer(rebasing: lines[$0]), UnsafeRawBufferPointer(rebasing: lines[$1])) }
        }
        return (lines, ranges)
    }

    // MARK: - Hash first degree quads (§4.6)

    /// The first-degree hashes of `nodes`, hashed side by side (`SHA256.digests(of:)`): each
    /// node's sorted lines are one message, and a credential has several blank nodes. (What it
    /// bought: hashing was the largest single cost of canonicalising a credential.)
    private mutating func computeFirstDegreeHashes(of nodes: [Int]) {
        var messages: [UInt8] = []
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(nodes.count)
        for node in nodes {
            let (lines, lineRanges) = sortedLines(of: quadsOf[node]) { other, out in
                out.append(other == node ? UInt8(ascii: "a") : UInt8(ascii: "z"))
            }
            let start = messages.count
            lines.withUnsafeBufferPointer { lines in
                for range in lineRanges { messages.append(contentsOf: UnsafeBufferPointer(rebasing: lines[range])) }
            }
            ranges.append(start..<messages.count)
        }
        let digests = messages.withUnsafeBytes { messages in
            SHA256.digests(of: ranges.map { UnsafeRawBufferPointer(rebasing: messages[$0]) })
        }
        for (node, digest) in zip(nodes, digests) { firstDegreeHashes[node] = hex(digest) }
    }

    private mutating func firstDegreeHash(_ node: Int) -> [UInt8] {
        if let hash = firstDegreeHashes[node] { return hash }
        let (lines, ranges) = sortedLines(of: quadsOf[node]) { other, out in
            out.append(other == node ? UInt8(ascii: "a") : UInt8(ascii: "z"))
        }
        var hasher = SHA256()
        lines.withUnsafeBytes { lines in
            for range in ranges { hasher.update(UnsafeRawBufferPointer(rebasing: lines[range])) }
        }
        let hash = hexDigest(&hasher)
        firstDegreeHashes[node] = hash
        return hash
    }

    // MARK: - Hash related blank node (§4.7)

    private mutating func hashRelatedBlankNode(_ related: Int, quad: Int, issuer: IdentifierIssuer, position: UInt8) -> [UInt8] {
        var input: [UInt8] = [position]
        if position != UInt8(ascii: "g") {
            input.append(contentsOf: text[quads[quad].predicate])
        }
        if let identifier = canonical.identifier(of: related) {
            input.append(contentsOf: [0x5F, 0x3A])
            canonical.write(identifier, into: &input)
        } else if let identifier = issuer.identifier(of: related) {
            input.append(contentsOf: [0x5F, 0x3A])
            issuer.write(identifier, into: &input)
        } else {
            input.append(contentsOf: firstDegreeHash(related))
        }
        return hexDigest(input)
    }

    // MARK: - Hash N-degree quads (§4.8)

    private mutating func countWork() throws(LinkedDataError) {
        work += 1
        if work > workLimit {
            throw LinkedDataError("RDF canonicalization refused: the blank nodes are too symmetric to name within \(workLimit) steps (a poison graph)")
        }
    }

    private mutating func hashNDegreeQuads(_ node: Int, issuer: IdentifierIssuer) throws(LinkedDataError) -> (hash: [UInt8], issuer: IdentifierIssuer) {
        try countWork()
        var issuer = issuer
        var related: [([UInt8], Int)] = []
        for index in quadsOf[node] {
            let nodes = quads[index].nodes
            for (other, position) in [(nodes.0, UInt8(ascii: "s")), (nodes.1, UInt8(ascii: "o")), (nodes.2, UInt8(ascii: "g"))]
            where other >= 0 && other != node {
                related.append((hashRelatedBlankNode(other, quad: index, issuer: issuer, position: position), other))
            }
        }
        var data: [UInt8] = []
        for (hash, group) in zip(groupHashes(related), groupedByHash(related)) {
            data.append(contentsOf: hash)
            var chosenPath: [UInt8] = []
            var chosenIssuer: IdentifierIssuer?
            var permutation = group.sorted()
            repeat {
                try countWork()
                var issuerCopy = issuer
                var path: [UInt8] = []
                var recursionList: [Int] = []
                var skip = false
                for related in permutation {
                    if let identifier = canonical.identifier(of: related) {
                        path.append(contentsOf: [0x5F, 0x3A])
                        canonical.write(identifier, into: &path)
                    } else {
                        if issuerCopy.identifier(of: related) == nil { recursionList.append(related) }
                        path.append(contentsOf: [0x5F, 0x3A])
                        issuerCopy.write(issuerCopy.issue(related), into: &path)
                    }
                    if !chosenPath.isEmpty, path.count >= chosenPath.count, precedes(chosenPath, path) {
                        skip = true
                        break
                    }
                }
                if !skip {
                    for related in recursionList {
                        let result = try hashNDegreeQuads(related, issuer: issuerCopy)
                        path.append(contentsOf: [0x5F, 0x3A])
                        issuerCopy.write(issuerCopy.issue(related), into: &path)
                        path.append(0x3C)
                        path.append(contentsOf: result.hash)
                        path.append(0x3E)
                        issuerCopy = result.issuer
                        if !chosenPath.isEmpty, path.count >= chosenPath.count, precedes(chosenPath, path) {
                            skip = true
                            break
                        }
                    }
                }
                if !skip, chosenIssuer == nil || precedes(path, chosenPath) {
                    chosenPath = path
                    chosenIssuer = issuerCopy
                }
            } while nextPermutation(&permutation)
            data.append(contentsOf: chosenPath)
            if let chosenIssuer { issuer = chosenIssuer }
        }
        return (hexDigest(data), issuer)
    }
}

/// The nodes of equal hashes together, groups in code point order of their hash (stable, so each
/// group keeps the order its nodes came in). Sorting beats a dictionary keyed by digests here.
func groupedByHash(_ pairs: [([UInt8], Int)]) -> [[Int]] {
    let sorted = sortedByHash(pairs)
    var groups: [[Int]] = []
    for (index, pair) in sorted.enumerated() {
        if index > 0, sorted[index - 1].0 == pair.0 { groups[groups.count - 1].append(pair.1) } else { groups.append([pair.1]) }
    }
    return groups
}

/// The distinct hashes of `pairs` in the order of `groupedByHash`'s groups.
func groupHashes(_ pairs: [([UInt8], Int)]) -> [[UInt8]] {
    let sorted = sortedByHash(pairs)
    var hashes: [[UInt8]] = []
    for pair in sorted where hashes.last != pair.0 { hashes.append(pair.0) }
    return hashes
}

private func sortedByHash(_ pairs: [([UInt8], Int)]) -> [([UInt8], Int)] {
    // Swift's sort is stable (introsort was replaced by a merge sort in Swift 5).
    pairs.sorted { precedes($0.0, $1.0) }
}

/// Steps `items` to the next permutation in lexicographic order; false after the last. Equal
/// items are permuted once, which changes nothing: swapping two equal items gives the same path.
func nextPermutation(_ items: inout [Int]) -> Bool {
    guard items.count > 1 else { return false }
    var i = items.count - 2
    while i >= 0, items[i] >= items[i + 1] { i -= 1 }
    guard i >= 0 else { return false }
    var j = items.count - 1
    while items[j] <= items[i] { j -= 1 }
    items.swapAt(i, j)
    items[(i + 1)...].reverse()
    return true
}
