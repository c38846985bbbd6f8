import SitegenDigest
import SitegenSource

/// The id of an award that has none written: the first 10 bytes, in hex, of SHA-256 over
/// "sitegen-award\0" + holder id + "\0" + badge id + "\0" + issued_on. Stable across builds,
/// and a one-way function of ids and a date: the URL says nothing about the holder.
extension ContentDecoder {
    private static let idByteCount = 10

    /// The message of one award's id, fed to a hasher without building it.
    private static func derivedIDHasher(holder: String, badge: String, issuedOn: Day) -> SHA256 {
        var hasher = SHA256()
        let label: StaticString = "sitegen-award\u{0}"
        label.withUTF8Buffer { hasher.update(UnsafeRawBufferPointer($0)) }
        var holder = holder, badge = badge
        holder.withUTF8 { hasher.update(UnsafeRawBufferPointer($0)) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 + Day.digitCount) { buffer in
            let base = buffer.baseAddress!
            base[0] = 0
            hasher.update(UnsafeRawBufferPointer(start: base, count: 1))
            badge.withUTF8 { hasher.update(UnsafeRawBufferPointer($0)) }
            base[1] = 0
            issuedOn.write(to: base + 2)
            hasher.update(UnsafeRawBufferPointer(start: base + 1, count: 1 + Day.digitCount))
        }
        return hasher
    }

    private static func hexString(_ digest: SHA256.Digest, byteCount: Int) -> String {
        digest.withUnsafeBytes { SitegenDigest.hexString(UnsafeRawBufferPointer(rebasing: $0[..<byteCount])) }
    }

    /// Sets the id of every award decoded without one. One per award of a big site, so the
    /// holders are split over every core, and each core hashes its awards a batch at a time, four
    /// in SIMD lanes (`SHA256.finish(_:into:)`), with no allocation but the ids.
    static func fillDerivedAwardIDs(_ holders: inout [Holder]) {
        let chunks = Chunks(count: holders.count, size: 2048)
        holders.withUnsafeMutableBufferPointer { buffer in
            // Each part writes only its own holders' awards.
            nonisolated(unsafe) let holders = buffer
            chunks.forEach { _, chunk in fillDerivedAwardIDs(UnsafeMutableBufferPointer(rebasing: holders[chunk])) }
        }
    }

    /// Awards hashed together: enough to fill the lanes, few enough for the hashers to stay in
    /// the L1 cache.
    private static let batchSize = 16

    private static func fillDerivedAwardIDs(_ holders: UnsafeMutableBufferPointer<Holder>) {
        withUnsafeTemporaryAllocation(of: SHA256.self, capacity: batchSize) { hashers in
            withUnsafeTemporaryAllocation(of: SHA256.Digest.self, capacity: batchSize) { digests in
                withUnsafeTemporaryAllocation(of: (holder: Int, award: Int).self, capacity: batchSize) { places in
                    var pending = 0
                    func flush() {
                        SHA256.finish(UnsafeMutableBufferPointer(rebasing: hashers[..<pending]), into: digests)
                        for index in 0..<pending {
                            let place = places[index]
                            holders[place.holder].awards[place.award].id = hexString(digests[index], byteCount: idByteCount)
                        }
                        pending = 0
                    }
                    for holder in holders.indices {
                        for award in holders[holder].awards.indices where !holders[holder].awards[award].hasExplicitID {
                            hashers.initializeElement(at: pending, to: derivedIDHasher(
                                holder: holders[holder].id, badge: holders[holder].awards[award].badge.id,
                                issuedOn: holders[holder].awards[award].issuedOn))
                            places.initializeElement(at: pending, to: (holder, award))
                            pending += 1
                            if pending == batchSize { flush() }
                        }
                    }
                    if pending > 0 { flush() }
                }
            }
        }
    }
}
