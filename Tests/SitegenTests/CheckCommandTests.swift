import Testing
@testable import Sitegen

/// `sitegen check` on small broken content folders, one defect each: every one is reported as
/// `file:line:column: error: message`, and none crashes.
struct CheckCommandTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var files: [String: String?]
        var expected: String
        var testDescription: String { name }
    }

    static let holder = "Content/holders/h1.yaml"
    static let badge = "Content/badges/b1.yaml"

    static func holderWith(_ extra: String, award: String = "") -> String {
        "name: Ann Example\nemail: ann@example.org\n\(extra)awards:\n  - badge: b1\n    issued_on: 2024-05-01\n\(award)"
    }

    static func badgeWith(_ extra: String) -> String {
        "name: Badge One\ndescription: A first badge.\nimage: images/b1.svg\ncriteria:\n  narrative: Do the thing.\n\(extra)"
    }

    static func svg(_ body: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\">\(body)</svg>\n"
    }

    static let cases: [Case] = [
        // Issue 16: what site.yaml names is reported where it names it.
        Case(name: "unknown site issuer",
             files: ["Content/site.yaml": "title: Test Site\nbase_url: https://badges.example.org/\ndefault_locale: en\nissuer: nobody\n"],
             expected: "Content/site.yaml:4:9: error: unknown issuer 'nobody'"),
        Case(name: "unknown theme",
             files: ["Content/site.yaml": "title: Test Site\nbase_url: https://badges.example.org/\ndefault_locale: en\nissuer: acme\ntheme: nosuch\n"],
             expected: "Content/site.yaml:5:8: error: theme 'nosuch' not found: no folder Themes/nosuch"),
        Case(name: "misspelt key", files: [holder: holderWith("visibilty: private\n")],
             expected: "Content/holders/h1.yaml:3:1: error: unknown key 'visibilty' in holder; did you mean 'visibility'?"),
        Case(name: "impossible date", files: [holder: holderWith("").replacingOccurrences(of: "2024-05-01", with: "2024-02-30")],
             expected: "Content/holders/h1.yaml:5:16: error: 'issued_on' 2024-02-30 is not a real calendar date"),
        Case(name: "date in another format", files: [holder: holderWith("").replacingOccurrences(of: "2024-05-01", with: "1 May 2024")],
             expected: "Content/holders/h1.yaml:5:16: error: 'issued_on' must be a date written YYYY-MM-DD, found '1 May 2024'"),
        Case(name: "javascript URL", files: ["Content/issuers/acme.yaml": "name: Acme\nurl: javascript:alert(1)\n"],
             expected: "Content/issuers/acme.yaml:2:6: error: 'url' must be an absolute http or https URL, found 'javascript:alert(1)'"),
        Case(name: "relative criteria URL", files: [badge: badgeWith("").replacingOccurrences(of: "narrative: Do the thing.", with: "url: /criteria/b1")],
             expected: "Content/badges/b1.yaml:5:8: error: 'criteria.url' must be an absolute http or https URL, found '/criteria/b1'"),
        Case(name: "path traversal id", files: [holder: "id: ../x\n" + holderWith("")],
             expected: "Content/holders/h1.yaml:1:5: error: 'id' '../x' is not a valid id: use 1 to 64 characters a-z, 0-9, '.', '_', '-', starting with a letter or digit"),
        Case(name: "id with a slash", files: [holder: "id: a/b\n" + holderWith("")],
             expected: "Content/holders/h1.yaml:1:5: error: 'id' 'a/b' is not a valid id: use 1 to 64 characters a-z, 0-9, '.', '_', '-', starting with a letter or digit"),
        Case(name: "file name that is no id", files: [holder: nil, "Content/holders/Ann Smith.yaml": holderWith("")],
             expected: "Content/holders/Ann Smith.yaml:1:1: error: the file name 'Ann Smith' is not a valid id; rename the file or set 'id' (1 to 64 characters a-z, 0-9, '.', '_', '-', starting with a letter or digit)"),
        Case(name: "implausible email", files: [holder: holderWith("").replacingOccurrences(of: "ann@example.org", with: "ann at example")],
             expected: "Content/holders/h1.yaml:2:8: error: 'email' is not a plausible email address: 'ann at example'"),
        Case(name: "unknown badge", files: [holder: holderWith("").replacingOccurrences(of: "badge: b1", with: "badge: b2")],
             expected: "Content/holders/h1.yaml:4:12: error: unknown badge 'b2'; did you mean 'b1'?"),
        Case(name: "unknown issuer", files: [badge: badgeWith("issuer: acne\n")],
             expected: "Content/badges/b1.yaml:6:9: error: unknown issuer 'acne'; did you mean 'acme'?"),
        Case(name: "requires an unknown badge", files: [badge: badgeWith("requires: [e9]\n")],
             expected: "Content/badges/b1.yaml:6:12: error: unknown badge 'e9'"),
        Case(name: "requires a certification", files: [badge: badgeWith("requires: [b1]\n")],
             expected: "Content/badges/b1.yaml:6:12: error: 'requires' lists 'b1', which is a certification, not an exam"),
        Case(name: "exam with requires", files: ["Content/badges/e1.yaml": badgeWith("kind: exam\nrequires: [b1]\n")],
             expected: "Content/badges/e1.yaml:7:12: error: only a certification can have 'requires'; 'e1' is an exam"),
        Case(name: "duplicate holder id", files: ["Content/holders.json": #"[{"id": "h1", "name": "Bob", "email": "bob@example.org"}]"#],
             expected: "Content/holders.json:1:2: error: duplicate holder id 'h1' (first defined at Content/holders/h1.yaml:1:1)"),
        Case(name: "duplicate badge id", files: ["Content/badges.yaml": "- id: b1\n  name: B\n  description: D\n  image: images/b1.svg\n  criteria: {narrative: N}\n"],
             expected: "Content/badges.yaml:1:3: error: duplicate badge id 'b1' (first defined at Content/badges/b1.yaml:1:1)"),
        Case(name: "duplicate award id", files: [holder: holderWith("", award: "    id: a1\n  - badge: b1\n    issued_on: 2024-06-01\n    id: a1\n")],
             expected: "Content/holders/h1.yaml:7:5: error: duplicate award id 'a1' (first defined at Content/holders/h1.yaml:4:5)"),
        Case(name: "expiry before issue", files: [holder: holderWith("", award: "    expires_on: 2024-04-30\n")],
             expected: "Content/holders/h1.yaml:6:17: error: 'expires_on' 2024-04-30 is before 'issued_on' 2024-05-01"),
        Case(name: "missing image", files: ["Content/images/b1.svg": nil],
             expected: "Content/badges/b1.yaml:3:8: error: 'image' file 'images/b1.svg' does not exist in Content"),
        Case(name: "image that is neither PNG nor SVG", files: ["Content/images/b1.svg": "GIF89a not really"],
             expected: "Content/badges/b1.yaml:3:8: error: 'image' file 'images/b1.svg' is not a PNG or SVG image"),
        Case(name: "image outside the content folder", files: [badge: badgeWith("").replacingOccurrences(of: "images/b1.svg", with: "../secret.svg")],
             expected: "Content/badges/b1.yaml:3:8: error: 'image' must be a path inside the content folder, like images/badge.png; found '../secret.svg'"),
        Case(name: "SVG with a script", files: ["Content/images/b1.svg": svg("<script>alert(1)</script>")],
             expected: "Content/badges/b1.yaml:3:8: error: 'image' file 'images/b1.svg' is unsafe to publish: it contains a <script> element"),
        Case(name: "SVG with an event handler", files: ["Content/images/b1.svg": svg("<circle r=\"3\" onload=\"alert(1)\"/>")],
             expected: "Content/badges/b1.yaml:3:8: error: 'image' file 'images/b1.svg' is unsafe to publish: it contains an event-handler attribute (onload)"),
        Case(name: "SVG with foreignObject", files: ["Content/images/b1.svg": svg("<foreignObject><p>x</p></foreignObject>")],
             expected: "Content/badges/b1.yaml:3:8: error: 'image' file 'images/b1.svg' is unsafe to publish: it contains a <foreignObject> element"),
        Case(name: "SVG with a javascript link", files: ["Content/images/b1.svg": svg("<a href=\"java script:alert(1)\"><circle r=\"3\"/></a>")],
             expected: "Content/badges/b1.yaml:3:8: error: 'image' file 'images/b1.svg' is unsafe to publish: it contains a javascript: link"),
        Case(name: "awards that are not a list", files: [holder: "name: Ann\nemail: ann@example.org\nawards: b1\n"],
             expected: "Content/holders/h1.yaml:3:9: error: 'awards' must be a list, found a string"),
        Case(name: "yes is a string", files: [holder: holderWith("auto_accept: yes\n")],
             expected: "Content/holders/h1.yaml:3:14: error: 'auto_accept' must be true or false, found a string"),
        Case(name: "unknown visibility", files: [holder: holderWith("visibility: hidden\n")],
             expected: "Content/holders/h1.yaml:3:13: error: 'visibility' must be one of public, private; found 'hidden'"),
        Case(name: "misspelt kind", files: [badge: badgeWith("kind: exm\n")],
             expected: "Content/badges/b1.yaml:6:7: error: 'kind' must be one of certification, exam; found 'exm'; did you mean 'exam'?"),
        Case(name: "control character", files: ["Content/holders.json": #"[{"id": "h2", "name": "Bell\u0007", "email": "b@example.org"}]"#],
             expected: "Content/holders.json:1:23: error: 'name' contains the control character U+0007, which no page can show"),
        Case(name: "missing required key", files: [badge: "name: Badge One\nimage: images/b1.svg\ncriteria:\n  narrative: N\n"],
             expected: "Content/badges/b1.yaml:1:1: error: badge is missing required key 'description'"),
        Case(name: "base URL that is not http", files: ["Content/site.yaml": "title: T\nbase_url: ftp://example.org/\ndefault_locale: en\nissuer: acme\n"],
             expected: "Content/site.yaml:2:11: error: 'base_url' must be an absolute http or https URL, found 'ftp://example.org/'"),
        Case(name: "locale map without the default locale", files: [badge: badgeWith("").replacingOccurrences(of: "name: Badge One", with: "name: {fr: Insigne}")],
             expected: "Content/badges/b1.yaml:1:7: error: 'name' has no 'en' text, the site's default locale"),
        Case(name: "no site file", files: ["Content/site.yaml": nil],
             expected: "sitegen: error: no site.yaml, site.yml or site.json in 'Content'"),
        Case(name: "revoked without a reason", files: [holder: holderWith("", award: "    revoked: true\n")],
             expected: "Content/holders/h1.yaml:6:14: error: 'revoked' must be a reason or {reason, date}, found a boolean"),
        Case(name: "evidence that is not a URL", files: [holder: holderWith("", award: "    evidence:\n      - url: www.example.org\n")],
             expected: "Content/holders/h1.yaml:7:14: error: 'evidence.url' must be an absolute http or https URL, found 'www.example.org'"),
    ]

    @Test(arguments: cases)
    func brokenFolderIsReportedWhereItIs(_ testCase: Case) {
        let diagnostics = FixtureSite.check(testCase.files)
        #expect(diagnostics.contains(testCase.expected), "got: \(diagnostics)")
    }

    @Test(arguments: [
        ("tab in indentation", "name: Ann\nemail: ann@example.org\nawards:\n\t- badge: b1\n", "Content/holders/h1.yaml:4:1: error: "),
        ("anchor", "name: &n Ann\nemail: ann@example.org\n", "Content/holders/h1.yaml:1:7: error: "),
        ("duplicate key", "name: Ann\nname: Bob\nemail: ann@example.org\n", "Content/holders/h1.yaml:2:1: error: "),
    ])
    func yamlSyntaxErrorsAreLocated(_ name: String, _ text: String, _ prefix: String) {
        let diagnostics = FixtureSite.check([Self.holder: text])
        #expect(diagnostics.contains { $0.hasPrefix(prefix) }, "\(name): \(diagnostics)")
    }

    @Test func jsonSyntaxErrorIsLocated() {
        let diagnostics = FixtureSite.check(["Content/holders.json": "[{\"id\": \"h2\",}]"])
        #expect(diagnostics.contains { $0.hasPrefix("Content/holders.json:1:13: error: trailing comma") }, "\(diagnostics)")
    }

    @Test func validSiteHasNoDiagnostics() {
        #expect(FixtureSite.check() == [])
    }

    @Test func byteOrderMarkAndCRLFAreAccepted() {
        var files: [String: String?] = [:]
        for (path, text) in FixtureSite.base where path.hasSuffix(".yaml") {
            files[path] = "\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n")
        }
        files["Content/holders.json"] = "\u{FEFF}[{\"id\": \"h2\", \"name\": \"Bo\",\r\n \"email\": \"bo@example.org\"}]\r\n"
        #expect(FixtureSite.check(files) == [])
    }

    @Test func everyProblemIsReportedInFileOrderWithASummary() {
        let diagnostics = CheckCommand.run(FixtureSite.options(FixtureSite.fileSystem([
            Self.holder: Self.holderWith("visibilty: private\n"),
            Self.badge: Self.badgeWith("kind: exm\n"),
        ])))
        let lines = diagnostics.sorted.map(\.description)
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("Content/badges/b1.yaml:6:7:") == true)
        #expect(lines.last?.hasPrefix("Content/holders/h1.yaml:3:1:") == true)
        #expect(diagnostics.summary == "2 errors, 0 warnings")
    }

    /// A holders file big enough to be parsed in chunks (over 4 MB): 24,000 holders of b1.
    static func bigHoldersJSON(narrative: String = "Did it.") -> String {
        let holders = (0 ..< 24_000).map { index in
            #"{"id": "x\#(index)", "name": "Zoë Example \#(index)", "email": "x\#(index)@example.org", "awards": [{"badge": "b1", "issued_on": "2024-05-01", "evidence": [{"narrative": "\#(narrative)"}]}]}"#
        }
        return "[\n  " + holders.joined(separator: ",\n  ") + "\n]\n"
    }

    @Test func aBigHoldersFileIsCheckedLikeASmallOne() {
        #expect(FixtureSite.check(["Content/holders.json": Self.bigHoldersJSON()]) == [])
        var typo = Self.bigHoldersJSON()
        typo.replace(#"{"id": "x20000", "name""#, with: #"{"id": "x20000", "nmae""#)
        #expect(FixtureSite.check(["Content/holders.json": typo]) == [
            "Content/holders.json:20002:3: error: holder is missing required key 'name'",
            "Content/holders.json:20002:20: error: unknown key 'nmae' in holder; did you mean 'name'?",
        ])
    }

    /// A syntax error, or the separator the cutter looks for inside a string, sends the file
    /// through the sequential parser: one exact error, or the same holders as ever.
    @Test func aBigHoldersFileThatDoesNotCutCleanlyIsReadInOnePiece() {
        var broken = Self.bigHoldersJSON()
        broken.replace(#""id": "x15000""#, with: #""id": "x15000\q""#)
        #expect(FixtureSite.check(["Content/holders.json": broken]) == ["Content/holders.json:15002:17: error: invalid escape '\\q' in a string"])
        #expect(FixtureSite.check(["Content/holders.json": Self.bigHoldersJSON(narrative: #"x }, {\"a\": 1"#)]) == [])
    }
}
