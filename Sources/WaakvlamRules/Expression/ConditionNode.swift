/// A boolean node of a checked condition, stored in one flat array so evaluation walks indices and allocates nothing.
///
/// Children are indices of earlier nodes in the same array. Number-valued operands only ever
/// appear inside a comparison, so they are a separate, inline ``NumberOperand``: a tree built by
/// the parser cannot put a number where a boolean is needed.
enum ConditionNode: Sendable, Equatable {
    /// `true` or `false` written in the condition.
    case constant(Bool)
    /// A boolean function call: an index into ``Condition/calls``.
    case call(Int)
    /// `not x`.
    case not(Int)
    /// `x and y`, evaluated left to right and stopping at the first false.
    case and(Int, Int)
    /// `x or y`, evaluated left to right and stopping at the first true.
    case or(Int, Int)
    /// `a < b` and the other comparisons.
    case compare(ComparisonOperator, NumberOperand, NumberOperand)
}

/// A number in a comparison: a literal or a number-valued call.
enum NumberOperand: Sendable, Equatable {
    /// A literal such as `60` or `2.5`.
    case constant(Double)
    /// A number-valued function call: an index into ``Condition/calls``.
    case call(Int)
}
