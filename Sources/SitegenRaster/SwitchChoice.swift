import Foundation

/// `<switch>`: only its first direct child whose conditions hold is drawn. Illustrator wraps
/// whole artworks this way, behind a `foreignObject` that asks for its own extension.
enum SwitchChoice {
    /// The child drawn: the first element whose `requiredExtensions` is absent (this renderer
    /// implements no extensions) and whose `systemLanguage`, if any, includes English, since
    /// badges are drawn once for every page language.
    static func child(of element: XMLElement) -> XMLElement? {
        element.children.first { child in
            if let extensions = child.attribute("requiredExtensions"), !extensions.trimmingCharacters(in: .whitespaces).isEmpty {
                return false
            }
            if let languages = child.attribute("systemLanguage") {
                return languages.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces).lowercased().hasPrefix("en") }
            }
            return true
        }
    }
}
