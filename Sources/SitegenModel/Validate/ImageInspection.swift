/// Identifies images by their bytes, never by their names, and finds what makes an SVG unsafe
/// to serve from the issuer's own origin.
public enum ImageInspection {
    public static func format(of bytes: [UInt8]) -> ContentImage.Format? {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        return isSVG(bytes) ? .svg : nil
    }

    /// UTF-8 text whose first element, after a prolog, is `<svg`.
    static func isSVG(_ bytes: [UInt8]) -> Bool {
        guard String(validating: bytes, as: UTF8.self) != nil else { return false }
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1; continue }
            guard byte == UInt8(ascii: "<") else { return false }
            let rest = bytes[index...]
            if rest.starts(with: Array("<svg".utf8)) {
                let after = index + 4 < bytes.count ? bytes[index + 4] : 0
                return after == 0x20 || after == 0x09 || after == 0x0A || after == 0x0D || after == UInt8(ascii: ">") || after == UInt8(ascii: "/")
            }
            let close: [UInt8]
            if rest.starts(with: Array("<?".utf8)) { close = Array("?>".utf8) }
            else if rest.starts(with: Array("<!--".utf8)) { close = Array("-->".utf8) }
            else if rest.starts(with: Array("<!DOCTYPE".utf8)) { close = Array(">".utf8) }
            else { return false }
            guard let end = find(close, in: bytes, from: index + 2) else { return false }
            index = end + close.count
        }
        return false
    }

    /// What makes an SVG unsafe, or nil: scripts, event handlers, foreignObject, javascript:
    /// URLs, and entity declarations (which can hide any of these).
    public static func svgHazard(in bytes: [UInt8]) -> String? {
        let lower = bytes.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        if find(Array("<script".utf8), in: lower, from: 0) != nil { return "a <script> element" }
        if find(Array("<foreignobject".utf8), in: lower, from: 0) != nil { return "a <foreignObject> element" }
        if find(Array("<!entity".utf8), in: lower, from: 0) != nil { return "an entity declaration" }
        let compact = lower.filter { $0 > 0x20 }
        if find(Array("javascript:".utf8), in: compact, from: 0) != nil { return "a javascript: link" }
        if let handler = eventHandler(in: lower) { return "an event-handler attribute (\(handler))" }
        return nil
    }

    /// An attribute named on… inside a tag: whitespace, `on`, letters, optional spaces, `=`.
    static func eventHandler(in lower: [UInt8]) -> String? {
        var inTag = false
        var index = 0
        while index < lower.count {
            let byte = lower[index]
            if byte == UInt8(ascii: "<") { inTag = true }
            else if byte == UInt8(ascii: ">") { inTag = false }
            else if inTag, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: "/"),
                    index + 3 < lower.count, lower[index + 1] == UInt8(ascii: "o"), lower[index + 2] == UInt8(ascii: "n") {
                var end = index + 3
                while end < lower.count, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(lower[end]) { end += 1 }
                var equals = end
                while equals < lower.count, lower[equals] == 0x20 || lower[equals] == 0x09 || lower[equals] == 0x0A { equals += 1 }
                if end > index + 3, equals < lower.count, lower[equals] == UInt8(ascii: "=") {
                    return String(decoding: lower[(index + 1)..<end], as: UTF8.self)
                }
            }
            index += 1
        }
        return nil
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        let first = needle[0]
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == first && haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
