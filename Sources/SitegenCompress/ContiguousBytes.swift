/// Runs `body` over the bytes of any collection, copying only if they are not contiguous. The
/// error travels as a `Result` because `withContiguousStorageIfAvailable` only rethrows untyped.
func withContiguousBytes<Bytes: Collection, R>(
    _ bytes: Bytes, _ body: (UnsafeBufferPointer<UInt8>) throws(CompressedDataError) -> R
) throws(CompressedDataError) -> R where Bytes.Element == UInt8 {
    func attempt(_ buffer: UnsafeBufferPointer<UInt8>) -> Result<R, CompressedDataError> {
        do { return .success(try body(buffer)) } catch { return .failure(error) }
    }
    if let result = bytes.withContiguousStorageIfAvailable(attempt) { return try result.get() }
    return try Array(bytes).withUnsafeBufferPointer(attempt).get()
}

/// The same for encoders, which cannot fail.
func withContiguousBytesNonThrowing<Bytes: Collection, R>(
    _ bytes: Bytes, _ body: (UnsafeBufferPointer<UInt8>) -> R
) -> R where Bytes.Element == UInt8 {
    if let result = bytes.withContiguousStorageIfAvailable(body) { return result }
    return Array(bytes).withUnsafeBufferPointer(body)
}
