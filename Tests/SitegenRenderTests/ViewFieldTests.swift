import Foundation
import SitegenMustache
import SitegenPlan
import Testing
@testable import SitegenRender

/// Views are the single source of the templates' variables: every stored property of a view is
/// written under its own name and nothing else is (so a field added to a view is a variable), and
/// docs/themes.md lists exactly those variables (so a variable is documented the day it exists).
@Suite struct ViewFieldTests {
    /// The fixture's pages with a credential signer, so the award page's `credential` is there.
    static let pages: PageRenderer = {
        let fixture = PageFixture.shared
        return PageRenderer(plan: fixture.plan, theme: fixture.theme, routes: fixture.routes, dates: fixture.pages.dates,
                            documents: fixture.pages.documents,
                            credentialIssuer: .init(did: "did:web:badges.example.org", verificationMethod: "did:web:badges.example.org#key-1"))
    }()

    /// Every view of every page of the fixture site, by page kind (the template's name).
    static func views() -> [(kind: String, view: any TemplateFields)] {
        let pages = Self.pages
        let plan = pages.plan
        var views: [(String, any TemplateFields)] = []
        for code in plan.site.locales {
            let locale = pages.locales[code]!
            views.append(("index", pages.indexContexts(locale: locale).view))
            views.append(("404", pages.notFoundContexts(locale).view))
            for index in plan.issuers.indices { views.append(("issuer", pages.issuerContexts(index, locale).view)) }
            for index in plan.badges.indices {
                views.append(("badge", pages.badgeContexts(index, locale).view))
                views.append(("badge view", pages.badgeView(index: index, locale, root: "../../")))
            }
            for index in plan.holders.indices { views.append(("holder", pages.holderContexts(index, locale).view)) }
            for index in plan.awards.indices {
                views.append(("award", pages.awardPageView(index, locale, parts: pages.badgeParts(of: plan.awards[index].badgeIndex, locale))))
                if plan.awards[index].isListed { views.append(("embed", pages.embedCardView(index, locale))) }
            }
            views.append(("frame", SharedFrameViewProbe.view(pages, locale)))
        }
        return views
    }

    @Test func everyStoredPropertyIsWrittenUnderItsNameAndNothingElse() {
        var checked = 0
        for (kind, view) in Self.views() {
            let writer = TemplateDocument.Writer()
            view.write(to: writer)
            var problems: [String] = []
            Self.compare(view, writer.finish().value, path: kind, problems: &problems)
            #expect(problems.isEmpty, "\(problems)")
            checked += 1
        }
        #expect(checked > 30)
    }

    /// The award page of a listed award has every optional part, so its names are all there.
    @Test func theListedAwardPageHasEveryPart() throws {
        let pages = Self.pages
        let index = PageFixture.shared.award("a-ja")
        let view = pages.awardPageView(index, pages.locales["en"]!, parts: pages.badgeParts(of: pages.plan.awards[index].badgeIndex, pages.locales["en"]!))
        #expect(view.frame.og != nil && view.share != nil && view.embed != nil && view.oembed != nil && view.download != nil && view.credential != nil)
        #expect(view.frame.og?.image != nil)
    }

