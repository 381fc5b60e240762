import WaakvlamCore

/// What to simulate: how many households and buildings, over how long, from which seed.
///
/// The simulated period is the `months` months of 30.44 days before `end`,
/// `end` included. The same parameters always give the same feeds.
public struct SimulationParameters: Sendable, Hashable {
    /// Number of households (one registry record each).
    public var residents: Int
    /// Number of buildings (complexes) the households live in.
    public var buildings: Int
    /// Length of the simulated period in months of 30.44 days.
    public var months: Int
    /// The seed every random draw derives from.
    public var seed: UInt64
    /// The last day of the simulated period; no signal is dated after it.
    public var end: LocalDate

    /// Creates parameters; ``SyntheticNeighbourhood`` checks them.
    public init(residents: Int, buildings: Int, months: Int, seed: UInt64, end: LocalDate) {
        self.residents = residents
        self.buildings = buildings
        self.months = months
        self.seed = seed
        self.end = end
    }

    /// Number of days in the simulated period, `end` included: `months` × 30.44, rounded.
    public var periodDays: Int {
        (months * 3_044 + 50) / 100
    }

    /// The first day of the simulated period.
    public var start: LocalDate {
        end.adding(days: Int64(1 - periodDays))
    }

    /// The first problem with these parameters, or nil when they can be simulated.
    public var problem: SimulationError? {
        if residents < 1 { return .invalidParameter("residents must be at least 1, not \(residents)") }
        if residents > 10_000_000 { return .invalidParameter("residents must be at most 10000000, not \(residents)") }
        if buildings < 1 { return .invalidParameter("buildings must be at least 1, not \(buildings)") }
        if buildings > residents { return .invalidParameter("buildings (\(buildings)) must not exceed residents (\(residents))") }
        if months < 1 || months > 600 { return .invalidParameter("months must be between 1 and 600, not \(months)") }
        if end.year < 1960 { return .invalidParameter("end must lie in 1960 or later, not \(end)") }
        return nil
    }
}
