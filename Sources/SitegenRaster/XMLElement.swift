/// One element of a parsed XML document: what the SVG reader needs and nothing more.
final class XMLElement {
    /// The qualified name as written, prefix included (`svg`, `xlink:href` stays on attributes).
    let name: String
    /// Attributes in document order; names as written.
    let attributes: [(name: String, value: String)]
    var children: [XMLElement] = []
    /// Character data directly inside this element (text and CDATA), concatenated.
    var text = ""
    /// Character data and child elements in document order, for text layout (`tspan`).
    var content: [XMLContent] = []
    weak var parent: XMLElement?

    init(name: String, attributes: [(name: String, value: String)]) {
        self.name = name
        self.attributes = attributes
    }

    /// The element name without a namespace prefix, so `svg:rect` reads as `rect`.
    var localName: Substring {
        if let colon = name.lastIndex(of: ":") { return name[name.index(after: colon)...] }
        return name[...]
    }

    func attribute(_ name: String) -> String? {
        for attribute in attributes where attribute.name == name { return attribute.value }
        return nil
    }
}

/// One piece of an element's content.
enum XMLContent {
    case text(String)
    case element(XMLElement)
}
