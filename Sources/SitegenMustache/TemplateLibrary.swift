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
        try render(name, contexts: CollectionOfOne(context), into: &out)
    }

    public func render(_ name: String, _ context: TemplateValue) throws(Diagnostic) -> [UInt8] {
        var out: [UInt8] = []
        try render(name, contexts: CollectionOfOne(context), into: &out)
        return out
    }

    /// Renders with `contexts` as the context stack, outermost first: a name resolves in the
    /// innermost context that has it, as if each were pushed by a section around the template.
    /// Parts many pages share can so live in a context built once instead of being copied into
    /// every page's own.
    public func render(_ name: String, contexts: [TemplateValue]) throws(Diagnostic) -> [UInt8] {
        var out: [UInt8] = []
        try render(name, contexts: contexts, into: &out)
        return out
    }

    public func render(_ name: String, contexts: [TemplateValue], into out: inout [UInt8]) throws(Diagnostic) {
        try render(name, contexts: contexts[...], into: &out)
    }

    private func render<Contexts: Collection<TemplateValue>>(
        _ name: String, contexts: Contexts, into out: inout [UInt8]
    ) throws(Diagnostic) {
        guard let template = templates[name] else {
            throw Diagnostic.error("unknown template '\(name)'", at: nil)
        }
        // The contexts stay here, unmoved, for the whole rendering: the renderer points into them.
        let roots = UnsafeMutableBufferPointer<TemplateValue>.allocate(capacity: contexts.count)
        _ = roots.initialize(from: contexts)
        var renderer = TemplateRenderer(templates: templates, roots: UnsafeBufferPointer(roots))
        // Room for a typical page, so that few pages grow the buffer; a caller reusing its
        // buffer has room for a page like the last one.
        var page = TextBuffer(capacity: max(out.capacity - out.count, 32 * 1024))
        defer {
            renderer.finish()
            roots.deinitialize()
            roots.deallocate()
        }
        try renderer.render(template.program, from: 0, to: template.program.operations.count, indent: [], into: &page)
        out.append(contentsOf: page.bytes)
    }
}
