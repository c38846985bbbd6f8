import Testing
import SitegenCompress
import SitegenDigest

/// Pieces compressed on their own, joined in any combination and closed, inflate to the joined
/// data; their Adler-32s combine to the whole's.
struct PieceTests {
    @Test func piecesJoinIntoOneStream() throws {
        let a = SampleData.text(40_000), b = [UInt8](repeating: 7, count: 70_000), c: [UInt8] = []
        let d = SampleData.random(5_000)
        let pieces = [a, b, c, d].map { Deflate.compressPiece($0, level: .fastest) }
        for order in [[0, 1, 2, 3], [3, 1, 0], [1, 1, 2], [2]] {
            let stream = order.flatMap { pieces[$0] } + Deflate.finalEmptyBlock
            let expected = order.flatMap { [a, b, c, d][$0] }
            #expect(try Inflate.decompress(stream) == expected)
        }
    }

    @Test func adlerCombinesLikeTheWhole() {
        let a = SampleData.text(12_345), b = SampleData.random(70_001)
        #expect(Adler32.combine(Adler32.checksum(a), Adler32.checksum(b), secondLength: b.count) == Adler32.checksum(a + b))
        #expect(Adler32.combine(Adler32.checksum(a), Adler32.checksum([]), secondLength: 0) == Adler32.checksum(a))
        #expect(Adler32.combine(1, Adler32.checksum(b), secondLength: b.count) == Adler32.checksum(b))
    }
}
