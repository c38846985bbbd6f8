import SitegenSource

/// libFuzzer entry: any bytes through the JSON parser. A crash, trap or hang is the finding;
/// rejecting the input with a located error is the expected outcome for most of them.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        _ = try JSONParser.parse(bytes, file: "fuzz.json")
    } catch {
        FuzzChecks.located(error, in: bytes)
    }
    return 0
}
