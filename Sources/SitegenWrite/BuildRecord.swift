import SitegenSource

/// What a successful build leaves in its manifest besides the files: the fingerprint of every
/// input it read, and what it reported. A later build whose inputs have the same fingerprint has
/// nothing to do but say the same things again, which is how a rebuild with no change finishes
/// in a fraction of a second and still prints every warning.
///
///     @fingerprint <32 hex digits><TAB><files><TAB><pages>
///     @diagnostic <severity><TAB><line><TAB><column><TAB><file><TAB><message>
///     @omitted <severity><TAB><count><TAB><file><TAB><kind>    problems only counted (see `Diagnostics`)
///
/// Line 0 means a diagnostic without a place. Tabs, line breaks and backslashes in the file and
/// the message are escaped as `\t`, `\n`, `\r` and `\\`.
public struct BuildRecord: Sendable, Equatable {
    public var fingerprint: String
    /// Files and HTML pages the build produced, for its report.
    public var files: Int
    public var pages: Int
    /// Warnings, in the order they were reported.
    public var diagnostics: [Diagnostic]
    /// Warnings past the report's limit, counted per kind and file.
    public var omitted: [Omitted]

    public struct Omitted: Sendable, Equatable {
        public var severity: Diagnostic.Severity
        public var count: Int
        public var file: String?
        public var kind: String
    }

    public init(fingerprint: String, files: Int, pages: Int, diagnostics: [Diagnostic], omitted: [Omitted] = []) {
        self.fingerprint = fingerprint
        self.files = files
        self.pages = pages
        self.diagnostics = diagnostics
        self.omitted = omitted
    }

    /// The record of a build that reported `report`: what it kept in full and what it counted.
    public init(fingerprint: String, files: Int, pages: Int, report: Diagnostics) {
        self.init(fingerprint: fingerprint, files: files, pages: pages, diagnostics: report.all,
                  omitted: report.omitted.map { Omitted(severity: $0.severity, count: $0.count, file: $0.file, kind: $0.kind) })
    }

    /// The report again, as the build that recorded it made it.
    public var report: Diagnostics {
        var report = Diagnostics()
        for diagnostic in diagnostics { report.append(diagnostic) }
        for group in omitted { report.appendOmitted(group.severity, kind: group.kind, file: group.file, count: group.count) }
        return report
    }

    static let fingerprintTag = "@fingerprint "
    static let diagnosticTag = "@diagnostic "
    static let omittedTag = "@omitted "

    func append(to out: inout [UInt8]) {
        out += Self.fingerprintTag.utf8
        out += "\(fingerprint)\t\(files)\t\(pages)\n".utf8
        for diagnostic in diagnostics {
            out += Self.diagnosticTag.utf8
            out += diagnostic.severity.rawValue.utf8
            out += "\t\(diagnostic.location?.line ?? 0)\t\(diagnostic.location?.column ?? 0)\t".utf8
            Self.escape(diagnostic.location?.file ?? "", into: &out)
            out.append(0x09)
            Self.escape(diagnostic.message, into: &out)
            out.append(0x0A)
        }
        for group in omitted {
            out += Self.omittedTag.utf8
            out += "\(group.severity.rawValue)\t\(group.count)\t".utf8
            Self.escape(group.file ?? "", into: &out)
            out.append(0x09)
            Self.escape(group.kind, into: &out)
            out.append(0x0A)
        }
    }

    /// Reads the `@` lines of a manifest; nil when they hold no fingerprint or are malformed.
    static func parse(_ lines: [ArraySlice<UInt8>]) -> BuildRecord? {
        var record: BuildRecord?
        for line in lines {
            if line.starts(with: fingerprintTag.utf8) {
                let fields = line.dropFirst(fingerprintTag.utf8.count).split(separator: 0x09, omittingEmptySubsequences: false)
                guard fields.count == 3, let files = Int(String(decoding: fields[1], as: UTF8.self)),
                      let pages = Int(String(decoding: fields[2], as: UTF8.self)) else { return nil }
                record = BuildRecord(fingerprint: String(decoding: fields[0], as: UTF8.self), files: files, pages: pages, diagnostics: [])
            } else if line.starts(with: diagnosticTag.utf8) {
                let fields = line.dropFirst(diagnosticTag.utf8.count).split(separator: 0x09, omittingEmptySubsequences: false)
                guard record != nil, fields.count == 5,
                      let severity = Diagnostic.Severity(rawValue: String(decoding: fields[0], as: UTF8.self)),
                      let lineNumber = Int(String(decoding: fields[1], as: UTF8.self)),
                      let column = Int(String(decoding: fields[2], as: UTF8.self)) else { return nil }
                let location = lineNumber == 0 ? nil
                    : SourceLocation(file: unescape(fields[3]), line: lineNumber, column: column)
                record?.diagnostics.append(Diagnostic(severity, unescape(fields[4]), at: location))
            } else if line.starts(with: omittedTag.utf8) {
                let fields = line.dropFirst(omittedTag.utf8.count).split(separator: 0x09, omittingEmptySubsequences: false)
                guard record != nil, fields.count == 4,
                      let severity = Diagnostic.Severity(rawValue: String(decoding: fields[0], as: UTF8.self)),
                      let count = Int(String(decoding: fields[1], as: UTF8.self)) else { return nil }
                let file = unescape(fields[2])
                record?.omitted.append(Omitted(severity: severity, count: count, file: file.isEmpty ? nil : file,
                                               kind: unescape(fields[3])))
            }
        }
        return record
    }

    private static func escape(_ text: String, into out: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x5C: out += [0x5C, 0x5C]
            default: out.append(byte)
            }
        }
    }

    private static func unescape(_ bytes: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var escaped = false
        for byte in bytes {
            if escaped {
                switch byte {
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                default: out.append(byte)
                }
                escaped = false
            } else if byte == 0x5C {
                escaped = true
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
