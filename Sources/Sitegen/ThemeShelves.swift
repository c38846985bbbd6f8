import SitegenEmbedded
import SitegenModel
import SitegenRender
import SitegenSource

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

    /// The theme `--theme` names, else the site, else `default`, for the site's locales.
    func loadTheme(for site: Site) -> (Theme?, Diagnostics) {
        let (theme, loaded) = themeLoader.load(themeName ?? site.theme ?? "default", locales: site.locales,
                                               defaultLocale: site.defaultLocale,
                                               requestedAt: themeName == nil ? site.themeLocation : nil)
        var diagnostics = Diagnostics()
        // A missing `Themes/` is the usual site; a missing folder the user named is a typo.
        if themesDirectoryGiven && !fileSystem.isDirectory(themesDirectory) {
            diagnostics.warning("the themes folder \(DisplayPath.of(themesDirectory)) given by --themes does not exist; only the built-in themes are used", at: nil)
        }
        diagnostics.append(contentsOf: loaded)
        return (theme, diagnostics)
    }
}
