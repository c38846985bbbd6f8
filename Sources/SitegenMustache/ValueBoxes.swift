/// Copies of values that have no address of their own (read out of a Dictionary), in chunks
/// that never move, so that a `Found` can point at them until `free()`.
struct ValueBoxes {
    private var chunks: [UnsafeMutablePointer<TemplateValue>] = []
    private var used = Self.chunkSize
    private static let chunkSize = 64

    mutating func box(_ value: TemplateValue) -> UnsafePointer<TemplateValue> {
        if used == Self.chunkSize {
            chunks.append(.allocate(capacity: Self.chunkSize))
            used = 0
        }
        let box = chunks[chunks.count - 1] + used
        box.initialize(to: value)
        used += 1
        return UnsafePointer(box)
    }

    mutating func free() {
        for (index, chunk) in chunks.enumerated() {
            chunk.deinitialize(count: index == chunks.count - 1 ? used : Self.chunkSize)
            chunk.deallocate()
        }
        chunks = []
        used = Self.chunkSize
    }
}
