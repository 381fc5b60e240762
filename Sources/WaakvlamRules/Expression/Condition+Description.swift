extension Condition {
    /// The canonical text: single spaces, and parentheses only where precedence needs them,
    /// e.g. `days_overdue(arrears) >= 60 and minors() > 0`. Parsing it gives an equal condition.
    public var description: String {
        render(root, context: .lowest)
    }

    /// Binding strength, lowest first; a node is parenthesised when its context binds tighter.
    private enum Precedence: Int, Comparable {
        case lowest, or, and, not, comparison

        static func < (lhs: Precedence, rhs: Precedence) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    private func render(_ index: Int, context: Precedence) -> String {
        let (text, precedence) = renderBare(index)
        return precedence < context ? "(\(text))" : text
    }

    // Operators are left-associative, so a right operand of equal precedence needs parentheses
    // to keep `a or (b or c)` the same tree after a round trip.
    private func renderBare(_ index: Int) -> (String, Precedence) {
        switch nodes[index] {
        case .constant(let value):
            (value ? "true" : "false", .comparison)
        case .call(let call):
            (calls[call].description, .comparison)
        case .not(let operand):
            ("not \(render(operand, context: .not))", .not)
        case .and(let left, let right):
            ("\(render(left, context: .and)) and \(render(right, context: .not))", .and)
        case .or(let left, let right):
            ("\(render(left, context: .or)) or \(render(right, context: .and))", .or)
        case .compare(let comparison, let left, let right):
            ("\(render(left)) \(comparison.rawValue) \(render(right))", .comparison)
        }
    }

    private func render(_ operand: NumberOperand) -> String {
        switch operand {
        case .constant(let value): NumberText.format(value)
        case .call(let call): calls[call].description
        }
    }
}
