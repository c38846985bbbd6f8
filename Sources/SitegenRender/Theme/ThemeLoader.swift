import SitegenCard
import SitegenDigest
import SitegenFont
import SitegenMustache
import SitegenSource

/// Reads and validates a theme before anything is rendered, so a broken template is a located
/// error up front and never a half-written site. A theme may extend another (`ThemeChain`): each
/// template and asset comes from the first theme of the chain that has it, and each string key
/// of a locale likewise, so a theme holds only what it changes.
public struct ThemeLoader: Sendable {
    /// Searched in order: the themes folder, then the themes built into sitegen.
    public var shelves: [ThemeShelf]

    public init(shelves: [ThemeShelf]) {
        self.shelves = shelves
    }

    /// A loader of one themes folder, with no built-in themes below it.
    public init(fileSystem: any ContentFileSystem, root: String, displayRoot: String? = nil) {
        self.init(shelves: [ThemeShelf(fileSystem: fileSystem, root: root, displayRoot: displayRoot)])
    }

    /// `requestedAt`: where the site names the theme (`site.yaml`'s `theme`), nil when the
    /// option or the default did.
    public func load(_ name: String, locales: [String], defaultLocale: String,
                     requestedAt: SourceLocation? = nil) -> (Theme?, Diagnostics) {
        var diagnostics = Diagnostics()
        guard let layers = ThemeChain(shelves: shelves).resolve(name, requestedAt: requestedAt, &diagnostics) else {
            return (nil, diagnostics)
        }
        let top = layers[0]
        var digest = SHA256()

        // Each template from the first layer that has it; the others are never parsed.
        var chosen: [String: (layer: ThemeLayer, file: String)] = [:]
        for layer in layers.reversed() {
            for file in files(in: ContentPath.join(layer.folder, "templates"), of: layer) where file.hasSuffix(".mustache") {
                chosen[String(file.dropLast(".mustache".count))] = (layer, file)
            }
        }
        var templates: [String: Template] = [:]
        /// Templates present but unreadable or broken: reported once, as such, and not as missing.
        var failed: Set<String> = []
        for (templateName, source) in chosen.sorted(by: { $0.key < $1.key }) {
            let path = ContentPath.join(ContentPath.join(source.layer.folder, "templates"), source.file)
            let shown = ContentPath.join(ContentPath.join(source.layer.display, "templates"), source.file)
            guard let bytes = try? source.layer.shelf.fileSystem.contents(of: path), let text = String(validating: bytes, as: UTF8.self) else {
                diagnostics.error("cannot read the template as UTF-8", at: SourceLocation(file: shown, line: 1, column: 1))
                failed.insert(templateName)
                continue
            }
            // Of the templates used, so an overridden one costs nothing and changes nothing.
            digest.update(Array(source.file.utf8)); digest.update(bytes)
            do {
                templates[templateName] = try Template(source: text, file: shown)
            } catch {
                diagnostics.append(error)
                failed.insert(templateName)
            }
        }
        for page in Theme.pageTemplates where templates[page] == nil && !failed.contains(page) {
            diagnostics.error("theme '\(name)' has no \(page).mustache in \(ContentPath.join(top.display, "templates"))\(layers.count > 1 ? " nor in the themes it extends" : "")", at: nil)
        }
        let library = TemplateLibrary(templates: templates)
        diagnostics.append(contentsOf: diagnosticsOf(library.validate(broken: failed)))

        // Each locale's keys merged up the chain: a theme's strings file may hold one key.
        var strings: [String: [String: String]] = [:]
        for locale in locales {
            var table: [String: String]?
            for layer in layers.reversed() {
                let candidates = ["yaml", "yml", "json"].map { ContentPath.join(ContentPath.join(layer.folder, "locales"), "\(locale).\($0)") }
                guard let path = candidates.first(where: { (try? layer.shelf.fileSystem.contents(of: $0)) != nil }),
                      let bytes = try? layer.shelf.fileSystem.contents(of: path) else { continue }
                let relative = String(path.dropFirst(layer.folder.count + 1))
                let shown = ContentPath.join(layer.display, relative)
                do {
                    let node = path.hasSuffix(".json") ? try JSONParser.parse(bytes, file: shown) : try YAMLParser.parse(bytes, file: shown)
                    table = (table ?? [:]).merging(self.table(node, &diagnostics)) { _, override in override }
                } catch {
                    diagnostics.append(error)
                    table = table ?? [:]
                }
            }
            guard let table else {
                if locale == defaultLocale {
                    diagnostics.error("theme '\(name)' has no strings for the default locale '\(locale)' (locales/\(locale).yaml)", at: nil)
                } else {
                    diagnostics.warning("theme '\(name)' has no strings for '\(locale)' (locales/\(locale).yaml); its pages use '\(defaultLocale)' strings", at: nil)
                }
                continue
            }
            strings[locale] = table
            // The merged table, not the files: the same strings give the same fingerprint
            // whichever themes of the chain they come from, and wherever the themes folder lives.
            digest.update(Array("locale \(locale)\u{0}".utf8))
            for (key, text) in table.sorted(by: { $0.key < $1.key }) {
                digest.update(Array(key.utf8)); digest.update([0]); digest.update(Array(text.utf8)); digest.update([0])
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

        var assetsByPath: [String: [UInt8]] = [:]
        for layer in layers.reversed() {
            var assets: [(path: String, bytes: [UInt8])] = []
            collectAssets(ContentPath.join(layer.folder, "assets"), of: layer, prefix: "", into: &assets)
            for asset in assets { assetsByPath[asset.path] = asset.bytes }
        }
        let assets = assetsByPath.sorted { $0.key < $1.key }.map { (path: $0.key, bytes: $0.value) }
        for asset in assets { digest.update(Array(asset.path.utf8)); digest.update(asset.bytes) }

        let card = loadCard(layers, digest: &digest, diagnostics: &diagnostics)

        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        let theme = Theme(name: name, templates: library, strings: ThemeStrings(byLocale: strings, defaultLocale: defaultLocale),
                          assets: assets, card: card, fingerprint: hexString(digest.finalize()))
        return (theme, diagnostics)
    }

    /// `card.yaml` (defaults when there is none) and every `fonts/*.ttf`, read and checked: a
    /// font that cannot be read, or a style naming a font the theme lacks, is a located error.
    /// Each font file comes from the first theme of the chain that has it, like an asset, and
    /// `card.yaml` whole from the first that has one.
    private func loadCard(_ layers: [ThemeLayer], digest: inout SHA256, diagnostics: inout Diagnostics) -> CardDesign {
        var fontFiles: [String: ThemeLayer] = [:]
        for layer in layers.reversed() {
            for file in files(in: ContentPath.join(layer.folder, "fonts"), of: layer) where file.lowercased().hasSuffix(".ttf") {
                fontFiles[file] = layer
            }
        }
        var fonts: [(name: String, font: TrueTypeFont)] = []
        for (file, layer) in fontFiles.sorted(by: { $0.key < $1.key }) {
            let shown = SourceLocation(file: ContentPath.join(ContentPath.join(layer.display, "fonts"), file), line: 1, column: 1)
            guard let bytes = try? layer.shelf.fileSystem.contents(of: ContentPath.join(ContentPath.join(layer.folder, "fonts"), file)) else {
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
        var styleFile = ContentPath.join(layers[0].display, "card.yaml")
        for layer in layers {
            guard let bytes = try? layer.shelf.fileSystem.contents(of: ContentPath.join(layer.folder, "card.yaml")) else { continue }
            styleFile = ContentPath.join(layer.display, "card.yaml")
            digest.update(Array("card.yaml".utf8)); digest.update(bytes)
            do {
                style = CardStyle.read(try YAMLParser.parse(bytes, file: styleFile), diagnostics: &diagnostics)
            } catch {
                diagnostics.append(error)
            }
            break
        }
        // Without a list, every font in name order: Latin faces sort before CJK ones only by luck.
        if style.nameFonts.isEmpty { style.nameFonts = fonts.map(\.name) }
        if style.issuerFonts.isEmpty { style.issuerFonts = fonts.map(\.name) }
        for name in Set(style.nameFonts + style.issuerFonts).sorted() where !fonts.contains(where: { $0.name == name }) {
            diagnostics.error("the card style names the font '\(name)', which is in no fonts folder of the theme",
                              at: SourceLocation(file: styleFile, line: 1, column: 1))
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

    private func files(in folder: String, of layer: ThemeLayer) -> [String] {
        (layer.shelf.fileSystem.entries(in: folder) ?? []).filter { !$0.isDirectory && !$0.name.hasPrefix(".") }.map(\.name).sorted()
    }

    private func collectAssets(_ folder: String, of layer: ThemeLayer, prefix: String, into assets: inout [(path: String, bytes: [UInt8])]) {
        for entry in (layer.shelf.fileSystem.entries(in: folder) ?? []).sorted(by: { $0.name < $1.name }) where !entry.name.hasPrefix(".") {
            let path = ContentPath.join(folder, entry.name)
            if entry.isDirectory {
                collectAssets(path, of: layer, prefix: prefix + entry.name + "/", into: &assets)
            } else if let bytes = try? layer.shelf.fileSystem.contents(of: path) {
                assets.append((prefix + entry.name, bytes))
            }
        }
    }
}
