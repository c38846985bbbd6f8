import Foundation
import Testing
@testable import Sitegen
import SitegenCompress
import SitegenPlan
import SitegenRender
import SitegenSignature
import SitegenWrite

/// Revocation status lists in real builds: the bit of every revoked award set and no other, an
/// award's index kept whatever happens to the content files, and a lost or damaged index record
/// refused rather than renumbered.
@Suite(.serialized)
struct StatusListBuildTests {
    static func json(_ bytes: [UInt8]?) throws -> [String: Any] {
        let bytes = try #require(bytes)
        return try #require(JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    /// Status list index of every credential in a built site, by award id.
    static func indices(_ files: [String: [UInt8]]) throws -> [String: Int] {
        var indices: [String: Int] = [:]
        for (path, bytes) in files where path.hasSuffix("/credential.json") {
            let status = try #require(try json(bytes)["credentialStatus"] as? [String: Any])
            indices[String(path.split(separator: "/")[1])] = Int(try #require(status["statusListIndex"] as? String))
        }
        return indices
    }

    @Test func theListSetsTheBitOfEveryRevokedAwardAndNoOther() throws {
        let folder = TemporaryFolder()
        let output = folder.sub("out")
        #expect(SiteBuild.run(SampleSite.options(output: output)).succeeded)
        let files = readTree(output)
        let list = try Self.json(files["status/1.json"])
        let subject = try #require(list["credentialSubject"] as? [String: Any])
        #expect(subject["statusPurpose"] as? String == "revocation")
        let encoded = try #require(subject["encodedList"] as? String)
        let (base, gzipped) = try Multibase.decode(encoded)
        #expect(base == .base64url)
        let bits = try GzipStream.decompress(gzipped, limit: 1 << 20)
        #expect(bits.count * 8 == StatusListCredentials.size)
        var set = Set<Int>()
        for (byte, value) in bits.enumerated() where value != 0 {
            for bit in 0..<8 where value & (0x80 >> UInt8(bit)) != 0 { set.insert(byte * 8 + bit) }
        }
        let indices = try Self.indices(files)
        let revoked = Set(indices.filter { id, _ in
            String(decoding: files["awards/\(id).json"] ?? [], as: UTF8.self).contains("\"revoked\": true")
        }.values)
        #expect(revoked.count >= 2)
        #expect(set == revoked)
        #expect(Set(indices.values).count == indices.count, "every award has an index of its own")
    }

    /// Issue 14: every award keeps its index through 1,000 holders added, 10 removed, the
    /// holders export reordered, files renamed and a shard build; no index is reused.
    @Test func indicesSurviveReorderingDeletionAdditionAndShardsAndAreNeverReused() throws {
        let folder = TemporaryFolder()
        let content = try SampleSite.copy(to: folder.path)
        try? FileManager.default.removeItem(atPath: content + "/" + StatusIndices.fileName)
        let output = folder.sub("out")
        let options = SampleSite.options(output: output, content: content)
        let first = SiteBuild.run(options)
        #expect(first.succeeded)
        #expect(first.notes.contains { $0.contains(StatusIndices.fileName) })
        let before = try Self.indices(readTree(output))

        // The export in another order.
        let exportPath = content + "/holders.json"
        let export = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: exportPath))) as? [Any])
        try JSONSerialization.data(withJSONObject: Array(export.reversed()), options: [.prettyPrinted])
            .write(to: URL(fileURLWithPath: exportPath))
        // A holder's file renamed, its id kept: the same holder, so the same awards.
        let yuki = try String(contentsOfFile: content + "/holders/yuki-tanaka.yaml", encoding: .utf8)
        try FileManager.default.removeItem(atPath: content + "/holders/yuki-tanaka.yaml")
        try ("id: yuki-tanaka\n" + yuki).write(toFile: content + "/holders/zz-yuki.yaml", atomically: true, encoding: .utf8)
        // Ten holders removed (kept aside to come back later), a thousand added.
        let holderFiles = try FileManager.default.contentsOfDirectory(atPath: content + "/holders")
            .filter { $0.hasSuffix(".yaml") && $0 != "zz-yuki.yaml" }.sorted().prefix(10)
        #expect(holderFiles.count == 10)
        var removed: [String: String] = [:]
        for name in holderFiles {
            removed[name] = try String(contentsOfFile: content + "/holders/" + name, encoding: .utf8)
            try FileManager.default.removeItem(atPath: content + "/holders/" + name)
        }
        let added = (0..<1000).map { n in
            "{\"id\": \"new-\(n)\", \"name\": \"New Holder \(n)\", \"email\": \"new\(n)@example.org\", \"awards\": [{\"badge\": \"cloud-fundamentals\", \"issued_on\": \"2026-10-\(10 + n % 18)\"}]}"
        }
        try ("[\n" + added.joined(separator: ",\n") + "\n]\n").write(toFile: content + "/holders/new-holders.json", atomically: true, encoding: .utf8)
        #expect(SiteBuild.run(options).succeeded)
        let after = try Self.indices(readTree(output))
        for (id, index) in after where before[id] != nil { #expect(before[id] == index, "\(id) moved") }
        let new = after.filter { before[$0.key] == nil }
        #expect(new.count == 1000)
        #expect(new.values.allSatisfy { $0 >= before.count }, "a new award takes a fresh index, never a removed one's")
        #expect(Set(after.values).count == after.count)
        #expect(before.keys.filter { after[$0] == nil }.count >= 10, "the removed holders' awards are gone")

        // A shard of the same content numbers alike, into a folder of its own.
        var shard = options
        shard.outputDirectory = folder.sub("shard")
        shard.shard = Shard(index: 2, count: 3)
        #expect(SiteBuild.run(shard).succeeded)
        let sharded = try Self.indices(readTree(shard.outputDirectory))
        #expect(!sharded.isEmpty)
        for (id, index) in sharded { #expect(after[id] == index, "\(id) numbered differently in a shard") }

        // The removed holders come back: their awards get their old indices again.
        for (name, text) in removed { try text.write(toFile: content + "/holders/" + name, atomically: true, encoding: .utf8) }
        #expect(SiteBuild.run(options).succeeded)
        let back = try Self.indices(readTree(output))
        for (id, index) in back where before[id] != nil { #expect(before[id] == index) }
    }

    @Test func aLostOrDamagedRecordIsRefusedAndNothingIsWritten() throws {
        let folder = TemporaryFolder()
        let content = try SampleSite.copy(to: folder.path)
        let output = folder.sub("out")
        let options = SampleSite.options(output: output, content: content)
        #expect(SiteBuild.run(options).succeeded)
        let built = readTree(output)
        let record = content + "/" + StatusIndices.fileName
        let saved = try String(contentsOfFile: record, encoding: .utf8)

        try FileManager.default.removeItem(atPath: record)
        let lost = SiteBuild.run(options)
        #expect(!lost.succeeded)
        #expect(lost.diagnostics.all.contains { $0.message.contains("is missing") && $0.message.contains("restore it") })
        #expect(readTree(output) == built)
        #expect(!FileManager.default.fileExists(atPath: record), "not numbered anew")

        // Renumbered from scratch in another order: refused too.
        let ids = try Self.indices(built).keys.sorted()
        var other = StatusIndices()
        other.assign(ids.dropFirst())
        other.assign([ids[0]])
        try Data(other.serialized()).write(to: URL(fileURLWithPath: record))
        let renumbered = SiteBuild.run(options)
        #expect(!renumbered.succeeded)
        #expect(readTree(output) == built)

        // Edited by hand: a located error.
        try saved.replacingOccurrences(of: "\n3\t", with: "\n4\t").write(toFile: record, atomically: true, encoding: .utf8)
        let damaged = SiteBuild.run(options)
        #expect(damaged.diagnostics.all.contains { $0.location?.file.hasSuffix(StatusIndices.fileName) == true && $0.message.contains("damaged") })
        #expect(readTree(output) == built)

        try saved.write(toFile: record, atomically: true, encoding: .utf8)
        #expect(SiteBuild.run(options).succeeded)
    }
}
