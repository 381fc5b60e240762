import WaakvlamCore

/// One token of a condition, with where it starts for error messages.
struct ConditionToken: Sendable {
    /// What the token is.
    enum Kind: Sendable, Equatable {
        case number(Double)
        case duration(TimeSpan)
        /// A function name, family, code or `prefix.*`; which one the parser decides by place.
        case name(String)
        case and, or, not, `true`, `false`
        case leftParen, rightParen, comma
        case comparison(ComparisonOperator)
        case end
    }

    var kind: Kind
    /// The characters as written.
    var text: String
    /// Where the token's first character is; for the end, just after the last token.
    var position: SourcePosition
    /// Character offsets into the text, so the parser can quote whole operands.
    var start: Int
    var end: Int

    /// How messages name the token: `'count'`, or `the end` for the end of the text.
    var quoted: String {
        kind == .end ? "the end" : "'\(text)'"
    }
}
