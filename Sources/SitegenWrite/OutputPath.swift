/// Output paths come from ids that validation made safe; this is the last line of defence
/// before anything touches the disk. Tabs and line breaks are refused too: the manifest is
/// made of lines of tab-separated paths.
public enum OutputPath {
    public static func isSafe(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { isSafe($0) }
    }

    public static func isSafe(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, first != UInt8(ascii: "/"), bytes.last != UInt8(ascii: "/") else { return false }
        var segmentStart = 0
        for index in 0...bytes.count {
            let atEnd = index == bytes.count
            if !atEnd && (bytes[index] == 0 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D) { return false }
            guard atEnd || bytes[index] == UInt8(ascii: "/") else { continue }
            let segment = UnsafeBufferPointer(rebasing: bytes[segmentStart..<index])
            if segment.isEmpty || (segment.count <= 2 && segment.allSatisfy { $0 == UInt8(ascii: ".") })
                || segment.starts(with: ".sitegen".utf8) {
                return false
            }
            segmentStart = index + 1
        }
        return true
    }
}
