import SitegenDigest
import Testing
@testable import SitegenRender

/// Output keys are stored in the manifest: however `KeyDigest` gathers fields before hashing
/// them, its digest must be that of the fields fed to SipHash one by one.
@Suite struct KeyDigestTests {
    /// The digest as it was made before fields were gathered: each field straight to the hasher.
    struct Unbuffered {
        var hasher = SipHash128(key0: 0x7469_7365_6e65_6700, key1: 0x7379_656b_2d74_7570)
        mutating func add(_ number: Int) {
            hasher.update(UInt64(8))
            hasher.update(UInt64(bitPattern: Int64(number)))
        }
        mutating func add(_ bytes: [UInt8]) {
            hasher.update(UInt64(bytes.count))
            hasher.update(bytes)
        }
        mutating func add(_ digest: Digest128) {
            hasher.update(UInt64(16))
            hasher.update(digest.first)
            hasher.update(digest.second)
        }
    }

    /// Fields of many sizes, so the 512-byte block fills at every offset, plus fields bigger
    /// than the block (images) and one that fills it exactly.
    @Test func sameDigestAsFieldsFedOneByOne() {
        let sizes = [0, 1, 7, 8, 9, 15, 16, 31, 100, 200, 487, 488, 496, 511, 512, 513, 1000, 3, 5000, 64]
        for start in 0..<24 {
            var gathered = KeyDigest(), reference = Unbuffered()
            for (turn, size) in (sizes[(start % sizes.count)...] + sizes).enumerated() {
                let field = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ turn) }
                gathered.add(field)
                reference.add(field)
                gathered.add(turn - 3)
                reference.add(turn - 3)
                if turn % 3 == 0 {
                    let digest = Digest128(first: UInt64(turn), second: ~UInt64(turn))
                    gathered.add(digest)
                    reference.add(digest)
                }
                gathered.add(String(repeating: "é", count: turn))
                reference.add(Array(String(repeating: "é", count: turn).utf8))
            }
            #expect(gathered.finalize() == reference.hasher.finalize(), "start \(start)")
        }
    }
}
