/// Entries and items of the collections a parser has open, innermost last, pushed here while
/// their count is unknown and moved into an exactly sized array when the collection ends: one
/// allocation per collection instead of an array grown 1, 2, 4, 8… for each of a million small
/// mappings. Shared by the JSON and YAML parsers.
final class ChildStack<Element> {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init() {
        capacity = 64
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    func push(_ element: consuming Element) {
        if count == capacity {
            let grown = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
            grown.moveInitialize(from: base, count: count)
            base.deallocate()
            base = grown
            capacity *= 2
        }
        (base + count).initialize(to: element)
        count += 1
    }

    /// The elements from `start` on, in push order, borrowed for reading.
    func withElements<R>(from start: Int, _ body: (UnsafeBufferPointer<Element>) -> R) -> R {
        body(UnsafeBufferPointer(start: base + start, count: count - start))
    }

    /// Hands every element to `body`, moved out in push order; the stack is empty afterwards.
    func moveAll(_ body: (consuming Element) -> Void) {
        for index in 0 ..< count { body((base + index).move()) }
        count = 0
    }

    /// Moves the elements from `start` on into a new array and removes them from the stack.
    func pop(from start: Int) -> [Element] {
        let n = count - start
        guard n > 0 else { return [] }
        let source = base + start
        // reserveCapacity and append rather than Array(unsafeUninitializedCapacity:), whose
        // allocation is not inlined and looks up the array's type metadata at run time, a
        // hash-table search per container.
        var result: [Element] = []
        result.reserveCapacity(n)
        for index in 0 ..< n { result.append((source + index).move()) }
        count = start
        return result
    }
}
