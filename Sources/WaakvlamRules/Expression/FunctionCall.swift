import WaakvlamCore

/// One checked call in a condition, such as `count(overlast.*, 90d)`; the engine answers it through ``ConditionFacts``.
public struct FunctionCall: Sendable, Hashable, CustomStringConvertible {
    /// The function called.
    public var function: RuleFunction
    /// The signals looked at, for `count`, `reporters`, `days_overdue`, `amount` and `days_since`.
    public var selector: SignalSelector?
    /// How far back to look, for `count` and `reporters`.
    public var window: TimeSpan?
    /// The places named in `origin(...)`, in the order written.
    public var origins: [Origin]
    /// The levels named in `support(...)`, in the order written.
    public var supports: [SupportLevel]

    /// Creates a call; the parser fills in only the arguments the function takes.
    public init(function: RuleFunction, selector: SignalSelector? = nil, window: TimeSpan? = nil,
                origins: [Origin] = [], supports: [SupportLevel] = []) {
        self.function = function
        self.selector = selector
        self.window = window
        self.origins = origins
        self.supports = supports
    }

    /// The call as a condition writes it, e.g. `count(overlast.*, 90d)`.
    public var description: String {
        var arguments: [String] = []
        if let selector { arguments.append(selector.description) }
        if let window { arguments.append(window.description) }
        arguments += origins.map(\.rawValue)
        arguments += supports.map(\.rawValue)
        return "\(function.rawValue)(\(arguments.joined(separator: ", ")))"
    }
}
