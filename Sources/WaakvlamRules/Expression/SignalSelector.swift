import WaakvlamCore

/// Which signals a rule function looks at: one type, every type under a prefix, or a whole family.
///
/// Written in conditions as `overlast.geluid`, `overlast.*` or `nuisance`.
public enum SignalSelector: Sendable, Hashable, CustomStringConvertible {
    /// Exactly one signal type code.
    case type(String)
    /// Every code that starts with this prefix followed by a dot (`overlast.*` is `.prefix("overlast")`).
    case prefix(String)
    /// Every type of a family.
    case family(SignalFamily)

    /// Whether a signal of type `code` in `family` is selected.
    public func matches(code: String, family: SignalFamily) -> Bool {
        switch self {
        case .type(let wanted): code == wanted
        case .prefix(let prefix): code.count > prefix.count && code.hasPrefix(prefix) && code[code.index(code.startIndex, offsetBy: prefix.count)] == "."
        case .family(let wanted): family == wanted
        }
    }

    /// The selector as a condition writes it.
    public var description: String {
        switch self {
        case .type(let code): code
        case .prefix(let prefix): "\(prefix).*"
        case .family(let family): family.rawValue
        }
    }
}
