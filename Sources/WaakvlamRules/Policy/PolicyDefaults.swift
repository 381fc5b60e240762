import WaakvlamCore

// The defaults used when `rules.yaml` leaves a section out. They equal the shipped
// `config/rules.yaml`, where each number is documented as local policy.

extension ScoringPolicy {
    /// The shipped scoring defaults.
    public static let standard = ScoringPolicy(horizon: .days(365), reporterCap: 3, multiDomainBonus: 0.25, activeDomainMinimum: 0.5, feudWindow: .days(90))
}

extension LevelPolicy {
    /// The shipped level defaults.
    public static let standard = LevelPolicy(thresholds: Thresholds(amberAt: 4, redAt: 8), coolDown: .days(14), evaluateEvery: TimeSpan(seconds: 3_600))
}

extension AftercarePolicy {
    /// The shipped aftercare defaults.
    public static let standard = AftercarePolicy(afterSupportEnds: .days(365), arrivalOrigins: [.bw, .mo, .kliniek], afterArrival: .days(365),
                                                 afterRecovery: .days(180), thresholds: Thresholds(amberAt: 2.5, redAt: 6))
}

extension BuildingPolicy {
    /// The shipped building defaults.
    public static let standard = BuildingPolicy(
        minimumHouseholds: 5, window: .days(90),
        concernShare: Bounds(amberAt: 0.2, redAt: 0.35), nuisancePerDwelling: Bounds(amberAt: 0.5, redAt: 1.0),
        vulnerableShare: Bounds(amberAt: 0.2, redAt: 0.33), vulnerableOrigins: [.bw, .mo, .kliniek],
        turnover: Bounds(amberAt: 0.3, redAt: nil), turnoverWindow: .days(365))
}
