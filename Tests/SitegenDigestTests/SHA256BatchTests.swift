import Testing
@testable import SitegenDigest

/// Messages hashed side by side give the digests they give alone, whatever their lengths and
/// however many there are (lanes left idle, lengths straddling the padding boundary).
@Suite struct SHA256BatchTests {
    @Test(arguments: [0, 1, 2, 3, 4, 5, 7, 8, 9], SHA256.Engine.available)
    func sameDigestsAsOneByOne(count: Int, engine: SHA256.Engine) {
        let lengths = [0, 1, 55, 56, 63, 64, 65, 119, 120, 128, 300, 700, 2]
        let messages: [[UInt8]] = (0..<count).map { index in
            (0..<lengths[(index * 5 + count) % lengths.count]).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) }
        }
        let expected = messages.map { SHA256.hash($0) }
        // All messages in one buffer, each a slice of it.
        let joined = Array(messages.joined())
        var ranges: [Range<Int>] = []
        for message in messages { ranges.append((ranges.last?.upperBound ?? 0)..<((ranges.last?.upperBound ?? 0) + message.count)) }
        let digests = joined.withUnsafeBytes { buffer in
            SHA256.digests(of: ranges.map { UnsafeRawBufferPointer(rebasing: buffer[$0]) }, engine: engine)
        }
        #expect(digests.map(\.bytes) == expected)
    }

    @Test(arguments: SHA256.Engine.available)
    func knownAnswer(engine: SHA256.Engine) {
        let abc = Array("abc".utf8)
        let empty: [UInt8] = []
        let digests = abc.withUnsafeBytes { abc in
            empty.withUnsafeBytes { empty in SHA256.digests(of: [abc, empty, abc], engine: engine) }
        }
        #expect(hexString(digests[0].bytes) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hexString(digests[1].bytes) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(digests[2] == digests[0])
    }
}
