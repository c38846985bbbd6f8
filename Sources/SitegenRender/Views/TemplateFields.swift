import SitegenModel
import SitegenMustache

/// A view: a page's data, or a part of it, as a plain immutable value whose stored properties
/// are the template's variables, named alike. Views are made by pure functions from the plan
/// (`PageRenderer.awardPageView` and friends) and written into the page's template document
/// here, under literal keys, so that a page costs no key copies or hashing.
///
/// `ViewFieldTests` checks, on every view of the golden site, that `write(to:)` writes each
/// stored property under its own name and nothing else, and docs/themes.md lists them: a field
/// added to a view's struct is a variable, documented, or a failing test.
protocol TemplateFields {
    /// Writes the fields into the record open in `page`.
    func write(to page: TemplateDocument.Writer)
}

extension TemplateDocument.Writer {
    func field(_ key: StaticString, _ value: some TemplateFields) {
        self.key(key)
        beginRecord()
        value.write(to: self)
        endRecord()
    }

    func field(_ key: StaticString, _ value: (some TemplateFields)?) {
        if let value { field(key, value) } else { field(key, value: .null) }
    }

    func field(_ key: StaticString, _ items: [some TemplateFields]) {
        self.key(key)
        beginList()
        // Read in place: `for item in items` copied each item, retaining its texts.
        items.withUnsafeBufferPointer { items in
            for index in items.indices {
                beginRecord()
                items[index].write(to: self)
                endRecord()
            }
        }
        endList()
    }

    func field(_ key: StaticString, _ text: HTMLText) {
        self.key(key)
        beginText()
        appendText(text.html.utf8)
        endEscapedText()
    }

    func field(_ key: StaticString, _ text: WrittenText) {
        self.key(key)
        beginText()
        appendText(text.utf8)
        endText()
    }

    func field(_ key: StaticString, _ text: WrittenText?) {
        if let text { field(key, text) } else { field(key, value: .null) }
    }

    func field(_ key: StaticString, _ text: HTMLText?) {
        if let text { field(key, text) } else { field(key, value: .null) }
    }
}

/// Text already escaped for HTML (share links whose query strings were escaped as they were
/// made): `{{ }}` prints it as it is.
struct HTMLText: Equatable {
    var html: WrittenText
}

/// Text written piece by piece (JSON-LD, share links, snippets, URLs), held as the UTF-8 bytes it
/// was written as, in the page's `PageTexts`. A String of them would check their encoding once
/// more on every page: 4% of an award page's CPU (`sitegen-bench render`).
struct WrittenText: Equatable {
    private let texts: PageTexts
    private let start: Int
    let count: Int

    init(in texts: PageTexts, start: Int, count: Int) {
        self.texts = texts
        self.start = start
        self.count = count
    }

    /// Valid until the page's next text is written.
    var utf8: UnsafeBufferPointer<UInt8> { texts.bytes(start: start, count: count) }

    var string: String { String(decoding: utf8, as: UTF8.self) }

    static func == (one: WrittenText, other: WrittenText) -> Bool {
        one.utf8.elementsEqual(other.utf8)
    }
}

/// A day as pages show it: `text` in the page's language, `iso` for `<time datetime>`.
struct DateView: TemplateFields {
    var text: String
    var iso: Day

    func write(to page: TemplateDocument.Writer) {
        page.field("text", text)
        page.field("iso") { out in
            out.append(upTo: Day.digitCount) { target in
                iso.write(to: target)
                return Day.digitCount
            }
        }
    }
}

/// A labelled link; `href` is nil for the page itself (the last breadcrumb) or a missing target.
struct LinkView: TemplateFields {
    var label: String
    var href: String?

    func write(to page: TemplateDocument.Writer) {
        page.field("label", label)
        page.field("href", href)
    }
}

/// Fields made once per locale or badge and copied into every page that shows them (a fixed
/// verification line, a breadcrumb): a copy, not a key, hash and escape check per field. What
/// `fields` holds is written where the prototype was made, itself a view written once.
struct Prototype: TemplateFields, Sendable {
    var fields: TemplateDocument

    /// What prototypes hold until they are made.
    static let empty = Prototype(fields: .record([:]))

    init(fields: TemplateDocument) {
        self.fields = fields
    }

    init(_ view: some TemplateFields) {
        let writer = TemplateDocument.Writer()
        view.write(to: writer)
        fields = writer.finish()
    }

    func write(to page: TemplateDocument.Writer) {
        page.fields(of: fields)
    }
}
