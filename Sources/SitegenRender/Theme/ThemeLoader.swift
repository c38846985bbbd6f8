import SitegenCard
import SitegenDigest
import SitegenFont
import SitegenMustache
import SitegenSource

/// Reads and validates a theme before anything is rendered, so a broken template is a located
/// error up front and never a half-written site.
public struct ThemeLoader: Sendable {
    public var fileSystem: any ContentFileSystem
    /// The themes folder as the file system knows it, and as messages show it.
    public var root: String
    public var displayRoot: String

    public init(fileSystem: any ContentFileSystem, root: String, displayRoot: String? = nil) {
        self.fileSystem = fileSystem
        self.root = root
        self.displayRoot = displayRoot ?? root
    }

    /// `requestedAt`: where the site names the theme (`site.yaml`'s `theme`), nil when the
    /// option or the default did.
    public func load(_ name: String, locales: [String], defaultLocale: String,
                     requestedAt: SourceLocation? = nil) -> (Theme?, Diagnostics) {
        var diagnostics = Diagnostics()
        let folder = ContentPath.join(root, name)
        let display = ContentPath.join(displayRoot, name)
        guard fileSystem.isDirectory(folder) else {
            diagnostics.error("theme '\(name)' not found: no folder \(display)", at: requestedAt)
            return (nil, diagnostics)
        }
        var digest = SHA256()
        var templates: [String: Template] = [:]
        /// Templates present but unreadable or broken: reported once, as such, and not as missing.
        var failed: Set<String> = []
        for file in files(in: ContentPath.join(folder, "templates")) where file.hasSuffix(".mustache") {
            let path = ContentPath.join(ContentPath.join(folder, "templates"), file)
            let templateName = String(file.dropLast(".mustache".count))
            let shown = ContentPath.join(ContentPath.join(display, "templates"), file)
            guard let bytes = try? fileSystem.contents(of: path), let source = String(validating: bytes, as: UTF8.self) else {
                diagnostics.error("cannot read the template as UTF-8", at: SourceLocation(file: shown, line: 1, column: 1))
                failed.insert(templateName)
                continue
            }
            digest.update(Array(file.utf8)); digest.update(bytes)
            do {
                templates[templateName] = try Template(source: source, file: shown)
            } catch {
                diagnostics.append(error)
                failed.insert(templateName)
            }
        }
        for page in Theme.pageTemplates where templates[page] == nil && !failed.contains(page) {
            diagnostics.error("theme '\(name)' has no \(page).mustache in \(ContentPath.join(display, "templates"))", at: nil)
        }
        let library = TemplateLibrary(templates: templates)
        diagnostics.append(contentsOf: diagnosticsOf(library.validate()))

        var strings: [String: [String: String]] = [:]
        for locale in locales {
            let candidates = ["yaml", "yml", "json"].map { ContentPath.join(ContentPath.join(folder, "locales"), "\(locale).\($0)") }
            guard let path = candidates.first(where: { (try? fileSystem.contents(of: $0)) != nil }) else {
                if locale == defaultLocale {
                    diagnostics.error("theme '\(name)' has no strings for the default locale '\(locale)' (locales/\(locale).yaml)", at: nil)
                } else {
                    diagnostics.warning("theme '\(name)' has no strings for '\(locale)' (locales/\(locale).yaml); its pages use '\(defaultLocale)' strings", at: nil)
                }
                continue
            }
            let shown = ContentPath.join(display, String(path.dropFirst(folder.count + 1)))
            guard let bytes = try? fileSystem.contents(of: path) else { continue }
            // Relative to the theme: where the themes folder lives must not change the output.
            digest.update(Array(path.utf8.dropFirst(folder.utf8.count + 1))); digest.update(bytes)
            do {
                let node = path.hasSuffix(".json") ? try JSONParser.parse(bytes, file: shown) : try YAMLParser.parse(bytes, file: shown)
                strings[locale] = table(node, &diagnostics)
            } catch {
                diagnostics.append(error)
            }
        }
        if let reference = strings[defaultLocale] {
            for (locale, table) in strings.sorted(by: { $0.key < $1.key }) where locale != defaultLocale {
                let missing = reference.keys.filter { table[$0] == nil }.sorted()
                if !missing.isEmpty {
                    diagnostics.warning("theme '\(name)' locale '\(locale)' lacks \(missing.count) string\(missing.count == 1 ? "" : "s") (\(missing.prefix(5).joined(separator: ", "))\(missing.count > 5 ? ", …" : "")); '\(defaultLocale)' is used for them",
                                        at: nil)
                }
            }
        }

        var assets: [(path: String, bytes: [UInt8])] = []
        collectAssets(ContentPath.join(folder, "assets"), prefix: "", into: &assets)
        for asset in assets { digest.update(Array(asset.path.utf8)); digest.update(asset.bytes) }

        let card = loadCard(folder: folder, display: display, digest: &digest, diagnostics: &diagnostics)

        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        let theme = Theme(name: name, templates: library, strings: ThemeStrings(byLocale: strings, defaultLocale: defaultLocale),
                          assets: assets, card: card, fingerprint: hexString(digest.finalize()))
        return (theme, diagnostics)
    }

