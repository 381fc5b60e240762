/// What the engine provides when a condition is evaluated for one resident at one moment.
///
/// The parser has already checked every call, so an implementation only answers number-valued
/// functions in ``number(_:)`` and boolean ones (``RuleFunction/returnsBoolean``) in ``truth(_:)``.
public protocol ConditionFacts {
    /// The value of a number-valued call such as `count(nuisance, 90d)`.
    func number(_ call: FunctionCall) -> Double
    /// The value of a boolean call such as `feud()`.
    func truth(_ call: FunctionCall) -> Bool
}
