import SitegenSource

extension TemplateLibrary {
    /// Problems found without rendering: partials and parents that name no template, and
    /// templates that include themselves unconditionally, which can never finish rendering.
    /// Inclusions inside sections or blocks may stop on data or be overridden, so rendering
    /// guards those with a depth limit instead. `broken`: templates that exist but did not
    /// parse, already reported where they break, and so not "unknown" where they are used.
    public func validate(broken: Set<String> = []) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var edges: [String: [(target: String, location: SourceLocation)]] = [:]
        for name in templates.keys.sorted() {
            guard let program = templates[name]?.program else { continue }
            var own: [(target: String, location: SourceLocation)] = []
            for operation in program.operations where operation.code == .partial || operation.code == .parent {
                let inclusion = program.inclusions[operation.a]
                if templates[inclusion.name] == nil && !broken.contains(inclusion.name) {
                    let what = operation.code == .partial ? "partial" : "parent template"
                    problems.append(.error("unknown \(what) '\(inclusion.name)'", at: inclusion.location))
                }
                if inclusion.unconditional { own.append((inclusion.name, inclusion.location)) }
            }
            edges[name] = own
        }
        problems.append(contentsOf: endlessInclusions(edges))
        return problems
    }

    /// Each cycle of unconditional inclusions, reported once at the tag that closes it.
    private func endlessInclusions(_ edges: [String: [(target: String, location: SourceLocation)]]) -> [Diagnostic] {
        enum Mark { case visiting, done }
        var marks: [String: Mark] = [:]
        var problems: [Diagnostic] = []
        // Iterative depth-first search: a theme could chain many templates.
        for root in edges.keys.sorted() where marks[root] == nil {
            var path: [String] = [root]
            var nextEdge: [Int] = [0]
            marks[root] = .visiting
            while let current = path.last {
                let outgoing = edges[current] ?? []
                let index = nextEdge[nextEdge.count - 1]
                guard index < outgoing.count else {
                    marks[current] = .done
                    path.removeLast()
                    nextEdge.removeLast()
                    continue
                }
                nextEdge[nextEdge.count - 1] += 1
                let edge = outgoing[index]
                switch marks[edge.target] {
                case .visiting:
                    let loopStart = path.lastIndex(of: edge.target) ?? 0
                    let loop = (path[loopStart...] + [edge.target]).joined(separator: " → ")
                    problems.append(.error(
                        "'\(edge.target)' includes itself on every rendering (\(loop)), so it can never finish",
                        at: edge.location))
                case .done:
                    break
                case nil:
                    guard edges[edge.target] != nil else { continue }
                    marks[edge.target] = .visiting
                    path.append(edge.target)
                    nextEdge.append(0)
                }
            }
        }
        return problems
    }
}
