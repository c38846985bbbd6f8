import SitegenMustache

/// SPEC's URL layout, in one place. Paths are relative to the web root; URLs are absolute.
/// Ids are validated to `[a-z0-9][a-z0-9._-]*`, so they need no encoding in a path.
public struct Routes: Sendable {
    /// Absolute, ending in `/`.
    public let baseURL: String
    public let defaultLocale: String

    public init(baseURL: String, defaultLocale: String) {
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        self.defaultLocale = defaultLocale
    }

    public func url(_ path: String) -> String { String(joining: baseURL, path) }

    /// `""` for the default locale, else `ja/`: the prefix of every HTML page of that locale.
    public func localePrefix(_ locale: String) -> String { locale == defaultLocale ? "" : String(joining: locale, "/") }

    public func index(_ locale: String) -> String { localePrefix(locale) }
    public func awardPage(_ id: String, _ locale: String) -> String { String(joining: localePrefix(locale), "awards/", id, "/") }
    public func badgePage(_ id: String, _ locale: String) -> String { String(joining: localePrefix(locale), "badges/", id, "/") }
    public func issuerPage(_ id: String, _ locale: String) -> String { String(joining: localePrefix(locale), "issuers/", id, "/") }
    public func holderPage(_ id: String, _ locale: String) -> String { String(joining: localePrefix(locale), "holders/", id, "/") }
    public func notFound(_ locale: String) -> String { String(joining: localePrefix(locale), "404.html") }

    public func assertion(_ id: String) -> String { award(id, .assertion) }
    public func bakedImage(_ id: String, _ format: String) -> String { award(id, .bakedImage(format)) }
    public func embed(_ id: String) -> String { award(id, .embed) }
    public func oEmbed(_ id: String) -> String { award(id, .oEmbed) }

    /// An award's files beyond its page: each is `awards/<id>` and a suffix.
    public enum AwardFile: Sendable {
        case assertion, embed, oEmbed
        /// The Open Badges 3.0 credential.
        case credential
        /// The baked image, with its extension.
        case bakedImage(String)

        fileprivate var suffix: (StaticString, String) {
            switch self {
            case .assertion: return (".json", "")
            case .embed: return ("/embed.html", "")
            case .oEmbed: return ("/oembed.json", "")
            case .credential: return ("/credential.json", "")
            case .bakedImage(let format): return ("/badge.", format)
            }
        }
    }

    public func award(_ id: String, _ file: AwardFile) -> String {
        let (suffix, format) = file.suffix
        return String(joining: "awards/", id, suffix.description, format)
    }

    /// `award(id, file)` written onto `out`, preceded by `prefix` (a root, a base URL): an award
    /// page holds several such paths, and a String for each would cost more than the rest of
    /// the value.
    public func appendAward(_ id: String, _ file: AwardFile, after prefix: String = "", to out: inout TextBuffer) {
        let (suffix, format) = file.suffix
        out.append(prefix)
        out.append("awards/")
        out.append(id)
        out.append(suffix)
        out.append(format)
    }
    public func badgeClass(_ id: String) -> String { String(joining: "badges/", id, ".json") }
    public func badgeImage(_ id: String, _ format: String) -> String { String(joining: "badges/", id, "/image.", format) }
    public func socialImage(_ id: String, _ format: String) -> String { String(joining: "badges/", id, "/social.", format) }
    /// A badge's link-preview card: `social/<badge>.png`, or `.<locale>.png` for a locale whose
    /// text differs from the default locale's.
    public func socialCard(_ id: String, locale: String?) -> String {
        locale.map { String(joining: "social/", id, ".", $0, ".png") } ?? String(joining: "social/", id, ".png")
    }
    public func issuerProfile(_ id: String) -> String { String(joining: "issuers/", id, ".json") }
    public func issuerImage(_ id: String, _ format: String) -> String { String(joining: "issuers/", id, "/image.", format) }
    /// A revocation status list, numbered from 1.
    public func statusList(_ number: Int) -> String { String(joining: "status/", String(number), ".json") }
    public func asset(_ name: String) -> String { String(joining: "assets/", name) }

    /// The file that serves a page path: directories get `index.html`.
    public static func file(for path: String) -> String {
        path.isEmpty || path.hasSuffix("/") ? path + "index.html" : path
    }

    /// The relative way back to the web root from a page path (`awards/x/` → `../../`), so the
    /// site works under any base path and in previews.
    public static func root(from path: String) -> String {
        let depth = path.utf8.reduce(0) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 }
        return String(repeating: "../", count: depth)
    }
}
