/// A function a condition may call: the catalogue of facts the engine knows about a resident.
public enum RuleFunction: String, Sendable, CaseIterable {
    /// `count(SEL, WINDOW)`: how many matching signals arrived in the last WINDOW.
    case count
    /// `reporters(SEL, WINDOW)`: how many distinct reporters sent matching signals in the last WINDOW.
    case reporters
    /// `days_overdue(SEL)`: the largest number of days overdue of an open matching arrears episode.
    case daysOverdue = "days_overdue"
    /// `amount(SEL)`: the euros of open matching arrears.
    case amount
    /// `days_since(SEL)`: days since the latest matching signal.
    case daysSince = "days_since"
    /// `domains()`: how many life-domains are active in the score.
    case domains
    /// `score()`: the resident's current score.
    case score
    /// `minors()`: how many minors live in the household.
    case minors
    /// `origin(V, ...)`: whether the household came from one of these places.
    case origin
    /// `support(V, ...)`: whether the household receives one of these support levels.
    case support
    /// `aftercare()`: whether the household is in an aftercare period.
    case aftercare
    /// `feud()`: whether complaints run both ways between this and another household.
    case feud

    /// What kind of argument a function takes at one position; checked when a condition is parsed.
    enum Parameter: Sendable {
        /// A family, a signal type code or a `prefix.*`.
        case selector
        /// A duration such as `30d`.
        case window
        /// An ``Origin`` raw value.
        case origin
        /// A ``SupportLevel`` raw value.
        case support
    }

    /// Whether the function answers true or false; the others answer a number.
    public var returnsBoolean: Bool {
        switch self {
        case .origin, .support, .aftercare, .feud: true
        default: false
        }
    }

    /// The parameters in order; for a variadic function the single parameter may repeat.
    var parameters: [Parameter] {
        switch self {
        case .count, .reporters: [.selector, .window]
        case .daysOverdue, .amount, .daysSince: [.selector]
        case .domains, .score, .minors, .aftercare, .feud: []
        case .origin: [.origin]
        case .support: [.support]
        }
    }

    /// `origin` and `support` take one or more values.
    var isVariadic: Bool { self == .origin || self == .support }

    /// The parameter at argument position `index`, or nil when there are too many arguments.
    func parameter(at index: Int) -> Parameter? {
        let parameters = parameters
        if index < parameters.count { return parameters[index] }
        return isVariadic ? parameters.last : nil
    }

    /// How the function is written, for error messages: `count(selector, window)`.
    var signature: String {
        let names = parameters.map { parameter -> String in
            switch parameter {
            case .selector: "selector"
            case .window: "window"
            case .origin: "origin"
            case .support: "support"
            }
        }
        return "\(rawValue)(\((isVariadic ? names + ["..."] : names).joined(separator: ", ")))"
    }
}
