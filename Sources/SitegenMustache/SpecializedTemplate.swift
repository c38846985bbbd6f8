import SitegenSource

/// A template rendered ahead as far as the contexts many pages share decide it: a page costs
/// little more than copying the settled text and filling in what is its own. Renders exactly
/// as `TemplateLibrary.render` would with the shared contexts beneath the page's.
///
/// Made by `TemplateLibrary.specialize`. Immutable, so one can serve many threads.
public final class SpecializedTemplate: @unchecked Sendable {
    private let library: TemplateLibrary
    private let name: String
    private let shared: [TemplateValue]
    /// `shared`, at addresses the program points at.
    private let roots: UnsafeMutableBufferPointer<TemplateValue>
    private var boxes: ValueBoxes
    /// nil when the template could not be specialized: every page renders plainly.
    private let program: TemplateProgram?
    private let templates: [String: Template]

    fileprivate init(library: TemplateLibrary, name: String, shared: [TemplateValue], sample: TemplateValue) {
        self.library = library
        self.name = name
        self.shared = shared
        templates = library.templates
        roots = .allocate(capacity: shared.count)
        _ = roots.initialize(from: shared)
        var specializer = TemplateSpecializer(templates: library.templates)
        var program: TemplateProgram? = nil
        if let template = library.templates[name] {
            let samplePlace = UnsafeMutablePointer<TemplateValue>.allocate(capacity: 1)
            samplePlace.initialize(to: sample)
            program = try? specializer.specialize(template, shared: UnsafeBufferPointer(roots), sample: samplePlace)
            samplePlace.deinitialize(count: 1)
            samplePlace.deallocate()
        }
        self.program = program
        boxes = specializer.boxes
    }

    deinit {
        boxes.free()
        roots.deinitialize()
        roots.deallocate()
    }

    /// Whether pages get the specialized rendering (else all render plainly).
    public var isSpecialized: Bool { program != nil }

    public func render(_ page: TemplateValue) throws(Diagnostic) -> [UInt8] {
        if let program {
            // Straight into the array returned, sized for a page like this one, rather than
            // into a buffer copied at the end.
            var textCount = program.bytes.count
            if case .document(let document) = page { textCount = document.storage.text.count }
            let estimate = program.bytes.count + 2 * textCount + 4096
            var moved: [UInt8]? = nil
            var failure: Diagnostic? = nil
            var rendered = false
            let bytes = [UInt8](unsafeUninitializedCapacity: estimate) { memory, initialized in
                var out = TextBuffer(lent: memory.baseAddress!, capacity: memory.count)
                do throws(Diagnostic) {
                    rendered = try renderSpecialized(program, page, into: &out)
                } catch {
                    failure = error
                }
                if out.ownsMemory {
                    moved = Array(out.bytes)
                    initialized = 0
                } else {
                    initialized = rendered ? out.count : 0
                }
            }
            if let failure { throw failure }
            if rendered { return moved ?? bytes }
        }
        var out: [UInt8] = []
        try library.render(name, contexts: shared + [page], into: &out)
        return out
    }

    /// Appends the page whose own context is `page`.
    public func render(_ page: TemplateValue, into out: inout [UInt8]) throws(Diagnostic) {
        if let program {
            var buffer = TextBuffer(capacity: program.bytes.count + program.bytes.count / 2 + 1024)
            if try renderSpecialized(program, page, into: &buffer) {
                out.append(contentsOf: buffer.bytes)
                return
            }
        }
        try library.render(name, contexts: shared + [page], into: &out)
    }

    /// false when the page breaks an assumption the program was made with; `out` then holds
    /// part of a page.
    private func renderSpecialized(_ program: TemplateProgram, _ page: TemplateValue, into out: inout TextBuffer) throws(Diagnostic) -> Bool {
        let place = UnsafeMutablePointer<TemplateValue>.allocate(capacity: 1)
        place.initialize(to: page)
        var contexts: [Found] = []
        contexts.reserveCapacity(roots.count + 1)
        if let base = roots.baseAddress {
            for index in 0..<roots.count { contexts.append(Found(base + index)) }
        }
        contexts.append(Found(place))
        var renderer = TemplateRenderer(templates: templates, contexts: contexts)
        defer {
            renderer.finish()
            place.deinitialize(count: 1)
            place.deallocate()
        }
        do throws(Diagnostic) {
            try renderer.check(Found(place), program, assumption: TemplateSpecializer.pageAssumption)
            try renderer.render(program, from: 0, to: program.operations.count, indent: [], into: &out)
        } catch {
            if renderer.assumptionFailed { return false }
            throw error
        }
        return true
    }
}

extension TemplateLibrary {
    /// Template `name` rendered ahead against `shared`, the contexts (outermost first) that
    /// pages to come share beneath their own. `sample` is one such page's own context: only
    /// which names it has guides the work, never what they hold, so any page renders right.
    public func specialize(_ name: String, shared: [TemplateValue], sample: TemplateValue) -> SpecializedTemplate {
        SpecializedTemplate(library: self, name: name, shared: shared, sample: sample)
    }
}
