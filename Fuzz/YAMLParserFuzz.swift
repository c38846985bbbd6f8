import SitegenSource

/// libFuzzer entry: any bytes through the YAML-lite parser.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAMLParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        _ = try YAMLParser.parse(bytes, file: "fuzz.yaml")
    } catch {
        FuzzChecks.located(error, in: bytes)
    }
    return 0
}
