/// The policy loaded from `rules.yaml`: signal types and the arrears policy.
///
/// Every number in here is local policy, not law; the shipped defaults are
/// documented in `config/rules.yaml`.
public struct RuleSet: Sendable, Equatable {
    /// Signal types by code.
    public var signalTypes: [String: SignalType]
    /// Life-domains the signal types may name.
    public var domains: [String]
    /// How repeated arrears reports are recognised.
    public var arrears: ArrearsPolicy

    /// Creates a rule set.
    public init(signalTypes: [String: SignalType], domains: [String], arrears: ArrearsPolicy) {
        self.signalTypes = signalTypes
        self.domains = domains
        self.arrears = arrears
    }

    /// The signal type for `code`, or nil when `rules.yaml` does not define it.
    public func signalType(_ code: String) -> SignalType? { signalTypes[code] }
}
