#if canImport(Glibc)
import Glibc
#endif

/// How the C heap keeps memory a process frees. glibc's defaults give megabyte blocks back to
/// the kernel as soon as they are freed (the top of the heap trimmed, large blocks unmapped),
/// and the next one is faulted in again page by page: every link-preview card allocates and
/// frees megabytes (its band of filtered rows; its copy of the canvas, when this was measured).
/// Measured on `sitegen-bench cards` (1,200 cards): 0.43–0.87 s of system time and
/// 227,000–358,000 page faults with the defaults, 0.01 s and 4,600 faults with these limits;
/// peak memory unchanged (39 MB).
public enum HeapPolicy {
    /// Blocks under 16 MiB come from the heap, and up to 64 MiB freed at its top stays there.
    /// Both are fixed: setting either stops glibc's own adjustment of both, and with only one
    /// set the faults tripled. No effect where the C library is not glibc.
    public static func keepFreedBlocks() {
        #if canImport(Glibc)
        typealias MallocOption = @convention(c) (Int32, Int32) -> Int32
        // mallopt is not in the Glibc module's headers; found at run time instead.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: MallocOption.self)
        let trimThreshold: Int32 = -1, mmapThreshold: Int32 = -3  // M_TRIM_THRESHOLD, M_MMAP_THRESHOLD
        _ = mallopt(mmapThreshold, 16 << 20)
        _ = mallopt(trimThreshold, 64 << 20)
        #endif
    }
}
