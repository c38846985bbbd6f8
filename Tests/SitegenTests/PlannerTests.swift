import SitegenModel
import SitegenPlan
import SitegenSource
import Testing

/// The plan is the one place that decides what is published.
struct PlannerTests {
    static func plan(_ holders: String, today: String = "2025-01-01") throws -> SitePlan {
        var files = FixtureSite.base
        files["Content/holders/h1.yaml"] = nil
        files["Content/badges/b2.yaml"] = "name: B2\ndescription: D\nimage: images/b1.svg\ncriteria: {narrative: N}\nvalidity_days: 365\n"
        files["Content/holders.json"] = holders
        let fileSystem = InMemoryFileSystem(files)
        let (tree, _) = ContentLoader(fileSystem: fileSystem, root: "Content").load()
        let (content, diagnostics) = ContentDecoder(fileSystem: fileSystem, root: "Content").decode(tree)
        #expect(!diagnostics.hasErrors, "\(diagnostics.sorted)")
        return Planner(today: try #require(Day(iso: today)), secret: Array("secret".utf8)).plan(try #require(content))
    }

    @Test func privacyAndAcceptanceDecideWhatIsPublished() throws {
        let plan = try Self.plan("""
        [{"id": "pub", "name": "Pub", "email": "pub@example.org", "awards": [{"badge": "b1", "issued_on": "2024-01-01", "id": "shown"},
           {"badge": "b2", "issued_on": "2024-01-01", "id": "private-award", "visibility": "private"},
           {"badge": "b2", "issued_on": "2024-02-01", "id": "pending-award", "status": "pending"},
           {"badge": "b2", "issued_on": "2024-03-01", "id": "declined-award", "status": "declined"}]},
         {"id": "hidden", "name": "Hidden", "email": "hidden@example.org", "visibility": "private",
          "awards": [{"badge": "b1", "issued_on": "2024-01-01", "id": "hidden-award", "visibility": "public"}]},
         {"id": "auto", "name": "Auto", "email": "auto@example.org", "auto_accept": true,
          "awards": [{"badge": "b1", "issued_on": "2024-01-01", "id": "auto-award", "status": "pending"}]},
         {"id": "revoked-only", "name": "Rev", "email": "rev@example.org",
          "awards": [{"badge": "b1", "issued_on": "2024-01-01", "id": "gone", "revoked": "cheating"}]}]
        """)
        #expect(plan.awards.map(\.id) == ["shown", "auto-award", "gone"])
        #expect(plan.holders.map(\.id) == ["pub", "auto"])
        let revoked = try #require(plan.awards.last)
        #expect(!revoked.isListed && !revoked.holder.hasProfile)
        #expect(plan.badges[0].listedAwards == [0, 1])
    }

    @Test func expiryComesFromTheAwardOrTheBadgeValidity() throws {
        let plan = try Self.plan("""
        [{"id": "a", "name": "A", "email": "a@example.org", "awards": [{"badge": "b2", "issued_on": "2023-06-01", "id": "old"},
          {"badge": "b2", "issued_on": "2024-06-01", "id": "new"}, {"badge": "b1", "issued_on": "2024-06-01", "expires_on": "2025-01-01", "id": "today"}]}]
        """)
        let byID = Dictionary(uniqueKeysWithValues: plan.awards.map { ($0.id, $0) })
        #expect(byID["old"]?.expiresOn?.description == "2024-05-31" && byID["old"]?.isExpired == true)
        #expect(byID["new"]?.expiresOn?.description == "2025-06-01" && byID["new"]?.isExpired == false)
        #expect(byID["today"]?.isExpired == true)
    }

    @Test func recipientsAreSaltedHashesStableAcrossBuilds() throws {
        let holders = #"[{"id": "a", "name": "A", "email": " Ann@Example.org ", "awards": [{"badge": "b1", "issued_on": "2024-01-01"}]}]"#
        let first = try Self.plan(holders).awards[0].recipient
        let again = try Self.plan(holders).awards[0].recipient
        #expect(first == again)
        #expect(first.identity.hasPrefix("sha256$") && first.identity.count == 7 + 64)
        #expect(first.salt.count == 32)
        // identity = sha256(lowercased trimmed email + salt)
        let expected = "sha256$" + hexString(SHA256.hash(Array(("ann@example.org" + first.salt).utf8)))
        #expect(first.identity == expected)
    }

    /// Salts and identities are published in every assertion: they must never change for the same
    /// secret, award and email. Expected values from Python's hmac and hashlib; the second award
    /// takes both hashes past one SHA-256 block.
    @Test func recipientsMatchAnIndependentImplementation() throws {
        let longID = "a-long-award-identifier-taking-the-salt-message-past-a-block"
        let plan = try Self.plan("""
        [{"id": "a", "name": "A", "email": "ann@example.org", "awards": [{"badge": "b1", "issued_on": "2024-01-01", "id": "award-1"}]},
         {"id": "b", "name": "B", "email": "someone.with.a.long.address@example.org",
          "awards": [{"badge": "b1", "issued_on": "2024-01-01", "id": "\(longID)"}]}]
        """)
        #expect(plan.awards.map(\.id) == ["award-1", longID])
        #expect(plan.awards[0].recipient.salt == "bece44818a205e9da86cf6227167d9a4")
        #expect(plan.awards[0].recipient.identity
            == "sha256$aa34995328510e3b9090e38c1cbe44a227f702d2b10df486a8fd8a65eafff0ba")
        #expect(plan.awards[1].recipient.salt == "5f8797fcc014ff62bc78b8a5904b50f7")
        #expect(plan.awards[1].recipient.identity
            == "sha256$2c381d8e0fd1306fe4b0fe598be18e226586b7c82b42c5da7830f314f2189e2d")
    }
}

import SitegenDigest
