@testable import SitegenModel
import SitegenPlan
import SitegenSource
import Testing
@testable import SitegenRender

/// Output keys digest the plan's records through their own encodings: each field of an award
/// moves its key, and what the records leave out (positions, award indices) does not.
@Suite struct KeyEncoderTests {
    static var award: PublishedAward { PageFixture.shared.plan.awards[PageFixture.shared.award("a-ja")] }

    @Test func everyFieldOfAnAwardMovesItsKey() {
        let base = KeyEncoder.key(of: Self.award)
        let day = Day(year: 2020, month: 2, day: 29)!
        let changes: [(String, (inout PublishedAward) -> Void)] = [
            ("id", { $0.id += "x" }),
            ("badge", { $0.badgeIndex += 1 }),
            ("holder id", { $0.holder.id += "x" }),
            ("holder name", { $0.holder.name = LocalizedText("Other", locale: "en") }),
            ("holder name locale", { $0.holder.name = LocalizedText($0.holder.name.text(in: "en", fallback: "en"), locale: "ja") }),
            ("holder locale", { $0.holder.locale = "fr" }),
            ("profile", { $0.holder.hasProfile.toggle() }),
            ("salt", { $0.recipient.salt += "x" }),
            ("identity", { $0.recipient.identity += "x" }),
            ("issued", { $0.issuedOn = day }),
            ("expires", { $0.expiresOn = nil }),
            ("expired", { $0.isExpired.toggle() }),
            ("evidence", { $0.evidence.append(Evidence(url: "https://e.example/", narrative: nil)) }),
            ("revoked", { $0.revocation = Revocation(reason: "r", date: nil) }),
            ("status index", { $0.statusIndex += 1 }),
        ]
        var keys: Set<String> = [base.description]
        for (name, change) in changes {
            var award = Self.award
            change(&award)
            let key = KeyEncoder.key(of: award)
            #expect(key != base, "\(name) left the key as it was")
            keys.insert(key.description)
        }
        #expect(keys.count == changes.count + 1, "two different changes gave one key")
        #expect(KeyEncoder.key(of: Self.award) == base)
    }

    /// An evidence item moved from one field to the next is another award: lists and optionals
    /// are marked, not just concatenated.
    @Test func structureIsPartOfTheKey() {
        var one = Self.award
        one.evidence = [Evidence(url: "https://a.example/", narrative: nil), Evidence(url: nil, narrative: LocalizedText("b", locale: "en"))]
        var other = Self.award
        other.evidence = [Evidence(url: "https://a.example/", narrative: LocalizedText("b", locale: "en"))]
        #expect(KeyEncoder.key(of: one) != KeyEncoder.key(of: other))
    }

    /// `KeyEncoder` digests some types without asking them to encode: the bytes must be those
    /// their own `encode(to:)` gives, which `Through` calls as any other type's.
    @Test func fastPathsDigestAsTheTypesOwnEncodings() {
        struct Through<Value: Encodable>: Encodable {
            var value: Value
            func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
        }
        let day = Day(year: 2024, month: 2, day: 29)!
        let one = LocalizedText("Ada", locale: "en")
        let many = LocalizedText(entries: [.init(locale: "en", text: "Ada"), .init(locale: "ja", text: "エイダ")])
        #expect(KeyEncoder.key(of: day) == KeyEncoder.key(of: Through(value: day)))
        #expect(KeyEncoder.key(of: one) == KeyEncoder.key(of: Through(value: one)))
        #expect(KeyEncoder.key(of: many) == KeyEncoder.key(of: Through(value: many)))
        #expect(KeyEncoder.key(of: many) != KeyEncoder.key(of: one))
    }

    @Test func positionsAndAwardIndicesAreLeftOut() {
        let badge = PageFixture.shared.plan.badges[0]
        var moved = badge
        moved.badge.location = SourceLocation(fileID: 9, line: 99, column: 9)
        moved.badge.image.location = SourceLocation(fileID: 9, line: 98, column: 1)
        moved.listedAwards = moved.listedAwards.map { $0 + 1000 }
        #expect(KeyEncoder.key(of: moved) == KeyEncoder.key(of: badge))
        moved.badge.id += "x"
        #expect(KeyEncoder.key(of: moved) != KeyEncoder.key(of: badge))
    }
}
