import SitegenDigest

/// RDF Dataset Canonicalization (RDFC-1.0, W3C Recommendation 2024) with SHA-256: blank nodes
/// named `c14n0…` by first-degree hashes, and by the n-degree hash algorithm where those tie,
/// then the canonical N-Quads, lines sorted by code point (their UTF-8 bytes).
public enum RDFCanonicalization {
    /// The most Hash N-Degree Quads calls plus permutations tried for one dataset. The n-degree
    /// algorithm is exponential in the worst case (a clique of blank nodes is a "poison graph");
    /// this is far above what the W3C tests' hardest accepted graphs take and far below what a
    /// clique of ten takes.
    public static let defaultWorkLimit = 50_000

    public static func canonicalNQuads(_ dataset: RDFDataset, workLimit: Int = defaultWorkLimit) throws(LinkedDataError) -> [UInt8] {
        var state = Canonicalizer(dataset, workLimit: workLimit)
        try state.issueCanonicalIdentifiers()
        return state.output()
    }
}

/// The identifiers issued so far, in order: a prefix and a counter (RDFC-1.0 §4.5).
struct IdentifierIssuer {
    let prefix: StaticString
    private(set) var order: [Int] = []
    private var identifiers: [Int: Int] = [:]

    init(prefix: StaticString) {
        self.prefix = prefix
    }

    func identifier(of node: Int) -> Int? { identifiers[node] }

    @discardableResult
    mutating func issue(_ node: Int) -> Int {
        if let existing = identifiers[node] { return existing }
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

/// SHA-256 of `bytes` as 64 lower-case hex digits, the form RDFC-1.0 compares and concatenates.
func hexDigest(_ bytes: [UInt8]) -> [UInt8] {
    var hasher = SHA256()
    hasher.update(bytes)
    var hex = [UInt8]()
    hex.reserveCapacity(64)
    for byte in hasher.finalize() {
        hex.append(hexDigits[Int(byte >> 4)])
        hex.append(hexDigits[Int(byte & 15)])
    }
    return hex
}

/// Code point order of UTF-8 text is the order of its bytes.
@inline(__always)
func precedes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    a.lexicographicallyPrecedes(b)
}

struct Canonicalizer {
    private let quads: [RDFQuad]
    /// For each blank node, the quads it is a component of: once per component, as the
    /// reference implementations list them (a quad naming the node twice is listed twice).
    private var quadsOf: [[Int]]
    private var firstDegreeHashes: [[UInt8]?]
    private var canonical = IdentifierIssuer(prefix: "c14n")
    private var work = 0
    private let workLimit: Int

    init(_ dataset: RDFDataset, workLimit: Int) {
        // A dataset is a set: duplicates would otherwise count twice in the hashes.
        var seen = Set<RDFQuad>(minimumCapacity: dataset.quads.count)
        quads = dataset.quads.filter { seen.insert($0).inserted }
        quadsOf = Array(repeating: [], count: dataset.blankNodeCount)
        firstDegreeHashes = Array(repeating: nil, count: dataset.blankNodeCount)
        self.workLimit = workLimit
        for (index, quad) in quads.enumerated() {
            for case let .blankNode(node)? in [quad.subject, quad.object, quad.graph] {
                quadsOf[node].append(index)
            }
        }
    }

    mutating func issueCanonicalIdentifiers() throws(LinkedDataError) {
        var byHash: [[UInt8]: [Int]] = [:]
        for node in quadsOf.indices where !quadsOf[node].isEmpty {
            byHash[firstDegreeHash(node), default: []].append(node)
        }
        let hashes = byHash.keys.sorted(by: precedes)
        var shared: [[Int]] = []
        for hash in hashes {
            let nodes = byHash[hash].unsafelyUnwrapped
            if nodes.count == 1 {
                canonical.issue(nodes[0])
            } else {
                shared.append(nodes)
            }
        }
        for nodes in shared {
            var results: [(hash: [UInt8], issuer: IdentifierIssuer)] = []
            for node in nodes where canonical.identifier(of: node) == nil {
                var temporary = IdentifierIssuer(prefix: "b")
                temporary.issue(node)
                results.append(try hashNDegreeQuads(node, issuer: temporary))
            }
            results.sort { precedes($0.hash, $1.hash) }
            for result in results {
                for node in result.issuer.order { canonical.issue(node) }
            }
        }
    }

    func output() -> [UInt8] {
        var lines: [[UInt8]] = []
        lines.reserveCapacity(quads.count)
        for quad in quads {
            var line: [UInt8] = []
            line.reserveCapacity(128)
            NQuadsWriter.write(quad, into: &line) { node, out in
                canonical.write(canonical.identifier(of: node) ?? 0, into: &out)
            }
            lines.append(line)
        }
        lines.sort(by: precedes)
        var out: [UInt8] = []
        out.reserveCapacity(lines.reduce(0) { $0 + $1.count })
        for line in lines { out.append(contentsOf: line) }
        return out
    }

    // MARK: - Hash first degree quads (§4.6)

    private mutating func firstDegreeHash(_ node: Int) -> [UInt8] {
        if let hash = firstDegreeHashes[node] { return hash }
        var lines: [[UInt8]] = []
        lines.reserveCapacity(quadsOf[node].count)
        for index in quadsOf[node] {
            var line: [UInt8] = []
            NQuadsWriter.write(quads[index], into: &line) { other, out in
                out.append(other == node ? UInt8(ascii: "a") : UInt8(ascii: "z"))
            }
            lines.append(line)
        }
        lines.sort(by: precedes)
        let hash = hexDigest(Array(lines.joined()))
        firstDegreeHashes[node] = hash
        return hash
    }

    // MARK: - Hash related blank node (§4.7)

    private mutating func hashRelatedBlankNode(_ related: Int, quad: RDFQuad, issuer: IdentifierIssuer, position: UInt8) -> [UInt8] {
        var input: [UInt8] = [position]
        if position != UInt8(ascii: "g") {
            NQuadsWriter.writeIRI(quad.predicate, into: &input)
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
        var relatedByHash: [[UInt8]: [Int]] = [:]
        for index in quadsOf[node] {
            let quad = quads[index]
            for (component, position) in [(quad.subject, UInt8(ascii: "s")), (quad.object, UInt8(ascii: "o")), (quad.graph, UInt8(ascii: "g"))] {
                guard case let .blankNode(related)? = component, related != node else { continue }
                let hash = hashRelatedBlankNode(related, quad: quad, issuer: issuer, position: position)
                relatedByHash[hash, default: []].append(related)
            }
        }
        var data: [UInt8] = []
        for hash in relatedByHash.keys.sorted(by: precedes) {
            data.append(contentsOf: hash)
            var chosenPath: [UInt8] = []
            var chosenIssuer: IdentifierIssuer?
            var permutation = relatedByHash[hash].unsafelyUnwrapped.sorted()
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
