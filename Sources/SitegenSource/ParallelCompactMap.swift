import Dispatch

/// `compactMap` over `0..<count` on every core, in order, for results by the hundred thousand.
/// Each result is built in place in its own slot and moved (not copied) into the array, so no
/// element's references are retained and released again on the way; that was the largest single
/// cost of merging per-chunk arrays of decoded holders.
public enum ParallelCompactMap {
    /// `transform` runs once per index, in chunks of `chunkSize` consecutive indices; each chunk
    /// gets a fresh `State` (diagnostics, say), returned in chunk order.
    public static func run<Element, State>(
        count: Int, chunkSize: Int, state makeState: () -> State,
        _ transform: @Sendable (Int, inout State) -> Element?
    ) -> (elements: [Element], states: [State]) {
        let chunkCount = (count + chunkSize - 1) / chunkSize
        let slots = Slots<Element>(count: count)
        let states = ResultSlots<State>(count: chunkCount)
        for chunk in 0 ..< chunkCount { states[chunk] = makeState() }
        DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
            var state = states[chunk]!
            for index in chunk * chunkSize ..< min(count, (chunk + 1) * chunkSize) {
                if let element = transform(index, &state) { slots.initialize(index, to: element) }
            }
            states[chunk] = state
        }
        return (slots.moveFilled(), states.values.map { $0! })
    }

    /// Uninitialised storage whose slots workers fill at most once each, by index.
    private final class Slots<Element>: @unchecked Sendable {
        private let storage: UnsafeMutablePointer<Element>
        private let filled: UnsafeMutablePointer<Bool>
        private let count: Int

        init(count: Int) {
            self.count = count
            storage = .allocate(capacity: max(1, count))
            filled = .allocate(capacity: max(1, count))
            filled.initialize(repeating: false, count: count)
        }

        func initialize(_ index: Int, to element: consuming Element) {
            (storage + index).initialize(to: element)
            filled[index] = true
        }

        /// The filled slots in order, moved out; the storage is empty afterwards.
        func moveFilled() -> [Element] {
            var total = 0
            for index in 0 ..< count where filled[index] { total += 1 }
            let elements = [Element](unsafeUninitializedCapacity: total) { buffer, initialized in
                for index in 0 ..< count where filled[index] {
                    (buffer.baseAddress! + initialized).moveInitialize(from: storage + index, count: 1)
                    filled[index] = false
                    initialized += 1
                }
            }
            return elements
        }

        deinit {
            for index in 0 ..< count where filled[index] { (storage + index).deinitialize(count: 1) }
            storage.deallocate()
            filled.deallocate()
        }
    }
}
