import SitegenMustache
import SitegenSource

/// libFuzzer entry: any bytes compiled as a Mustache template (parsing, whitespace rules,
/// set-delimiter tags, parents and blocks).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplateParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        _ = try Template(bytes: bytes, file: "fuzz.mustache")
    } catch {
        FuzzChecks.located(error, in: bytes)
    }
    return 0
}
