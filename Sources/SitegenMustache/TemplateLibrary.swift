import SitegenSource

/// A theme's templates by name. Partials (`{{>name}}`) and parents (`{{<name}}`) resolve here.
public struct TemplateLibrary: Sendable {
    public let templates: [String: Template]

    public init(templates: [String: Template]) {
        self.templates = templates
    }

    /// Appends the rendering of template `name` to `out`. A missing partial renders as nothing,
    /// as the spec asks (`validate()` reports it); on error `out` holds a partial page.
    public func render(_ name: String, _ context: TemplateValue, into out: inout [UInt8]) throws(Diagnostic) {
        guard let template = templates[name] else {
            throw Diagnostic.error("unknown template '\(name)'", at: nil)
        }
        var renderer = TemplateRenderer(templates: templates, context: context)
        // A caller reusing its buffer has room for a page like the last one.
        var page = PageBuffer(capacity: max(out.capacity - out.count, 16 * 1024))
        defer { page.deallocate() }
        try renderer.render(template.program, from: 0, to: template.program.operations.count, indent: [], into: &page)
        out.append(contentsOf: page.bytes)
    }

    public func render(_ name: String, _ context: TemplateValue) throws(Diagnostic) -> [UInt8] {
        var out: [UInt8] = []
        try render(name, context, into: &out)
        return out
    }
}
