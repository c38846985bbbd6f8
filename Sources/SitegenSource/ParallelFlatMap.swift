import Dispatch

/// `flatMap` over `0..<count` on every core, in order, for results by the hundred thousand.
/// Each work item emits its results onto a stack of its own, and the stacks are moved (not
/// copied) into one array: copying decoded holders from per-chunk arrays retained and released
/// every string of every holder once more, the largest single cost of merging.
public enum ParallelFlatMap {
    /// `body` runs once per work item, with a fresh `State` (diagnostics, say) per item; the
    /// states come back in item order.
    public static func run<Element, State>(
        count: Int, state makeState: () -> State,
        _ body: @Sendable (_ item: Int, _ state: inout State, _ emit: (consuming Element) -> Void) -> Void
    ) -> (elements: [Element], states: [State]) {
        let stacks = (0 ..< count).map { _ in SendableStack(ChildStack<Element>()) }
        let states = ResultSlots<State>(count: count)
        for item in 0 ..< count { states[item] = makeState() }
        DispatchQueue.concurrentPerform(iterations: count) { item in
            var state = states[item]!
            let stack = stacks[item].stack
            body(item, &state) { stack.push($0) }
            states[item] = state
        }
        var elements: [Element] = []
        elements.reserveCapacity(stacks.reduce(0) { $0 + $1.stack.count })
        for box in stacks { box.stack.moveAll { elements.append($0) } }
        return (elements, states.values.map { $0! })
    }

    /// Each stack is filled by exactly one work item, and read only after all have finished.
    private struct SendableStack<Element>: @unchecked Sendable {
        let stack: ChildStack<Element>
        init(_ stack: ChildStack<Element>) { self.stack = stack }
    }
}
