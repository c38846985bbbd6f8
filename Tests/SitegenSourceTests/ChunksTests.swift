import Foundation
import SitegenSource
import Testing

@Suite struct ChunksTests {
    @Test func runsCoverEveryItemOnceInOrder() {
        #expect(Chunks(count: 0, size: 4).parts == 0)
        let chunks = Chunks(count: 9, size: 4)
        #expect(chunks.parts == 3)
        #expect((0..<chunks.parts).map(chunks.range) == [0..<4, 4..<8, 8..<9])
    }

    /// On one thread or many, `forEach` hands each run to `body` exactly once.
    @Test(arguments: [1, 4])
    func forEachVisitsEveryRunOnce(threads: Int) {
        let chunks = Chunks(count: 10_001, size: 100)
        let seen = ResultSlots<Range<Int>>(count: chunks.parts)
        chunks.forEach(threads: threads) { part, items in seen[part] = items }
        #expect(seen.values.map { $0! } == (0..<chunks.parts).map(chunks.range))
    }
}
