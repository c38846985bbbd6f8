import Foundation
import SitegenRender
import SitegenSource
import Testing

/// How a theme finds the theme it extends: `theme.yaml`, the implicit extension of a built-in
/// theme of the same name, and the located errors of a chain that cannot be resolved.
@Suite struct ThemeChainTests {
    /// The repository's default theme stands in for the built-in one.
    static let builtIn = ThemeShelf(fileSystem: DiskFileSystem(),
                                    root: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                                        .deletingLastPathComponent().appendingPathComponent("Themes").path,
                                    displayRoot: "(built-in)")

    func load(_ name: String, _ files: [String: String], builtIn: Bool = true) -> (Theme?, [String]) {
        let site = ThemeShelf(fileSystem: InMemoryFileSystem(files.reduce(into: [:]) { $0["Themes/" + $1.key] = $1.value }), root: "Themes")
        let (theme, diagnostics) = ThemeLoader(shelves: builtIn ? [site, Self.builtIn] : [site])
            .load(name, locales: ["en", "fr"], defaultLocale: "en")
        return (theme, diagnostics.sorted.filter { $0.severity == .error }.map(\.description))
    }

    @Test func aCycleIsAnErrorAtTheExtendsThatClosesIt() {
        let (theme, errors) = load("a", ["a/theme.yaml": "extends: b\n", "b/theme.yaml": "extends: a\n"])
        #expect(theme == nil)
        #expect(errors == ["Themes/b/theme.yaml:1:10: error: theme 'b' extends 'a': a cycle (a → b → a)"])
    }

    @Test func aThemeExtendingItselfWithoutABuiltInOneIsAnError() {
        let (theme, errors) = load("solo", ["solo/theme.yaml": "extends: solo\n"])
        #expect(theme == nil)
        #expect(errors == ["Themes/solo/theme.yaml:1:10: error: theme 'solo' extends 'solo', which is not a theme: no folder (built-in)/solo below it and no built-in theme of that name"])
    }

    @Test func anUnknownParentIsAnErrorAtItsName() {
        let (theme, errors) = load("acme", ["acme/theme.yaml": "# ours\nextends: defualt\n"])
        #expect(theme == nil)
        #expect(errors == ["Themes/acme/theme.yaml:2:10: error: theme 'acme' extends 'defualt', which is not a theme: no folder Themes/defualt"])
    }

    @Test func themeYAMLHasOneKey() {
        let (_, unknown) = load("acme", ["acme/theme.yaml": "extends: default\nextend: default\n"])
        #expect(unknown == ["Themes/acme/theme.yaml:2:1: error: unknown key 'extend' in theme.yaml; the only key is 'extends'"])
        let (_, list) = load("acme", ["acme/theme.yaml": "extends: [default]\n"])
        #expect(list == ["Themes/acme/theme.yaml:1:10: error: 'extends' must name a theme (a folder name), found a list"])
        let (_, path) = load("acme", ["acme/theme.yaml": "extends: ../default\n"])
        #expect(path == ["Themes/acme/theme.yaml:1:10: error: 'extends' must be the name of a theme folder, not '../default'"])
    }

    @Test func anUnknownThemeNamesTheThemesFolder() {
        let (theme, errors) = load("nosuch", [:])
        #expect(theme == nil)
        #expect(errors == ["sitegen: error: theme 'nosuch' not found: no folder Themes/nosuch"])
    }

    /// A folder named like a built-in theme extends it; any other theme without `extends` stands
    /// alone and must be complete.
    @Test func onlyAFolderNamedLikeABuiltInThemeExtendsItImplicitly() throws {
        let (overridden, none) = load("default", ["default/locales/fr.yaml": "share_title: \"Faites-le savoir\"\n"])
        #expect(none.isEmpty)
        let theme = try #require(overridden)
        #expect(theme.strings.table(for: "fr")["share_title"] == "Faites-le savoir")
        #expect(theme.strings.table(for: "fr")["language_name"] == "Français")
        #expect(theme.strings.table(for: "en")["share_title"] == "Share")

        let (standalone, errors) = load("acme", ["acme/locales/en.yaml": "share_title: x\n"])
        #expect(standalone == nil)
        #expect(errors.contains("sitegen: error: theme 'acme' has no award.mustache in Themes/acme/templates"))

        let (alone, _) = load("default", ["default/locales/en.yaml": "share_title: x\n"], builtIn: false)
        #expect(alone == nil)
    }

    /// An overridden template of the parent is never read, so a broken one there costs nothing.
    @Test func overriddenTemplatesOfTheParentAreNotParsed() throws {
        let template = try String(contentsOfFile: Self.builtIn.root + "/default/templates/404.mustache", encoding: .utf8)
        let (theme, errors) = load("child", [
            "parent/theme.yaml": "extends: default\n",
            "parent/templates/404.mustache": "{{#broken}}\n",
            "child/theme.yaml": "extends: parent\n",
            "child/templates/404.mustache": template,
        ])
        #expect(errors.isEmpty)
        #expect(theme != nil)
        let (_, broken) = load("parent", ["parent/theme.yaml": "extends: default\n", "parent/templates/404.mustache": "{{#broken}}\n"])
        #expect(broken == ["Themes/parent/templates/404.mustache:2:1: error: unclosed section 'broken' (opened at line 1, column 1)"])
    }
}