    /// `card.yaml` (defaults when there is none) and every `fonts/*.ttf`, read and checked: a
    /// font that cannot be read, or a style naming a font the folder lacks, is a located error.
    private func loadCard(folder: String, display: String, digest: inout SHA256, diagnostics: inout Diagnostics) -> CardDesign {
        var fonts: [(name: String, font: TrueTypeFont)] = []
        let fontFolder = ContentPath.join(folder, "fonts")
        for file in files(in: fontFolder) where file.lowercased().hasSuffix(".ttf") {
            let shown = SourceLocation(file: ContentPath.join(ContentPath.join(display, "fonts"), file), line: 1, column: 1)
            guard let bytes = try? fileSystem.contents(of: ContentPath.join(fontFolder, file)) else {
                diagnostics.error("cannot read the font", at: shown)
                continue
            }
            digest.update(Array(("fonts/" + file).utf8)); digest.update(bytes)
            do {
                fonts.append((file, try TrueTypeFont(bytes: bytes)))
            } catch {
                diagnostics.error("not a usable TrueType font: \(error)", at: shown)
            }
        }
        var style = CardStyle()
        let stylePath = ContentPath.join(folder, "card.yaml")
        if let bytes = try? fileSystem.contents(of: stylePath) {
            digest.update(Array("card.yaml".utf8)); digest.update(bytes)
            do {
                style = CardStyle.read(try YAMLParser.parse(bytes, file: ContentPath.join(display, "card.yaml")), diagnostics: &diagnostics)
            } catch {
                diagnostics.append(error)
            }
        }
        // Without a list, every font in name order: Latin faces sort before CJK ones only by luck.
        if style.nameFonts.isEmpty { style.nameFonts = fonts.map(\.name) }
        if style.issuerFonts.isEmpty { style.issuerFonts = fonts.map(\.name) }
        for name in Set(style.nameFonts + style.issuerFonts).sorted() where !fonts.contains(where: { $0.name == name }) {
            diagnostics.error("the card style names the font '\(name)', which is not in \(ContentPath.join(display, "fonts"))",
                              at: SourceLocation(file: ContentPath.join(display, "card.yaml"), line: 1, column: 1))
        }
        return CardDesign(style: style, fonts: fonts)
    }

    private func table(_ node: SourceNode, _ diagnostics: inout Diagnostics) -> [String: String] {
        guard case .mapping(let entries) = node.value else {
            diagnostics.error("a strings file must be a mapping of key to text", at: node.location)
            return [:]
        }
        var result: [String: String] = [:]
        for entry in entries {
            switch entry.value.value {
            case .string(let text), .number(let text): result[entry.key] = text
            default: diagnostics.error("string '\(entry.key)' must be text, found \(entry.value.typeDescription)", at: entry.value.location)
            }
        }
        return result
    }

    private func diagnosticsOf(_ list: [Diagnostic]) -> Diagnostics {
        var result = Diagnostics()
        for diagnostic in list { result.append(diagnostic) }
        return result
    }

    private func files(in folder: String) -> [String] {
        (fileSystem.entries(in: folder) ?? []).filter { !$0.isDirectory && !$0.name.hasPrefix(".") }.map(\.name).sorted()
    }

    private func collectAssets(_ folder: String, prefix: String, into assets: inout [(path: String, bytes: [UInt8])]) {
        for entry in (fileSystem.entries(in: folder) ?? []).sorted(by: { $0.name < $1.name }) where !entry.name.hasPrefix(".") {
            let path = ContentPath.join(folder, entry.name)
            if entry.isDirectory {
                collectAssets(path, prefix: prefix + entry.name + "/", into: &assets)
            } else if let bytes = try? fileSystem.contents(of: path) {
                assets.append((prefix + entry.name, bytes))
            }
        }
    }

}
