/// Reads conditions written in rules.yaml, checking syntax, function arguments and types at load time.
///
/// Grammar, loosest binding first: `or` < `and` < `not` < comparison (`<`, `<=`, `>`, `>=`,
/// `==`, `!=`, which do not chain) < primary (number, `true`, `false`, `( … )`, `name(args)`).
/// Durations such as `30d` appear only as function arguments.
public struct ConditionParser: Sendable {
    /// The signal type codes selectors may name.
    public var knownTypes: Set<String> { catalogue.codes }
    private let catalogue: SignalCatalogue

    /// Creates a parser for a rule set with these signal type codes.
    public init(knownTypes: Set<String>) {
        catalogue = SignalCatalogue(codes: knownTypes)
    }

    /// Parses and type-checks; throws ConditionError with the position of the first problem.
    public func parse(_ text: String) throws(ConditionError) -> Condition {
        var parsing = try ConditionParsing(text: text, catalogue: catalogue)
        return try parsing.condition()
    }
}
