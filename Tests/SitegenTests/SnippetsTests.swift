import Foundation
import Testing
@testable import Sitegen

struct SnippetsTests {
    static let hostile = "<script>alert(1)</script>\"'&"

    static func run(_ format: SnippetFormat, ids: [String] = []) -> SnippetsCommand.Output {
        let files: [String: String?] = ["Content/holders/h1.yaml": """
        name: '\(hostile.replacingOccurrences(of: "'", with: "''"))'
        email: ann@example.org
        locale: fr
        awards:
          - badge: b1
            issued_on: 2024-05-01
            expires_on: 2027-05-31
            id: a1

        """]
        var options = FixtureSite.options(FixtureSite.fileSystem(files))
        options.date = .init(year: 2025, month: 1, day: 1)
        return SnippetsCommand.run(options, format: format, ids: ids)
    }

    @Test func shareLinksAreEncodedAndSnippetsEscaped() throws {
        let output = Self.run(.json)
        #expect(!output.diagnostics.hasErrors, "\(output.diagnostics.sorted)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(output.text.utf8)) as? [[String: String]])
        let row = try #require(rows.first)
        #expect(row["url"] == "https://badges.example.org/awards/a1/")
        #expect(row["linkedin_add_to_profile"] == "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=Badge%20One&organizationName=Acme%20Training&issueYear=2024&issueMonth=5&expirationYear=2027&expirationMonth=5&certUrl=https%3A%2F%2Fbadges.example.org%2Fawards%2Fa1%2F&certId=a1")
        #expect(row["linkedin_post"] == "https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fbadges.example.org%2Fawards%2Fa1%2F")
        #expect(row["facebook"] == "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fbadges.example.org%2Fawards%2Fa1%2F")
        let x = try #require(row["x"])
        #expect(x.hasPrefix("https://twitter.com/intent/tweet?text=") && x.hasSuffix("&url=https%3A%2F%2Fbadges.example.org%2Fawards%2Fa1%2F"))
        for key in ["linkedin_add_to_profile", "x", "email_share", "facebook"] {
            #expect(!(row[key] ?? "").contains("<") && !(row[key] ?? "").contains(" "), "\(key)")
        }
        let iframe = try #require(row["iframe"])
        #expect(iframe.hasPrefix("<iframe src=\"https://badges.example.org/awards/a1/embed.html\" width=\"340\" height=\"360\" title=\""))
        #expect(iframe.hasSuffix("\" loading=\"lazy\" style=\"border:0\"></iframe>"))
        #expect(iframe.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;"))
        #expect(!iframe.contains("<script>"))
        let signature = try #require(row["email_signature"])
        #expect(signature.hasPrefix("<a href=\"https://badges.example.org/awards/a1/\"><img src=\"https://badges.example.org/awards/a1/badge.svg\" alt=\""))
        #expect(signature.hasSuffix("\" width=\"120\" height=\"120\"></a>"))
        #expect(signature.contains("&lt;script&gt;") && !signature.contains("<script>"))
        #expect(row["markdown"]?.hasSuffix("](https://badges.example.org/awards/a1/badge.svg)](https://badges.example.org/awards/a1/)") == true)
        #expect(row["markdown"]?.contains("\\<script\\>alert\\(1\\)") == true)
    }

    @Test func csvCarriesTheEmailOnlyThereAndQuotes() throws {
        let csv = Self.run(.csv).text
        let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        try #require(lines.count == 2)
        #expect(lines[1].hasPrefix("ann@example.org,a1,h1,"))
        #expect(lines[1].contains("\"<script>alert(1)</script>\"\"'&\""))
        #expect(!Self.run(.text).text.contains("ann@example.org"))
        #expect(!Self.run(.json).text.contains("ann@example.org"))
    }

    @Test func unknownIdsAreErrors() {
        let output = Self.run(.text, ids: ["nobody"])
        #expect(output.diagnostics.sorted.map(\.description).contains("sitegen: error: no published award or holder 'nobody'"))
    }
}

import SitegenRender
