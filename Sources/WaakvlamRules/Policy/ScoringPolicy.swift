import WaakvlamCore

/// How a resident's signals add up to one score.
public struct ScoringPolicy: Sendable, Equatable {
    /// A signal older than this no longer counts at all, however slowly it fades.
    public var horizon: TimeSpan
    /// The most that the nuisance reports of one reporter can add together.
    public var reporterCap: Double
    /// Each active life-domain beyond the first multiplies the concern by 1 + this (the optelsom).
    public var multiDomainBonus: Double
    /// A domain counts as active from this much (faded) concern.
    public var activeDomainMinimum: Double
    /// Two households reporting each other within this window are in a feud.
    public var feudWindow: TimeSpan

    /// Creates a scoring policy.
    public init(horizon: TimeSpan, reporterCap: Double, multiDomainBonus: Double, activeDomainMinimum: Double, feudWindow: TimeSpan) {
        self.horizon = horizon
        self.reporterCap = reporterCap
        self.multiDomainBonus = multiDomainBonus
        self.activeDomainMinimum = activeDomainMinimum
        self.feudWindow = feudWindow
    }
}
