import Foundation
import SitegenMustache

/// The bytes of the texts one page's view writes (`WrittenText`: JSON-LD, links, snippets, file
/// names), one after another in one buffer. A buffer per text cost an allocation and a free each,
/// sixteen per award page, the JSON-LD's above malloc's small sizes; the view written, the buffer
/// goes back to `PageTexts.Pool` and the next page writes into the same memory.
final class PageTexts {
    /// Unchecked: written text by text while a view is made, by the one thread making it.
    @exclusivity(unchecked) private var buffer: TextBuffer

    init(capacity: Int = 8 * 1024) {
        buffer = TextBuffer(capacity: capacity)
    }

    /// Text written piece by piece.
    func text(_ write: (inout TextBuffer) -> Void) -> WrittenText {
        let start = buffer.count
        write(&buffer)
        return WrittenText(in: self, start: start, count: buffer.count - start)
    }

    /// `write` writes the text HTML-escaped.
    func html(_ write: (inout TextBuffer) -> Void) -> HTMLText {
        HTMLText(html: text(write))
    }

    /// A string's bytes, as one of the page's texts.
    func text(_ string: String) -> WrittenText {
        text { $0.append(string) }
    }

    /// The bytes of `start..<start + count`, valid until the next text is written.
    func bytes(start: Int, count: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: buffer.bytes[start ..< start + count])
    }

    fileprivate func removeAll() {
        buffer.removeAll()
    }
}

extension PageTexts {
    /// Buffers for the pages being made, one per thread at most: a page takes one and gives it
    /// back once its view is written. On the award page, 29 allocations fewer (75 to 46, dhat)
    /// and glibc malloc's share of its CPU down from 11% to 5% (perf, `sitegen-bench render`).
    final class Pool: @unchecked Sendable {
        private let lock = NSLock()
        private var idle: [PageTexts] = []

        func take() -> PageTexts {
            lock.withLock { idle.popLast() } ?? PageTexts()
        }

        /// Keeps `texts` for the next page, unless a view still holds its texts.
        func giveBack(_ texts: inout PageTexts) {
            guard isKnownUniquelyReferenced(&texts) else { return }
            texts.removeAll()
            let texts = texts
            lock.withLock { idle.append(texts) }
        }
    }
}
