import Testing
import SitegenDigest
import SitegenPlan
import SitegenSource

/// The status index record: indices never change or get reused, whatever order awards come in,
/// and a damaged, cut or rolled-back record is caught rather than renumbered.
struct StatusIndicesTests {
    @Test func newAwardsAreNumberedInIDOrderAfterTheKnownOnes() throws {
        var record = StatusIndices()
        #expect(record.assign(["c", "a", "b", "a"]) == 3)
        #expect(["a", "b", "c"].map { record[$0] } == [0, 1, 2])
        // The same awards in another order, one deleted, two added: old indices stay, new ones follow.
        #expect(record.assign(["e", "c", "d"]) == 2)
        #expect(["a", "b", "c", "d", "e"].map { record[$0] } == [0, 1, 2, 3, 4])
        var shuffled = StatusIndices()
        shuffled.assign(["b", "c", "a"])
        shuffled.assign(["d", "e"])
        #expect(shuffled == record)
    }

    /// What a plan asks: each award's index, known or new, in the awards' order; with more ids
    /// than one run of the parallel look-up.
    @Test func indicesOfIDsAreTheirPlacesKnownOrNew() {
        var record = StatusIndices()
        #expect(record.indices(of: ["b", "a", "b"]) == [1, 0, 1])
        let many = (0..<10_000).map { "award-\($0)" }
        let numbers = record.indices(of: ["a"] + many.reversed() + ["b"])
        #expect(numbers.first == 0 && numbers.last == 1)
        #expect(Set(numbers.dropFirst().dropLast()) == Set(2..<10_002))
        for (id, number) in zip(many.reversed(), numbers.dropFirst()) { #expect(record[id] == number) }
        #expect(record.indices(of: many) == many.map { record[$0]! })
    }

    @Test func aRecordReadsBackAsWritten() throws {
        var record = StatusIndices()
        record.assign(["award-1", "日本-2", "x y"])
        let parsed = try StatusIndices.parse(record.serialized(), file: "status-indices.txt")
        #expect(parsed == record)
        #expect(parsed.serialized() == record.serialized())
        #expect(try StatusIndices.parse(StatusIndices().serialized(), file: "f").count == 0)
        // The checksum, kept as indices are added and as the file is read, is the SHA-256 of the
        // index lines as the file holds them.
        let lines = Array("0\taward-1\n1\tx y\n2\t日本-2\n".utf8)  // in id order
        let expected = SHA256.hash(lines).map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        #expect(record.digest == expected)
        #expect(parsed.digest == expected)
        #expect(String(decoding: record.serialized(), as: UTF8.self).contains("count=3 sha256=\(expected)\n0\taward-1\n"))
    }

    @Test(arguments: [
        ("0\ta\n1\tb\n2\tc\n", "2\tc\n1\tb\n", "reordered"),
        ("0\ta\n1\tb\n2\tc\n", "1\tb\n2\tc\n", "a line removed"),
        ("0\ta\n1\tb\n2\tc\n", "1\tb\n", "an id edited"),
    ])
    func aDamagedRecordIsALocatedError(_ original: String, _ replaced: String, _ what: String) throws {
        var record = StatusIndices()
        record.assign(["a", "b", "c"])
        let text = String(decoding: record.serialized(), as: UTF8.self)
        let damaged: String
        switch what {
        case "reordered": damaged = text.replacingOccurrences(of: "1\tb\n2\tc\n", with: replaced)
        case "a line removed": damaged = text.replacingOccurrences(of: "0\ta\n", with: "")
        default: damaged = text.replacingOccurrences(of: "1\tb\n", with: "1\tz\n")
        }
        #expect(damaged != text, "\(what)")
        #expect(throws: Diagnostic.self, "\(what)") { try StatusIndices.parse(Array(damaged.utf8), file: "status-indices.txt") }
        do {
            _ = try StatusIndices.parse(Array(damaged.utf8), file: "status-indices.txt")
        } catch {
            #expect(error.location?.file == "status-indices.txt")
            #expect(error.message.contains("damaged"), "\(error.message)")
        }
        // Cut short with its header still claiming three: caught by the count.
        let cut = text.replacingOccurrences(of: "2\tc\n", with: "")
        #expect(throws: Diagnostic.self) { try StatusIndices.parse(Array(cut.utf8), file: "f") }
        #expect(throws: Diagnostic.self) { try StatusIndices.parse(Array("0\ta\n".utf8), file: "f") }
    }

    /// The bytes read are the bytes hashed: index lines must be as sitegen writes them, with
    /// nothing between them; a missing last line feed and blank lines after them are harmless.
    @Test func indexLinesAreReadAsWritten() throws {
        var record = StatusIndices()
        record.assign(["a", "b", "c"])
        let text = String(decoding: record.serialized(), as: UTF8.self)
        for harmless in [String(text.dropLast()), text + "\n\n", text + "# a note\n"] {
            #expect(try StatusIndices.parse(Array(harmless.utf8), file: "f") == record)
        }
        let damaged = [
            text.replacingOccurrences(of: "1\tb\n", with: "01\tb\n"),          // a leading zero
            text.replacingOccurrences(of: "1\tb\n", with: "+1\tb\n"),          // a sign
            text.replacingOccurrences(of: "1\tb\n", with: "# note\n1\tb\n"),  // a comment among them
            text.replacingOccurrences(of: "1\tb\n", with: "\n1\tb\n"),        // a blank line among them
            text.replacingOccurrences(of: "1\tb\n", with: "1\tb\r\n"),        // CRLF
            text.replacingOccurrences(of: "1\tb\n", with: "1\t\n"),            // no id
        ]
        for text in damaged {
            #expect(throws: Diagnostic.self, "\(text)") { try StatusIndices.parse(Array(text.utf8), file: "f") }
        }
    }

    @Test func aRecordExtendsOnlyTheRecordsItGrewFrom() {
        var earlier = StatusIndices()
        earlier.assign(["a", "b"])
        var later = earlier
        later.assign(["c"])
        #expect(later.extends(count: earlier.count, digest: earlier.digest))
        #expect(later.extends(count: later.count, digest: later.digest))
        #expect(!earlier.extends(count: later.count, digest: later.digest))  // rolled back: lost "c"
        var other = StatusIndices()
        other.assign(["a", "x"])
        #expect(!other.extends(count: earlier.count, digest: earlier.digest))  // numbered anew
    }
}
