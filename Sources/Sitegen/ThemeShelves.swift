import SitegenEmbedded
import SitegenRender

extension BuildOptions {
    /// Themes are looked up in the themes folder (`--themes`, else `Themes/`), then among the
    /// themes built into the executable: a site needs no themes folder at all, and one holding
    /// `default/` with a single template changes that template only.
    var themeLoader: ThemeLoader {
        ThemeLoader(shelves: [
            ThemeShelf(fileSystem: fileSystem, root: themesDirectory, displayRoot: DisplayPath.of(themesDirectory)),
            ThemeShelf(fileSystem: EmbeddedArchive.builtInThemes, root: "", displayRoot: "(built-in)"),
        ])
    }
}
