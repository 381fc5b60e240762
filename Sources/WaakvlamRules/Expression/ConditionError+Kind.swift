extension ConditionError {
    /// Every way a condition can be wrong.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A character the language does not use, such as `@`, or `&&` where `and` is meant.
        case unexpectedCharacter
        /// The condition has no text but whitespace.
        case emptyCondition
        /// The text stops where more is needed, as in `count(nuisance, 30d) >=`.
        case unexpectedEnd
        /// A token where another was expected, such as a missing `)`.
        case unexpectedToken
        /// More text after a complete condition.
        case trailingInput
        /// A call to a function that is not in the catalogue.
        case unknownFunction
        /// Too many or too few arguments for the function.
        case wrongArgumentCount
        /// An argument of the wrong kind, such as a duration where a selector belongs.
        case wrongArgumentKind
        /// A selector naming no family, no known signal type, or a prefix no type starts with.
        case unknownSelector
        /// An `origin(...)` or `support(...)` value that does not exist.
        case unknownValue
        /// A number or duration that is not well formed, such as `1.2.3` or `30dd`.
        case malformedNumber
        /// A number with too many digits, a duration of 10 or more digits, or a window of zero.
        case numberOutOfRange
        /// Numbers where booleans are needed or the other way round, including a whole condition that is not boolean.
        case typeMismatch
        /// `a < b < c`: comparisons do not chain.
        case chainedComparison
        /// Parentheses, `not` or operators nested deeper than any real rule needs.
        case nestingTooDeep
    }
}
