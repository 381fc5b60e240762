/// A parsed and type-checked boolean condition from `rules.yaml`, ready to evaluate many times.
///
/// Two conditions are equal when they have the same structure and calls, whatever their
/// spelling: `score()>=6` equals `score() >= 6`, so parsing ``description`` gives an equal value.
public struct Condition: Sendable, Equatable, CustomStringConvertible {
    /// The source text the condition was parsed from.
    public var text: String
    /// Every distinct call in the condition, in the order they first appear.
    public private(set) var calls: [FunctionCall]
    /// The boolean nodes in post-order: children always come before their parent.
    let nodes: [ConditionNode]
    /// The index of the node that is the whole condition.
    let root: Int

    /// Only the parser builds conditions, so every tree here has passed the type checks.
    init(text: String, calls: [FunctionCall], nodes: [ConditionNode], root: Int) {
        self.text = text
        self.calls = calls
        self.nodes = nodes
        self.root = root
    }

    /// Whether the condition holds for these facts; `and` and `or` stop as soon as the answer is known.
    public func evaluate(_ facts: some ConditionFacts) -> Bool {
        truth(of: root, facts)
    }

    /// Each call with its value, for explanations, e.g. `("days_overdue(arrears)", .number(75))`.
    ///
    /// Every call is asked, including those ``evaluate(_:)`` would skip, so an explanation can
    /// show the whole picture; this is why evaluation itself never builds a trace.
    public func trace(_ facts: some ConditionFacts) -> [(call: FunctionCall, value: ConditionValue)] {
        calls.map { call in
            (call, call.function.returnsBoolean ? .boolean(facts.truth(call)) : .number(facts.number(call)))
        }
    }

    /// The text is a spelling, not part of the meaning.
    public static func == (lhs: Condition, rhs: Condition) -> Bool {
        lhs.root == rhs.root && lhs.nodes == rhs.nodes && lhs.calls == rhs.calls
    }

    private func truth(of index: Int, _ facts: some ConditionFacts) -> Bool {
        switch nodes[index] {
        case .constant(let value): value
        case .call(let call): facts.truth(calls[call])
        case .not(let operand): !truth(of: operand, facts)
        case .and(let left, let right): truth(of: left, facts) && truth(of: right, facts)
        case .or(let left, let right): truth(of: left, facts) || truth(of: right, facts)
        case .compare(let comparison, let left, let right):
            comparison.holds(value(of: left, facts), value(of: right, facts))
        }
    }

    private func value(of operand: NumberOperand, _ facts: some ConditionFacts) -> Double {
        switch operand {
        case .constant(let value): value
        case .call(let call): facts.number(calls[call])
        }
    }
}
