import SitegenSource

/// A folder that holds theme folders: the site's themes folder, or the themes built into sitegen.
public struct ThemeShelf: Sendable {
    public var fileSystem: any ContentFileSystem
    /// The folder as the file system knows it, and as messages show it.
    public var root: String
    public var displayRoot: String

    public init(fileSystem: any ContentFileSystem, root: String, displayRoot: String? = nil) {
        self.fileSystem = fileSystem
        self.root = root
        self.displayRoot = displayRoot ?? root
    }
}

/// One theme folder of a chain: what it holds wins over every theme it extends.
struct ThemeLayer {
    var name: String
    var shelf: ThemeShelf
    /// Index of `shelf` in the loader's shelves, which are searched in order.
    var shelfIndex: Int

    var folder: String { ContentPath.join(shelf.root, name) }
    var display: String { ContentPath.join(shelf.displayRoot, name) }
}

/// Resolves a theme name to its chain of folders, the theme itself first and the theme nothing
/// is below last. A theme names its parent in `theme.yaml` (`extends: default`); a folder with
/// the name of a built-in theme and no `extends` extends that built-in theme, so a site's
/// `Themes/default/` holds only the files it changes. `extends` naming the theme's own name
/// means the next shelf's theme of that name (the built-in one).
struct ThemeChain {
    let shelves: [ThemeShelf]
    static let settingsFile = "theme.yaml"

    func resolve(_ name: String, requestedAt: SourceLocation?, _ diagnostics: inout Diagnostics) -> [ThemeLayer]? {
        var layers: [ThemeLayer] = []
        var next: (name: String, firstShelf: Int, namedAt: SourceLocation?) = (name, 0, requestedAt)
        while true {
            guard let found = shelves.indices.dropFirst(next.firstShelf).first(where: { shelves[$0].fileSystem.isDirectory(ContentPath.join(shelves[$0].root, next.name)) }) else {
                let looked = shelves.dropFirst(next.firstShelf).first.map { ContentPath.join($0.displayRoot, next.name) } ?? next.name
                if let child = layers.last {
                    diagnostics.error("theme '\(child.name)' extends '\(next.name)', which is not a theme: no folder \(looked)\(next.name == child.name ? " below it and no built-in theme of that name" : "")",
                                      at: next.namedAt)
                } else {
                    diagnostics.error("theme '\(next.name)' not found: no folder \(looked)", at: next.namedAt)
                }
                return nil
            }
            let layer = ThemeLayer(name: next.name, shelf: shelves[found], shelfIndex: found)
            if let repeated = layers.firstIndex(where: { $0.shelfIndex == found && $0.name == next.name }) {
                let cycle = (layers[repeated...].map(\.name) + [next.name]).joined(separator: " → ")
                diagnostics.error("theme '\(layers.last!.name)' extends '\(next.name)': a cycle (\(cycle))", at: next.namedAt)
                return nil
            }
            layers.append(layer)
            switch parent(of: layer, &diagnostics) {
            case .failed:
                return nil
            case .named(let parent, let location):
                next = (parent, parent == layer.name ? found + 1 : 0, location)
            case .none:
                // A folder named like a theme further down the shelves (the built-in one) extends it.
                let below = shelves.indices.dropFirst(found + 1).contains { shelves[$0].fileSystem.isDirectory(ContentPath.join(shelves[$0].root, layer.name)) }
                guard below else { return layers }
                next = (layer.name, found + 1, nil)
            }
        }
    }

    private enum Parent {
        case none
        case named(String, SourceLocation)
        case failed
    }

    /// The `extends` of the layer's `theme.yaml`, if it has one.
    private func parent(of layer: ThemeLayer, _ diagnostics: inout Diagnostics) -> Parent {
        let path = ContentPath.join(layer.folder, Self.settingsFile)
        guard let bytes = try? layer.shelf.fileSystem.contents(of: path) else { return .none }
        let shown = ContentPath.join(layer.display, Self.settingsFile)
        let node: SourceNode
        do {
            node = try YAMLParser.parse(bytes, file: shown)
        } catch {
            diagnostics.append(error)
            return .failed
        }
        if case .null = node.value { return .none }
        guard case .mapping(let entries) = node.value else {
            diagnostics.error("\(Self.settingsFile) must be a mapping, such as 'extends: default'", at: node.location)
            return .failed
        }
        var parent = Parent.none
        for entry in entries {
            guard entry.key == "extends" else {
                diagnostics.error("unknown key '\(entry.key)' in \(Self.settingsFile); the only key is 'extends'", at: entry.keyLocation)
                return .failed
            }
            switch entry.value.value {
            case .null: break
            case .string(let name) where !name.isEmpty && !name.contains("/") && !name.hasPrefix("."):
                parent = .named(name, entry.value.location)
            case .string(let name):
                diagnostics.error("'extends' must be the name of a theme folder, not '\(name)'", at: entry.value.location)
                return .failed
            default:
                diagnostics.error("'extends' must name a theme (a folder name), found \(entry.value.typeDescription)", at: entry.value.location)
                return .failed
            }
        }
        return parent
    }
}
