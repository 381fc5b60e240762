/// A fixed list of outcomes with whole-number weights, drawn from with a ``SeededGenerator``.
struct WeightedChoice<Element: Sendable>: Sendable {
    private let elements: [Element]
    private let cumulative: [Int]

    /// Creates a choice from `(outcome, weight)` pairs; weights must be positive.
    init(_ pairs: KeyValuePairs<Element, Int>) {
        var running = 0
        var elements: [Element] = []
        var cumulative: [Int] = []
        for (element, weight) in pairs {
            precondition(weight > 0, "weights must be positive")
            running += weight
            elements.append(element)
            cumulative.append(running)
        }
        self.elements = elements
        self.cumulative = cumulative
    }

    /// One outcome, each with probability weight / total weight.
    func pick(_ random: inout SeededGenerator) -> Element {
        let draw = random.below(cumulative[cumulative.count - 1])
        var index = 0
        while cumulative[index] <= draw { index += 1 }
        return elements[index]
    }
}