    @Test func docsThemesListsExactlyTheViewsVariables() throws {
        let docs = try String(contentsOfFile: Self.repository + "/docs/themes.md", encoding: .utf8)
        let sections = DocsSections(docs)
        let frameSection = sections["Every page but the embed card"]
        let viewSections = sections["Badge and issuer views"]
        #expect(!frameSection.isEmpty && !viewSections.isEmpty)

        // Names of each kind's views: top level, and everything below.
        var topLevel: [String: Set<String>] = [:]
        var nested: [String: Set<String>] = [:]
        for (kind, view) in Self.views() {
            var names = Set<String>()
            Self.names(of: view, depth: 0, topLevel: &names, nested: &nested[kind, default: []])
            topLevel[kind, default: []].formUnion(names)
        }
        let frame = topLevel["frame"]!.union(Self.frameFieldNames)

        // The frame's table lists exactly the frame's variables.
        #expect(Set(frameSection.firstColumnNames) == frame, "frame: docs \(Set(frameSection.firstColumnNames).symmetricDifference(frame))")
        // A page's table lists its own variables (the frame's are in the frame's table) and
        // those of the layers beneath it; every name it lists exists.
        let layers: [String: Set<String>] = ["award": ["badge", "issuer"], "embed": ["kind", "lang", "dir", "stylesheet", "site", "t", "badge", "issuer"]]
        for kind in ["index", "issuer", "badge", "award", "holder", "embed"] {
            let section = sections["`\(kind)`"]
            let listed = Set(section.firstColumnNames)
            let own = topLevel[kind]!.subtracting(kind == "embed" ? [] : Self.frameFieldNames).union(layers[kind] ?? [])
            #expect(listed == own, "\(kind): in docs only \(listed.subtracting(own).sorted()), in views only \(own.subtracting(listed).sorted())")
            // Every name below the top level is named in the page's section or the shared ones.
            let mentioned = section.mentioned.union(frameSection.mentioned).union(viewSections.mentioned)
                .union(sections["Variables"].mentioned)
            let missing = nested[kind]!.subtracting(mentioned)
            #expect(missing.isEmpty, "\(kind): docs/themes.md does not name \(missing.sorted())")
        }
        // The badge and issuer views' tables list their fields.
        let badgeView = topLevel["badge view"]!
        #expect(badgeView.isSubset(of: viewSections.mentioned), "badge view: \(badgeView.subtracting(viewSections.mentioned).sorted())")
        #expect(nested["badge view"]!.isSubset(of: viewSections.mentioned),
                "badge view: \(nested["badge view"]!.subtracting(viewSections.mentioned).sorted())")
        #expect(sections["`404`"].text.contains("Only the shared variables") && topLevel["404"]! == Self.frameFieldNames)
    }

    static let frameFieldNames: Set<String> = ["title", "description", "robots", "canonical", "path", "og", "breadcrumbs"]

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    // MARK: walking views

    /// The stored properties of a view as its template sees them: inline fields flattened.
    static func properties(of view: Any) -> [(name: String, value: Any)] {
        var result: [(String, Any)] = []
        for child in Mirror(reflecting: view).children {
            guard let label = child.label else { continue }
            if child.value is any InlineFields {
                if let inline = Mirror(reflecting: child.value).children.first?.value, child.value is any InlineFieldsWrapper {
                    result += properties(of: inline)
                } else {
                    result += properties(of: child.value)
                }
            } else {
                result.append((label, child.value))
            }
        }
        return result
    }

    static func compare(_ view: Any, _ written: TemplateValue, path: String, problems: inout [String]) {
        if let optional = view as? any OptionalProtocol {
            guard let wrapped = optional.wrapped else {
                if written != .null { problems.append("\(path): nil written as \(written)") }
                return
            }
            return compare(wrapped, written, path: path, problems: &problems)
        }
        if let list = view as? [Any], !(view is [String]) {
            guard case .list(let items) = written, items.count == list.count else {
                return problems.append("\(path): a list of \(list.count) written as \(written)")
            }
            for (index, item) in list.enumerated() { compare(item, items[index], path: "\(path)[\(index)]", problems: &problems) }
            return
        }
        guard view is any TemplateFields, Mirror(reflecting: view).displayStyle == .struct, !(view is Prototype) else { return }
        guard case .record(let record) = written else { return problems.append("\(path): a view written as \(written)") }
        let properties = properties(of: view)
        let names = properties.map(\.name)
        if names != record.keys {
            problems.append("\(path): properties \(names), written keys \(record.keys)")
        }
        for (name, value) in properties {
            compare(value, record[name] ?? .null, path: path + "." + name, problems: &problems)
        }
    }

    static func names(of view: Any, depth: Int, topLevel: inout Set<String>, nested: inout Set<String>) {
        if let optional = view as? any OptionalProtocol {
            if let wrapped = optional.wrapped { names(of: wrapped, depth: depth, topLevel: &topLevel, nested: &nested) }
            return
        }
        if let list = view as? [Any] {
            for item in list { names(of: item, depth: depth, topLevel: &topLevel, nested: &nested) }
            return
        }
        if let crumb = view as? Crumb, case .link(let link) = crumb {
            return names(of: link, depth: depth, topLevel: &topLevel, nested: &nested)
        }
        guard view is any TemplateFields, Mirror(reflecting: view).displayStyle == .struct, !(view is Prototype) else { return }
        for (name, value) in properties(of: view) {
            if depth == 0 { topLevel.insert(name) } else { nested.insert(name) }
            names(of: value, depth: depth + 1, topLevel: &topLevel, nested: &nested)
        }
    }
}

/// The shared frame is made as a template value; its view, for the tests.
enum SharedFrameViewProbe {
    static func view(_ pages: PageRenderer, _ locale: PageLocale) -> SharedFrameView {
        SharedFrameView(kind: "award", lang: locale.code, dir: locale.direction, languages: locale.languages,
                        language: locale.languageName, root: "../../", home: "", stylesheet: "", script: "", icon: "",
                        site: locale.site, t: locale.t)
    }
}

protocol OptionalProtocol {
    var wrapped: Any? { get }
}

extension Optional: OptionalProtocol {
    var wrapped: Any? {
        switch self {
        case .some(let value): return value
        case .none: return nil
        }
    }
}

/// `Inline<V>`, whose one stored property holds the fields.
protocol InlineFieldsWrapper {}
extension Inline: InlineFieldsWrapper {}

/// docs/themes.md cut at its headings, with what each section's tables name.
struct DocsSections {
    struct Section {
        var text = ""
        var isEmpty: Bool { text.isEmpty }

        /// The backticked names in the first column of the section's tables, each up to its
        /// first dot (`award.id` is `award`).
        var firstColumnNames: [String] {
            text.split(separator: "\n").filter { $0.hasPrefix("| `") }.flatMap { line -> [String] in
                let cell = line.split(separator: "|", omittingEmptySubsequences: true).first ?? ""
                return Self.backticked(String(cell)).map { String($0.split(separator: ".").first ?? "") }
            }
        }

        /// Every backticked name anywhere in the section, and each part of a dotted one or of a
        /// little object (`{text, iso}`).
        var mentioned: Set<String> {
            Set(Self.backticked(text).flatMap { code in
                code.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).map(String.init)
            })
        }

        static func backticked(_ text: String) -> [String] {
            text.split(separator: "`", omittingEmptySubsequences: false).enumerated()
                .filter { $0.offset % 2 == 1 }.map { String($0.element) }
        }
    }

    private var sections: [String: Section] = [:]

    init(_ markdown: String) {
        var current = ""
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#") {
                current = line.drop(while: { $0 == "#" || $0 == " " }).trimmingCharacters(in: .whitespaces)
                continue
            }
            sections[current, default: Section()].text += line + "\n"
        }
    }

    subscript(heading: String) -> Section { sections[heading] ?? Section() }
}
