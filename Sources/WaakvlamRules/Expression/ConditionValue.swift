/// The value a function call had when a condition was evaluated, shown in explanations.
public enum ConditionValue: Sendable, Equatable, CustomStringConvertible {
    /// The answer of a number-valued function such as `count`.
    case number(Double)
    /// The answer of a boolean function such as `feud`.
    case boolean(Bool)

    /// `75`, `2.5` or `true`: whole numbers without a trailing `.0`, because people read these.
    public var description: String {
        switch self {
        case .number(let value): NumberText.format(value)
        case .boolean(let value): value ? "true" : "false"
        }
    }
}
