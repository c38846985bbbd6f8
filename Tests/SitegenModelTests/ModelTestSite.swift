import SitegenModel
import SitegenSource

/// A small content folder in memory, decoded and validated as `check` would.
struct ModelTestSite {
    var files: [String: String] = [
        "C/site.yaml": "title: T\nbase_url: https://b.example.org\ndefault_locale: en\nlocales: [en, ja]\nissuer: acme\n",
        "C/issuers/acme.yaml": "name: Acme\nurl: https://acme.example/\n",
        "C/images/b.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        "C/badges/cert.yaml": "name: Cert\ndescription: D\nimage: images/b.svg\ncriteria: {url: https://acme.example/c}\nrequires: [exam1, exam2]\n",
        "C/badges/exam1.yaml": "name: Exam 1\ndescription: D\nimage: images/b.svg\ncriteria: {narrative: N}\nkind: exam\n",
        "C/badges/exam2.yaml": "name: Exam 2\ndescription: D\nimage: images/b.svg\ncriteria: {narrative: N}\nkind: exam\n",
    ]

    mutating func add(_ path: String, _ text: String) { files["C/" + path] = text }

    func run() -> (Content?, [String]) {
        let fileSystem = InMemoryFileSystem(files)
        let (tree, loadDiagnostics) = ContentLoader(fileSystem: fileSystem, root: "C").load()
        var diagnostics = loadDiagnostics
        let (content, decodeDiagnostics) = ContentDecoder(fileSystem: fileSystem, root: "C").decode(tree)
        diagnostics.append(contentsOf: decodeDiagnostics)
        if let content { diagnostics.append(contentsOf: ContentValidator.validate(content)) }
        return (content, diagnostics.sorted.map(\.description))
    }
}
