/// A parsed sub-expression while the parser works: its value, its type and its place in the text.
struct Operand {
    /// Booleans are nodes; numbers stay inline until a comparison takes them.
    enum Value {
        case boolean(Int)
        case number(NumberOperand)
    }

    var value: Value
    /// The first token, for error positions.
    var first: ConditionToken
    /// The character offset just after the operand, for quoting it.
    var end: Int
    /// How many boolean nodes deep the operand is, to bound evaluation's recursion.
    var depth: Int

    /// `a number` or `true or false`, for type messages.
    var typeName: String {
        switch value {
        case .boolean: "true or false"
        case .number: "a number"
        }
    }
}
